import { useRef, useState, type FormEvent } from 'react';
import { managementReviewDetail, type ManagementReviewDetail } from '@custodian/shared/contracts/management-reviews.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { conflictCurrent, conflictRows, isEditConflict, type ConflictFields } from '../../lib/edit-conflict.ts';
import { useManagementReviewChanges } from './management-reviews-api.ts';

const decisionsFields: ConflictFields<{ decisions: string }> = {
  decisions: { label: 'Decisions', format: (value) => value || 'No decisions recorded' },
};

/**
 * The meeting's decisions. A save sends the version the person started typing on, not whatever the page
 * read since: when someone else saved the review in between, what was typed stays and a notice compares
 * their decisions with these, to apply on the latest version or discard.
 */
export function DecisionsEditor({ review }: { review: ManagementReviewDetail }) {
  const [loaded, setLoaded] = useState(review);
  const [decisions, setDecisions] = useState(review.decisions);
  const [conflict, setConflict] = useState<{ base: ManagementReviewDetail; current: ManagementReviewDetail } | null>(null);
  const [notice, setNotice] = useState('');
  const [seenVersion, setSeenVersion] = useState(review.version);
  const formRef = useRef<HTMLFormElement>(null);
  const { update } = useManagementReviewChanges();
  const hasChanges = decisions !== loaded.decisions;
  const error = conflict && isEditConflict(update.error) ? null : update.error;

  // A newer version read on this page (a colleague's save, the details or inputs saved here) is taken only while nothing is typed.
  if (review.version !== seenVersion) {
    setSeenVersion(review.version);
    if (!hasChanges && !conflict && review.version > loaded.version) {
      setLoaded(review);
      setDecisions(review.decisions);
    }
  }

  function save(version: number): void {
    setNotice('');
    update.mutate(
      { id: review.id, body: { version, decisions } },
      {
        onSuccess: (saved) => {
          setLoaded(saved);
          setDecisions(saved.decisions);
          setConflict(null);
          setNotice('Decisions saved.');
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, managementReviewDetail);
          if (!current) return;
          setConflict({ base: conflict?.base ?? loaded, current });
          setLoaded(current);
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

  function discard(current: ManagementReviewDetail, message = 'Your changes were discarded. The decisions now show the latest version.'): void {
    setLoaded(current);
    setDecisions(current.decisions);
    setConflict(null);
    update.reset();
    setNotice(message);
    const field = formRef.current?.elements.namedItem('decisions');
    if (field instanceof HTMLTextAreaElement) field.focus();
  }

  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject="the decisions"
          conflictKey={conflict.current.version}
          rows={conflictRows(decisionsFields, {
            original: { decisions: conflict.base.decisions },
            mine: { decisions: hasChanges ? decisions : conflict.base.decisions },
            current: { decisions: conflict.current.decisions },
          })}
          isApplying={update.isPending}
          onApply={() => (hasChanges ? save(conflict.current.version) : discard(conflict.current, 'The latest version already has your decisions.'))}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form ref={formRef} onSubmit={handleSubmit} noValidate className="form" aria-label="Decisions of the review">
        <FormAlert error={error} />
        <StatusMessage>{notice || null}</StatusMessage>
        <TextAreaField label="Decisions (one a line)" name="decisions" rows={5} value={decisions} onChange={(event) => setDecisions(event.target.value)} />
        <div className="form-actions">
          <Button type="submit" variant="secondary" isBusy={update.isPending && !conflict} busyText="Saving…">
            Save decisions
          </Button>
        </div>
      </form>
    </>
  );
}
