import { useState } from 'react';
import { evidenceFileTypes, evidenceKindLabels, evidenceApi, type EvidenceDetail } from '@custodian/shared/contracts/evidence.ts';
import { urlOf } from '../../api/client.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { Link, navigate } from '../../router.tsx';
import { useEvidenceChanges, useEvidenceItem } from './evidence-api.ts';
import { EvidenceForm } from './evidence-form.tsx';
import { EvidenceLinksPanel } from './evidence-links-panel.tsx';
import { sizeWords, validityTones, validityWords } from './evidence-values.ts';

const back = (
  <p>
    <Link to="/evidence">← Back to evidence</Link>
  </p>
);

/** The file, link or note itself: a download, the address, or the text. */
function EvidenceContent({ item }: { item: EvidenceDetail }) {
  if (item.file) {
    const type = (evidenceFileTypes as Record<string, string>)[item.file.contentType] ?? 'File';
    return (
      <p>
        <a href={urlOf(evidenceApi.download, { params: { id: item.id } })} download>
          Download {item.file.name}
        </a>{' '}
        <span className="muted">
          ({type}, {sizeWords(item.file.size)})
        </span>
      </p>
    );
  }
  if (item.url) {
    return (
      <p>
        <a href={item.url} target="_blank" rel="noopener noreferrer">
          {item.url}
        </a>
      </p>
    );
  }
  return <p className="pre-wrap">{item.note}</p>;
}

function ReadOnlyDetails({ item, timeZone }: { item: EvidenceDetail; timeZone?: string }) {
  return (
    <DetailsList>
      <DetailRow term="Owner">{item.ownerName ?? 'No owner yet'}</DetailRow>
      <DetailRow term="Valid until">{validityWords(item)}</DetailRow>
      <DetailRow term="Description" className="pre-wrap">
        {item.description || '—'}
      </DetailRow>
      <DetailRow term="Last changed">{formatDateTime(item.updatedAt, timeZone)}</DetailRow>
    </DetailsList>
  );
}

function DeleteEvidence({ item }: { item: EvidenceDetail }) {
  const [isAsking, setIsAsking] = useState(false);
  const { remove } = useEvidenceChanges();
  return (
    <>
      <FormAlert error={remove.error} />
      <Button variant="secondary" onClick={() => setIsAsking(true)}>
        Delete this evidence
      </Button>
      <ConfirmDialog
        isOpen={isAsking}
        title={`Delete “${item.title}”?`}
        confirmLabel="Delete evidence"
        isDanger
        isBusy={remove.isPending}
        onCancel={() => setIsAsking(false)}
        onConfirm={() => remove.mutate(item.id, { onSuccess: () => navigate('/evidence') })}
      >
        <p>Its links to controls, requirements and risks will be removed too. The audit trail keeps a record of it.</p>
      </ConfirmDialog>
    </>
  );
}

/** One evidence item: the file, link or note, its details (editable by those who may), and what it is evidence of. */
export function EvidenceDetailPage({ id }: { id: string }) {
  const session = useSignedInSession();
  const canWrite = useCan('evidence.write');
  const item = useEvidenceItem(id);
  const [saved, setSaved] = useState('');
  const timeZone = session.organisation?.timeZone;
  if (item.isPending) return <Loading label="Loading the evidence…" />;
  if (item.isError) return <LoadError error={item.error} onRetry={() => void item.refetch()} />;
  const detail = item.data;
  return (
    <>
      {back}
      <PageHeader
        title={detail.title}
        intro={
          <p className="item-meta">
            {evidenceKindLabels[detail.kind]} · <Tag tone={validityTones[detail.validity]}>{validityWords(detail)}</Tag>
          </p>
        }
      />
      <StatusMessage>{saved || null}</StatusMessage>
      <EvidenceContent item={detail} />
      <div className="split">
        <section className="panel" aria-labelledby="evidence-heading">
          <h2 id="evidence-heading">{canWrite ? 'Change this evidence' : 'Details'}</h2>
          {canWrite ? (
            <>
              <EvidenceForm key={detail.id} item={detail} onSaved={(e) => setSaved(`Saved “${e.title}”.`)} />
              <DeleteEvidence item={detail} />
            </>
          ) : (
            <ReadOnlyDetails item={detail} timeZone={timeZone} />
          )}
        </section>
        <EvidenceLinksPanel item={detail} canWrite={canWrite} />
      </div>
    </>
  );
}

/** Adding evidence: the form, then on to the new item's page (to link it). */
export function NewEvidencePage() {
  return (
    <>
      {back}
      <PageHeader title="Add evidence" intro={<p>A file, a link or a note that shows a control is in place. You can link it to controls, requirements and risks once it is added.</p>} />
      <section className="panel" aria-label="New evidence">
        <EvidenceForm onSaved={(saved) => navigate(`/evidence/${saved.id}`)} />
      </section>
    </>
  );
}
