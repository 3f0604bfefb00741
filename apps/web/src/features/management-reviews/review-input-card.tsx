import { useState } from 'react';
import { reviewInput, type ReviewInput } from '@custodian/shared/contracts/management-reviews.ts';
import { Button } from '../../components/button.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { conflictCurrent } from '../../lib/edit-conflict.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useManagementReviewChanges } from './management-reviews-api.ts';

/**
 * One input of the review: what the records said (read-only), and the meeting's notes on it. A save
 * sends the version loaded; when someone else saved first, what was typed stays and the version moves on.
 */
export function ReviewInputCard({
  reviewId,
  input,
  canEdit,
  timeZone,
}: {
  reviewId: string;
  input: ReviewInput;
  canEdit: boolean;
  timeZone?: string | undefined;
}) {
  const [base, setBase] = useState(input);
  const [notes, setNotes] = useState(input.notes);
  const [saved, setSaved] = useState('');
  const { updateInput } = useManagementReviewChanges();
  const [error, setError] = useState<unknown>(null);
  const headingId = `input-${input.key}`;
  function save(): void {
    setSaved('');
    updateInput.mutate(
      { id: reviewId, key: input.key, version: base.version, notes },
      {
        onSuccess: (after) => {
          setBase(after);
          setError(null);
          setSaved('Notes saved.');
        },
        onError: (failure) => {
          setError(failure);
          const current = conflictCurrent(failure, reviewInput);
          if (current) setBase(current);
        },
      },
    );
  }
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{input.title}</h3>
      <p>{input.summary}</p>
      {input.lines.length > 0 ? (
        <ul>
          {input.lines.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      ) : null}
      <p className="muted">Read from the records {formatDateTime(input.readAt, timeZone)}.</p>
      {canEdit ? (
        <>
          <FormAlert error={error} />
          <TextAreaField label={`Discussion notes: ${input.title}`} rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} />
          {error && base.notes !== notes ? <p className="muted">Saved by someone else: “{base.notes || 'no notes'}”. Save again to keep yours.</p> : null}
          <Button variant="secondary" isBusy={updateInput.isPending} busyText="Saving…" onClick={save}>
            Save notes <span className="sr-only">on {input.title}</span>
          </Button>
          <StatusMessage>{saved || null}</StatusMessage>
        </>
      ) : (
        <p className="pre-wrap">Discussion: {input.notes || 'No notes recorded.'}</p>
      )}
    </section>
  );
}
