import { useState } from 'react';
import { ncStatusLabels, nonconformityDetail, type NonconformityDetail } from '@custodian/shared/contracts/nonconformities.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { SelectField, TextAreaField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { conflictCurrent, conflictRows, isEditConflict, type ConflictFields } from '../../lib/edit-conflict.ts';
import { useNcChanges } from './audits-api.ts';

/** What the reviewer decides on, and their review. */
interface ReviewValues {
  status: string;
  correction: string;
  rootCause: string;
  actions: string;
  review: string;
}

const words = (value: string) => value || 'Nothing written';
const reviewFields: ConflictFields<ReviewValues> = {
  status: { label: 'Status', format: (value) => value },
  correction: { label: 'Correction', format: words },
  rootCause: { label: 'Root cause', format: words },
  actions: { label: 'Corrective actions', format: (value) => value || 'None' },
  review: { label: 'Effectiveness review', format: (value) => value || 'Not recorded' },
};

const reviewWords = (isEffective: boolean, notes: string) => `${isEffective ? 'Effective' : 'Not effective'}: ${notes}`;

function valuesOf(nc: NonconformityDetail): ReviewValues {
  const latest = nc.reviews.at(-1);
  return {
    status: ncStatusLabels[nc.status],
    correction: nc.correction,
    rootCause: nc.rootCause,
    actions: nc.actions.map((a) => `${a.description}${a.completedOn ? ' (complete)' : ' (open)'}`).join('\n'),
    review: nc.status === 'awaiting_review' || !latest ? '' : reviewWords(latest.isEffective, latest.notes),
  };
}

/**
 * The effectiveness review. It is recorded against the nonconformity as the reviewer started from: when
 * someone changed it meanwhile (its analysis, actions or status), what was typed stays and a notice
 * shows what changed, to record the review on the latest version or discard it.
 */
export function NcReviewForm({ nc }: { nc: NonconformityDetail }) {
  const [notes, setNotes] = useState('');
  const [verdict, setVerdict] = useState('yes');
  const [base, setBase] = useState(nc);
  const [conflict, setConflict] = useState<{ base: NonconformityDetail; current: NonconformityDetail } | null>(null);
  const [notice, setNotice] = useState('');
  const [seenVersion, setSeenVersion] = useState(nc.version);
  const { review } = useNcChanges();
  const hasTyped = notes !== '' || verdict !== 'yes';
  const error = conflict && isEditConflict(review.error) ? null : review.error;

  // A newer version read on this page is started from only while nothing is typed.
  if (nc.version !== seenVersion) {
    setSeenVersion(nc.version);
    if (!hasTyped && !conflict && nc.version > base.version) setBase(nc);
  }

  function record(version: number): void {
    setNotice('');
    review.mutate(
      { id: nc.id, body: { version, isEffective: verdict === 'yes', notes } },
      {
        onSuccess: () => setConflict(null),
        onError: (failure) => {
          const current = conflictCurrent(failure, nonconformityDetail);
          if (!current) return;
          setConflict({ base: conflict?.base ?? base, current });
          setBase(current);
        },
      },
    );
  }

  function discard(current: NonconformityDetail): void {
    setBase(current);
    setNotes('');
    setVerdict('yes');
    setConflict(null);
    review.reset();
    setNotice('Your review was discarded. Check the latest version before reviewing.');
  }

  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject={conflict.current.ref}
          conflictKey={conflict.current.version}
          rows={conflictRows(reviewFields, {
            original: valuesOf(conflict.base),
            mine: { ...valuesOf(conflict.base), review: reviewWords(verdict === 'yes', notes) },
            current: valuesOf(conflict.current),
          })}
          isApplying={review.isPending}
          onApply={() => record(conflict.current.version)}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          record(base.version);
        }}
      >
        <FormAlert error={error} />
        <StatusMessage>{notice || null}</StatusMessage>
        <SelectField label="Were the actions effective?" name="isEffective" value={verdict} options={[{ value: 'yes', label: 'Yes: close the nonconformity' }, { value: 'no', label: 'No: reopen it for more action' }]} onChange={(e) => setVerdict(e.target.value)} />
        <TextAreaField label="What you checked" name="reviewNotes" rows={2} value={notes} isRequired onChange={(e) => setNotes(e.target.value)} />
        <div className="form-actions">
          <Button type="submit" isBusy={review.isPending && !conflict} busyText="Recording…">
            Record effectiveness review
          </Button>
        </div>
      </form>
    </>
  );
}
