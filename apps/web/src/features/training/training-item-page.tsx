import { useState } from 'react';
import { trainingKindLabels, type TrainingAssignment, type TrainingItem } from '@custodian/shared/contracts/training.ts';
import { trainingFrequencyLabels } from '@custodian/shared/domain/training-status.ts';
import { useCan } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { TableWrap } from '../../components/table.tsx';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { useMembers } from '../members/members-api.ts';
import { useTrainingChanges, useTrainingCompletions, useTrainingItem } from './training-api.ts';
import { TrainingEditForm } from './training-edit-form.tsx';
import { RecordCompletionForm } from './training-record-form.tsx';

const kindWords: Record<TrainingAssignment['targetKind'], string> = { role: 'role', member: 'person', team: 'team' };

/** Who the item is assigned to, each removable by those who may change training. */
function AssignmentsPanel({ item, canWrite }: { item: TrainingItem; canWrite: boolean }) {
  const { unassign } = useTrainingChanges();
  const [message, setMessage] = useState('');
  return (
    <section className="panel" aria-labelledby="assigned-heading">
      <h2 id="assigned-heading">Assigned to</h2>
      <FormAlert error={unassign.error} />
      <StatusMessage>{message || null}</StatusMessage>
      {item.assignments.length === 0 ? (
        <p>
          Nobody yet. Assign it on the <Link to="/training">training page</Link>.
        </p>
      ) : (
        <ul aria-label="Assigned to">
          {item.assignments.map((a) => (
            <li key={`${a.targetKind}:${a.targetId}`}>
              {a.label} <span className="muted">({kindWords[a.targetKind]}, since {formatDate(a.assignedOn)})</span>{' '}
              {canWrite ? (
                <Button
                  variant="secondary"
                  isBusy={unassign.isPending && unassign.variables?.query.targetId === a.targetId}
                  busyText="Removing…"
                  onClick={() =>
                    unassign.mutate({ id: item.id, query: { targetKind: a.targetKind, targetId: a.targetId } }, { onSuccess: () => setMessage(`“${item.title}” is no longer assigned to ${a.label}.`) })
                  }
                >
                  Unassign<span className="sr-only"> {a.label}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canWrite && item.assignments.length > 0 ? <p className="field-hint">Completions already recorded are kept when you unassign.</p> : null}
    </section>
  );
}

/** The completions recorded for the item, latest first, with their evidence. */
function CompletionsTable({ itemId }: { itemId: string }) {
  const completions = useTrainingCompletions(itemId);
  const members = useMembers({ sort: 'name', limit: 200 });
  const names = new Map((members.data?.items ?? []).map((m) => [m.userId, m.name]));
  if (completions.isPending) return <Loading />;
  if (completions.isError) return <LoadError error={completions.error} onRetry={() => void completions.refetch()} />;
  if (completions.data.items.length === 0) return <p>No completions recorded yet.</p>;
  return (
    <TableWrap labelledBy="completions-heading">
      <table className="table">
        <caption className="sr-only">Completions recorded</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Completed on</th>
            <th scope="col">Evidence</th>
            <th scope="col">Recorded by</th>
          </tr>
        </thead>
        <tbody>
          {completions.data.items.map((c) => (
            <tr key={c.id}>
              <th scope="row">{names.get(c.userId) ?? 'A former member'}</th>
              <td>{formatDate(c.completedOn)}</td>
              <td>{c.evidenceNote || '—'}</td>
              <td>{c.recordedByName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** One training item: change it, who it is assigned to, and its completions (a manager records one for someone). */
export function TrainingItemPage({ id }: { id: string }) {
  const canWrite = useCan('training.write');
  const canRecord = useCan('training.record');
  const query = useTrainingItem(id);
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const item = query.data;
  return (
    <>
      <p>
        <Link to="/training">← Back to training</Link>
      </p>
      <PageHeader title={item.title} intro={<p>{`${trainingKindLabels[item.kind]}. ${trainingFrequencyLabels[item.frequency]}, within ${item.dueDays} days of being assigned.`}</p>} />
      {canWrite ? (
        <section className="panel" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Change the training</h2>
          <TrainingEditForm key={item.id} item={item} />
        </section>
      ) : null}
      <AssignmentsPanel item={item} canWrite={canWrite} />
      {canRecord ? (
        <section className="panel" aria-labelledby="record-heading">
          <h2 id="record-heading">Record a completion for someone</h2>
          <p>For training done outside Custodian, such as a course certificate or a session with an attendance sheet.</p>
          <RecordCompletionForm item={item} />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="completions-heading">
        <h2 id="completions-heading">Completions</h2>
        <CompletionsTable itemId={item.id} />
      </section>
    </>
  );
}
