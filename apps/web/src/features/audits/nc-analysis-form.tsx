import { useRef, useState, type FormEvent } from 'react';
import { nonconformityDetail, type NonconformityDetail, type UpdateNcBody } from '@custodian/shared/contracts/nonconformities.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { conflictCurrent, conflictRows, isEditConflict, type ConflictFields } from '../../lib/edit-conflict.ts';
import { useVersionedEdit } from '../../lib/use-versioned-edit.ts';
import { useNcChanges } from './audits-api.ts';

interface AnalysisValues {
  correction: string;
  rootCause: string;
}

const labels: Record<keyof AnalysisValues, string> = { correction: 'Correction (what was done straight away)', rootCause: 'Root cause' };
const conflictFields: ConflictFields<AnalysisValues> = {
  correction: { label: 'Correction', format: (value) => value || 'Nothing written' },
  rootCause: { label: labels.rootCause, format: (value) => value || 'Nothing written' },
};

const valuesOf = (nc: NonconformityDetail): AnalysisValues => ({ correction: nc.correction, rootCause: nc.rootCause });

function bodyOf(version: number, changes: Partial<AnalysisValues>): UpdateNcBody {
  return { version, ...(changes.correction === undefined ? {} : { correction: changes.correction }), ...(changes.rootCause === undefined ? {} : { rootCause: changes.rootCause }) };
}

/**
 * The correction and root cause of a nonconformity. Only the fields changed are sent, with the version
 * the person started from; the page reading the nonconformity again never replaces what is typed, and
 * when someone else saved it meanwhile a notice compares the two.
 */
export function NcAnalysisForm({ nc }: { nc: NonconformityDetail }) {
  const { loaded, values, setField: set, changes, hasChanges, conflict, showVersion, keepTypedOver } = useVersionedEdit(nc, valuesOf);
  const [notice, setNotice] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const { update } = useNcChanges();
  const error = conflict && isEditConflict(update.error) ? null : update.error;

  function save(version: number): void {
    setNotice('');
    update.mutate(
      { id: nc.id, body: bodyOf(version, changes) },
      {
        onSuccess: (saved) => {
          showVersion(saved);
          setNotice('Saved the analysis.');
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, nonconformityDetail);
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

  function discard(current: NonconformityDetail, message = 'Your changes were discarded. The form now shows the latest version.'): void {
    showVersion(current);
    update.reset();
    setNotice(message);
    const first = formRef.current?.elements.namedItem('correction');
    if (first instanceof HTMLTextAreaElement) first.focus();
  }

  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject={`the analysis of ${nc.ref}`}
          headingLevel={2}
          conflictKey={conflict.current.version}
          rows={conflictRows(conflictFields, { original: valuesOf(conflict.base), mine: { ...valuesOf(conflict.base), ...changes }, current: valuesOf(conflict.current) })}
          isApplying={update.isPending}
          onApply={() => (hasChanges ? save(conflict.current.version) : discard(conflict.current, 'The latest version already has your changes.'))}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form ref={formRef} className="form" noValidate onSubmit={handleSubmit} aria-label="Analysis">
        <FormAlert error={error} />
        <StatusMessage>{notice || null}</StatusMessage>
        <TextAreaField label={labels.correction} name="correction" rows={2} value={values.correction} onChange={(e) => set('correction', e.target.value)} />
        <TextAreaField label={labels.rootCause} name="rootCause" rows={2} value={values.rootCause} onChange={(e) => set('rootCause', e.target.value)} />
        <div className="form-actions">
          <Button type="submit" isBusy={update.isPending && !conflict} busyText="Saving…">
            Save analysis
          </Button>
        </div>
      </form>
    </>
  );
}
