import { useState } from 'react';
import { documentsApi, type DocumentDetail } from '@custodian/shared/contracts/documents.ts';
import { urlOf } from '../../api/client.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { CheckboxField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { AssignPanel } from './document-assignments.tsx';
import { DocumentDetailsForm } from './document-details-form.tsx';
import { useDocument, useDocumentChanges } from './documents-api.ts';
import { statusWords } from './documents-page.tsx';
import { PolicyText } from './policy-text.tsx';
import { RichTextEditor } from './rich-text-editor.tsx';

function DraftEditor({ doc }: { doc: DocumentDetail }) {
  const { update } = useDocumentChanges();
  const [html, setHtml] = useState(doc.draftHtml);
  const [name, setName] = useState(doc.name);
  return (
    <section className="panel" aria-labelledby="draft-heading">
      <h2 id="draft-heading">Draft</h2>
      <FormAlert error={update.error} fieldNames={['name', 'draftHtml']} />
      {update.isSuccess ? <StatusMessage>Draft saved.</StatusMessage> : null}
      <TextField label="Name" name="name" value={name} onChange={(event) => setName(event.target.value)} />
      <RichTextEditor label="Document text" initialHtml={doc.draftHtml} onChange={setHtml} />
      <div className="form-actions">
        <Button isBusy={update.isPending} busyText="Saving…" onClick={() => update.mutate({ id: doc.id, body: { version: doc.version, draftHtml: html, ...(name === doc.name ? {} : { name }) } })}>
          Save draft
        </Button>
      </div>
    </section>
  );
}

function ApprovePanel({ doc }: { doc: DocumentDetail }) {
  const { approve } = useDocumentChanges();
  const [changeNote, setChangeNote] = useState('');
  const [isMajor, setMajor] = useState(doc.approvedNumber === null);
  return (
    <section className="panel" aria-labelledby="approve-heading">
      <h2 id="approve-heading">Approve the draft</h2>
      <p>Approving freezes the draft as a new version. A major version asks everyone assigned to read and acknowledge it again; a minor version keeps their acknowledgements.</p>
      <FormAlert error={approve.error} fieldNames={['changeNote']} />
      <TextField label="What changed" name="changeNote" value={changeNote} onChange={(event) => setChangeNote(event.target.value)} />
      {doc.approvedNumber === null ? null : <CheckboxField label="Major version (staff must acknowledge it again)" name="isMajor" checked={isMajor} onChange={(event) => setMajor(event.target.checked)} />}
      <div className="form-actions">
        <Button isBusy={approve.isPending} busyText="Approving…" onClick={() => approve.mutate({ id: doc.id, body: { version: doc.version, isMajor, changeNote } })}>
          Approve
        </Button>
      </div>
    </section>
  );
}

/** One document: its details, the draft editor, approval, versions with their DOCX and PDF, and who must read it. */
export function DocumentPage({ id }: { id: string }) {
  const session = useSignedInSession();
  const canWrite = useCan('documents.write');
  const canApprove = useCan('documents.approve');
  const query = useDocument(id);
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
      {canWrite ? <DraftEditor doc={doc} /> : <PolicyText html={doc.draftHtml} />}
      {canApprove && doc.status !== 'approved' ? <ApprovePanel key={`approve-${doc.version}`} doc={doc} /> : null}
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
