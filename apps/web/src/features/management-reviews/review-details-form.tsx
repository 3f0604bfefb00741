import { useRef, useState, type FormEvent } from 'react';
import { managementReviewDetail, updateManagementReviewBody, type ManagementReviewDetail } from '@custodian/shared/contracts/management-reviews.ts';
import type { Member } from '@custodian/shared/contracts/org.ts';
import { ApiError } from '../../api/api-error.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { conflictCurrent, conflictRows, isEditConflict } from '../../lib/edit-conflict.ts';
import { useVersionedEdit } from '../../lib/use-versioned-edit.ts';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { AttendeesField } from './attendees-field.tsx';
import { useManagementReviewChanges } from './management-reviews-api.ts';
import {
  joinPeople,
  peopleNames,
  reviewDetailsBody,
  reviewDetailsConflictFields,
  reviewDetailsLabels,
  reviewDetailsValues,
  splitPeople,
} from './review-details-values.ts';

const dateMissing = new ApiError(400, 'validation_failed', 'Enter the day the review is planned for.', [{ path: 'plannedOn', message: 'Enter the day the review is planned for.' }]);

/**
 * Changes a planned review's title, day, chair and attendees before the meeting is held. Only the fields
 * changed are sent, with the version loaded; if someone else saved the review meanwhile (its decisions,
 * say), what was typed stays and a notice compares the two.
 */
function ReviewDetailsForm({ review, members, onSaved }: { review: ManagementReviewDetail; members: Member[]; onSaved: (message: string) => void }) {
  const { loaded, values, setField, changes, hasChanges, conflict, showVersion, keepTypedOver } = useVersionedEdit(review, reviewDetailsValues);
  const [localError, setLocalError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const { update } = useManagementReviewChanges();

  const error = localError ?? (conflict && isEditConflict(update.error) ? null : update.error);
  const errors = fieldErrorsOf(error, reviewDetailsLabels);

  function save(version: number): void {
    const body = reviewDetailsBody(version, changes);
    const invalid = values.plannedOn === '' ? dateMissing : validateWith(updateManagementReviewBody, body);
    setLocalError(invalid);
    setNotice('');
    if (invalid) {
      update.reset();
      return;
    }
    update.mutate(
      { id: review.id, body },
      {
        onSuccess: (saved) => {
          showVersion(saved);
          onSaved('Saved the review’s details.');
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, managementReviewDetail);
          if (!current) return;
          keepTypedOver(current);
        },
      },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!hasChanges) {
      setNotice('There are no changes to save.');
      return;
    }
    save(loaded.version);
  }

  function discard(current: ManagementReviewDetail, message = 'Your changes were discarded. The form now shows the latest version.'): void {
    showVersion(current);
    setLocalError(null);
    update.reset();
    setNotice(message);
    const title = formRef.current?.elements.namedItem('title');
    if (title instanceof HTMLInputElement) title.focus();
  }

  const names = peopleNames(members, [loaded, ...(conflict ? [conflict.base, conflict.current] : [])]);
  const owners = members.filter((member) => member.role === 'owner').map((owner) => ({ value: owner.userId, label: owner.name }));
  const chairOptions = owners.some((option) => option.value === values.chairUserId) || !values.chairUserId ? owners : [{ value: values.chairUserId, label: names.get(values.chairUserId) ?? 'The present chair' }, ...owners];
  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject="this review"
          conflictKey={conflict.current.version}
          rows={conflictRows(reviewDetailsConflictFields(names), {
            original: reviewDetailsValues(conflict.base),
            mine: { ...reviewDetailsValues(conflict.base), ...changes },
            current: reviewDetailsValues(conflict.current),
          })}
          isApplying={update.isPending}
          onApply={() => (hasChanges ? save(conflict.current.version) : discard(conflict.current, 'The latest version already has your changes.'))}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form ref={formRef} onSubmit={handleSubmit} noValidate className="form" aria-label="Change the review’s details">
        <FormAlert error={error} fieldNames={Object.keys(reviewDetailsLabels)} />
        <StatusMessage>{notice || null}</StatusMessage>
        <TextField label={reviewDetailsLabels.title} name="title" value={values.title} isRequired onChange={(e) => setField('title', e.target.value)} error={errors.title} />
        <TextField
          label={reviewDetailsLabels.plannedOn}
          name="plannedOn"
          type="date"
          value={values.plannedOn}
          isRequired
          hint={values.plannedOn ? `Selected: ${formatDate(values.plannedOn)}.` : undefined}
          onChange={(e) => setField('plannedOn', e.target.value)}
          error={errors.plannedOn}
        />
        <SelectField
          label={reviewDetailsLabels.chairUserId}
          name="chairUserId"
          hint="Top management: an owner of the organisation."
          value={values.chairUserId}
          isRequired
          options={chairOptions}
          onChange={(e) => setField('chairUserId', e.target.value)}
          error={errors.chairUserId}
        />
        <AttendeesField members={members} selected={splitPeople(values.attendeeUserIds)} onChange={(ids) => setField('attendeeUserIds', joinPeople(ids))} error={errors.attendeeUserIds} />
        <div className="form-actions">
          <Button type="submit" isBusy={update.isPending && !conflict} busyText="Saving…">
            Save the details
          </Button>
        </div>
      </form>
    </>
  );
}

/** "Change the details" on a review not yet held: folded until the person opens it. */
export function ReviewDetailsPanel({ review, members }: { review: ManagementReviewDetail; members: Member[] }) {
  const [saved, setSaved] = useState('');
  return (
    <>
      <StatusMessage>{saved || null}</StatusMessage>
      <details className="panel">
        <summary>Change the title, day, chair or attendees</summary>
        <ReviewDetailsForm key={review.id} review={review} members={members} onSaved={setSaved} />
      </details>
    </>
  );
}
