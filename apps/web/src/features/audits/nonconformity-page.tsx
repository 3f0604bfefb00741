import { useState, type FormEvent } from 'react';
import { ncSourceLabels, ncStatusLabels, type NonconformityDetail } from '@custodian/shared/contracts/nonconformities.ts';
import { useCan } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { useOwnerOptions } from '../risks/use-owner-options.ts';
import { useNcChanges, useNonconformity } from './audits-api.ts';
import { NcActionItem } from './nc-action-item.tsx';
import { NcAnalysisForm } from './nc-analysis-form.tsx';
import { NcReviewForm } from './nc-review-form.tsx';

function ActionForm({ nc }: { nc: NonconformityDetail }) {
  const [description, setDescription] = useState('');
  const [ownerUserId, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const owners = useOwnerOptions();
  const { addAction } = useNcChanges();
  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    addAction.mutate({ id: nc.id, body: { description, ownerUserId: ownerUserId || null, dueOn } }, { onSuccess: () => setDescription('') });
  }
  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={addAction.error} />
      <TextAreaField label="Corrective action" name="actionDescription" rows={2} value={description} isRequired onChange={(e) => setDescription(e.target.value)} />
      <SelectField label="Action owner" name="ownerUserId" value={ownerUserId} options={owners.options} onChange={(e) => setOwner(e.target.value)} />
      <TextField label="Due" name="dueOn" type="date" value={dueOn} isRequired onChange={(e) => setDueOn(e.target.value)} />
      <div className="form-actions">
        <Button type="submit" isBusy={addAction.isPending} busyText="Adding…">
          Add corrective action
        </Button>
      </div>
    </form>
  );
}

/** One nonconformity: analysis, corrective actions, effectiveness review. */
export function NonconformityPage({ id }: { id: string }) {
  const canWrite = useCan('audits.write');
  const query = useNonconformity(id);
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const nc = query.data;
  const isOpen = canWrite && nc.status !== 'closed';
  return (
    <>
      <p>
        <Link to="/nonconformities">← Back to nonconformities</Link>
      </p>
      <PageHeader title={`${nc.ref}: ${nc.title}`} />
      <DetailsList>
        <DetailRow term="Status">
          {ncStatusLabels[nc.status]}
          {nc.isOverdue ? <> <Tag tone="danger">Overdue</Tag></> : null}
        </DetailRow>
        <DetailRow term="Severity">{nc.severity === 'major' ? 'Major' : 'Minor'}</DetailRow>
        <DetailRow term="Source">
          {ncSourceLabels[nc.source]}
          {nc.auditId ? <> (<Link to={`/audits/${nc.auditId}`}>the audit</Link>)</> : null}
        </DetailRow>
        <DetailRow term="Raised">{formatDate(nc.raisedOn)}</DetailRow>
        <DetailRow term="Description">{nc.description || '—'}</DetailRow>
        <DetailRow term="Evidence">{nc.evidenceRef || '—'}</DetailRow>
        {nc.reviewDueOn ? <DetailRow term="Effectiveness review due">{formatDate(nc.reviewDueOn)}</DetailRow> : null}
        {nc.closedOn ? <DetailRow term="Closed">{formatDate(nc.closedOn)}</DetailRow> : null}
      </DetailsList>
      {isOpen ? <NcAnalysisForm key={nc.id} nc={nc} /> : null}
      <section className="panel" aria-labelledby="actions-heading">
        <h2 id="actions-heading">Corrective actions</h2>
        {nc.actions.length === 0 ? <p>No corrective action yet.</p> : null}
        <ul>
          {nc.actions.map((a) => (
            <NcActionItem key={a.id} ncId={nc.id} action={a} canComplete={isOpen} />
          ))}
        </ul>
        {isOpen ? <ActionForm nc={nc} /> : null}
      </section>
      <section className="panel" aria-labelledby="review-heading">
        <h2 id="review-heading">Effectiveness review</h2>
        <ul>
          {nc.reviews.map((r) => (
            <li key={r.id}>
              {formatDate(r.reviewedOn)}, {r.reviewerName ?? 'someone'}: {r.isEffective ? 'effective' : 'not effective'} — {r.notes}
            </li>
          ))}
        </ul>
        {canWrite && nc.status === 'awaiting_review' ? <NcReviewForm key={nc.id} nc={nc} /> : null}
        {nc.status !== 'awaiting_review' && nc.status !== 'closed' ? <p>The review comes once every corrective action is complete.</p> : null}
      </section>
    </>
  );
}
