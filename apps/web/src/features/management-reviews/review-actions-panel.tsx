import { useState, type FormEvent } from 'react';
import {
  actionStatusLabels,
  actionStatuses,
  createActionBody,
  type ActionStatus,
  type ManagementReviewDetail,
  type ReviewAction,
} from '@custodian/shared/contracts/management-reviews.ts';
import type { Member } from '@custodian/shared/contracts/org.ts';
import { Button } from '../../components/button.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useManagementReviewChanges } from './management-reviews-api.ts';

const labels = { title: 'Action', ownerUserId: 'Owner', dueOn: 'Due' };
const statusOptions = actionStatuses.map((status) => ({ value: status, label: actionStatusLabels[status] }));

function AddActionForm({ reviewId, members }: { reviewId: string; members: Member[] }) {
  const [title, setTitle] = useState('');
  const [ownerUserId, setOwnerUserId] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [localError, setLocalError] = useState<unknown>(null);
  const { addAction } = useManagementReviewChanges();
  const error = localError ?? addAction.error;
  const errors = fieldErrorsOf(error, labels);
  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body = { title, ownerUserId: ownerUserId || null, dueOn: dueOn || null };
    const invalid = validateWith(createActionBody, body);
    setLocalError(invalid);
    if (invalid) return;
    addAction.mutate(
      { id: reviewId, body },
      {
        onSuccess: () => {
          setTitle('');
          setDueOn('');
        },
      },
    );
  }
  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={error} fieldNames={Object.keys(labels)} />
      <TextField label={labels.title} name="actionTitle" value={title} isRequired onChange={(event) => setTitle(event.target.value)} error={errors.title} />
      <SelectField
        label={labels.ownerUserId}
        name="actionOwner"
        value={ownerUserId}
        options={[{ value: '', label: 'No owner yet' }, ...members.map((member) => ({ value: member.userId, label: member.name }))]}
        onChange={(event) => setOwnerUserId(event.target.value)}
        error={errors.ownerUserId}
      />
      <TextField label={labels.dueOn} name="actionDue" type="date" value={dueOn} onChange={(event) => setDueOn(event.target.value)} error={errors.dueOn} />
      <div className="form-actions">
        <Button type="submit" isBusy={addAction.isPending} busyText="Adding…">
          Add action
        </Button>
      </div>
    </form>
  );
}

/** The actions decided at the review (9.3.3): added while the minutes are open, followed up after. */
export function ReviewActionsPanel({ review, members, canWrite }: { review: ManagementReviewDetail; members: Member[]; canWrite: boolean }) {
  const { updateAction, removeAction } = useManagementReviewChanges();
  const [deleting, setDeleting] = useState<ReviewAction | null>(null);
  const [deleted, setDeleted] = useState('');
  const isOpen = review.status !== 'approved';
  // An action can be deleted while the minutes are open (the server refuses it once they are approved).
  const canDelete = canWrite && isOpen;
  return (
    <section className="panel" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <FormAlert error={updateAction.error ?? removeAction.error} />
      <StatusMessage>{deleted || null}</StatusMessage>
      {review.actions.length === 0 ? (
        <p>No actions yet.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Actions decided at this review</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
              {canDelete ? (
                <th scope="col">
                  <span className="sr-only">Delete</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {review.actions.map((action) => (
              <tr key={action.id}>
                <th scope="row">{action.title}</th>
                <td>{action.ownerName ?? '—'}</td>
                <td className="nowrap">
                  {formatDate(action.dueOn) || '—'}
                  {action.isOverdue ? ' (overdue)' : ''}
                </td>
                <td>
                  {canWrite ? (
                    <SelectField
                      label={`Status of “${action.title}”`}
                      value={action.status}
                      options={statusOptions}
                      onChange={(event) =>
                        updateAction.mutate({
                          id: review.id,
                          actionId: action.id,
                          body: { version: action.version, status: event.target.value as ActionStatus },
                        })
                      }
                    />
                  ) : (
                    actionStatusLabels[action.status]
                  )}
                </td>
                {canDelete ? (
                  <td>
                    <Button variant="secondary" aria-label={`Delete “${action.title}”`} onClick={() => setDeleting(action)}>
                      Delete
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite && isOpen ? <AddActionForm reviewId={review.id} members={members} /> : null}
      <ConfirmDialog
        isOpen={deleting !== null}
        title="Delete this action?"
        confirmLabel="Delete action"
        isDanger
        isBusy={removeAction.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          removeAction.mutate(
            { id: review.id, actionId: deleting.id },
            {
              onSuccess: () => {
                setDeleted(`Deleted the action “${deleting.title}”.`);
                setDeleting(null);
              },
              onError: () => setDeleting(null),
            },
          )
        }
      >
        <p>“{deleting?.title}” is taken off this review and will not be followed up at the next one. The audit trail keeps a record.</p>
      </ConfirmDialog>
    </section>
  );
}
