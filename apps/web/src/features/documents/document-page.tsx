import { useState } from 'react';
import { documentsApi } from '@custodian/shared/contracts/documents.ts';
import { urlOf } from '../../api/client.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { AssignPanel } from './document-assignments.tsx';
import { DocumentDetailsForm } from './document-details-form.tsx';
import { ApprovePanel, type OwnSave } from './approve-panel.tsx';
import { DraftEditor } from './draft-editor.tsx';
import { useDocument } from './documents-api.ts';
import { statusWords } from './documents-page.tsx';
import { PolicyText } from './policy-text.tsx';

/** One document: its details, the draft editor, approval, versions with their DOCX and PDF, and who must read it. */
export function DocumentPage({ id }: { id: string }) {
  const session = useSignedInSession();
  const canWrite = useCan('documents.write');
  const canApprove = useCan('documents.approve');
  const query = useDocument(id);
  const [ownSaves, setOwnSaves] = useState<OwnSave[]>([]);
  const timeZone = session.organisation?.timeZone;
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const doc = query.data;
  return (
    <>
      <p>
        <Link to="/documents">← Back to documents</Link>
      </p>
      <PageHeader title={doc.name} intro={<p>{statusWords[doc.status]}</p>} />
      <DetailsList>
        <DetailRow term="Approved version">{doc.approvedLabel ?? 'None yet'}</DetailRow>
        <DetailRow term="Owner">{doc.ownerName ?? 'No owner'}</DetailRow>
        <DetailRow term="Next review">{doc.nextReviewOn ? formatDate(doc.nextReviewOn) : 'Set when approved'}</DetailRow>
        <DetailRow term="Review every">{`${doc.reviewMonths} months`}</DetailRow>
      </DetailsList>
      {canWrite ? <DocumentDetailsForm key={doc.id} doc={doc} /> : null}
      {canWrite ? <DraftEditor key={doc.id} doc={doc} onSaved={(from, saved) => setOwnSaves((saves) => [...saves, { from, to: saved.version }])} /> : <PolicyText html={doc.draftHtml} />}
      {canApprove && doc.status !== 'approved' ? <ApprovePanel key={`approve-${doc.id}`} doc={doc} ownSaves={ownSaves} /> : null}
      <section className="panel" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Approved versions</h2>
        {doc.versions.length === 0 ? <p>Not approved yet.</p> : null}
        <ul>
          {doc.versions.map((v) => (
            <li key={v.number}>
              Version {v.label}, approved {formatDateTime(v.approvedAt, timeZone)} by {v.approvedByName}: {v.changeNote}{' '}
              <a href={urlOf(documentsApi.versionDocx, { params: { id: doc.id, number: v.number } })} download>
                Word<span className="sr-only"> (version {v.label})</span>
              </a>{' '}
              <a href={urlOf(documentsApi.versionPdf, { params: { id: doc.id, number: v.number } })} download>
                PDF<span className="sr-only"> (version {v.label})</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <AssignPanel doc={doc} canAssign={canApprove} />
    </>
  );
}
