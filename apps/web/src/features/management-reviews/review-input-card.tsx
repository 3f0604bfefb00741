import { useState } from 'react';
import { reviewInput, type ReviewInput } from '@custodian/shared/contracts/management-reviews.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { conflictCurrent, conflictRows, type ConflictFields } from '../../lib/edit-conflict.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useManagementReviewChanges } from './management-reviews-api.ts';

const notesFields = (title: string): ConflictFields<{ notes: string }> => ({
  notes: { label: `Discussion notes: ${title}`, format: (value) => value || 'No notes' },
});

/**
 * One input of the review: what the records said (read-only), and the meeting's notes on it. A save
 * sends the version the person started typing on; the page reading the inputs again (a colleague
 * re-read the records, window focus) never replaces typed notes, and when someone else saved the notes
 * meanwhile a notice compares theirs with these, to apply on the latest version or discard.
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
  const [loaded, setLoaded] = useState(input);
  const [notes, setNotes] = useState(input.notes);
  const [conflict, setConflict] = useState<{ base: ReviewInput; current: ReviewInput } | null>(null);
  const [notice, setNotice] = useState('');
  const [seenVersion, setSeenVersion] = useState(input.version);
  const { updateInput } = useManagementReviewChanges();
  const [error, setError] = useState<unknown>(null);
  const headingId = `input-${input.key}`;
  const fieldId = `input-notes-${input.key}`;
  const hasChanges = notes !== loaded.notes;

  // A newer version read on this page is taken only while nothing is typed.
  if (input.version !== seenVersion) {
    setSeenVersion(input.version);
    if (!hasChanges && !conflict && input.version > loaded.version) {
      setLoaded(input);
      setNotes(input.notes);
    }
  }

  function save(version: number): void {
    setNotice('');
    updateInput.mutate(
      { id: reviewId, key: input.key, version, notes },
      {
        onSuccess: (after) => {
          setLoaded(after);
          setNotes(after.notes);
          setConflict(null);
          setError(null);
          setNotice('Notes saved.');
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, reviewInput);
          if (!current) {
            setError(failure);
            return;
          }
          setError(null);
          setConflict({ base: conflict?.base ?? loaded, current });
          setLoaded(current);
        },
      },
    );
  }

  function discard(current: ReviewInput, message = 'Your notes were discarded. The notes now show the latest version.'): void {
    setLoaded(current);
    setNotes(current.notes);
    setConflict(null);
    setError(null);
    updateInput.reset();
    setNotice(message);
    document.getElementById(fieldId)?.focus();
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
          {conflict ? (
            <EditConflictNotice
              subject={`the notes on ${input.title}`}
              headingLevel={3}
              conflictKey={conflict.current.version}
              rows={conflictRows(notesFields(input.title), {
                original: { notes: conflict.base.notes },
                mine: { notes: hasChanges ? notes : conflict.base.notes },
                current: { notes: conflict.current.notes },
              })}
              isApplying={updateInput.isPending}
              onApply={() => (hasChanges ? save(conflict.current.version) : discard(conflict.current, 'The latest version already has your notes.'))}
              onDiscard={() => discard(conflict.current)}
            />
          ) : null}
          <FormAlert error={error} />
          <TextAreaField id={fieldId} label={`Discussion notes: ${input.title}`} rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} />
          <Button
            variant="secondary"
            isBusy={updateInput.isPending && !conflict}
            busyText="Saving…"
            onClick={() => {
              if (hasChanges) save(loaded.version);
              else setNotice('There are no changes to save.');
            }}
          >
            Save notes <span className="sr-only">on {input.title}</span>
          </Button>
          <StatusMessage>{notice || null}</StatusMessage>
        </>
      ) : (
        <p className="pre-wrap">Discussion: {input.notes || 'No notes recorded.'}</p>
      )}
    </section>
  );
}
