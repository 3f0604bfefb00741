import { useRef, useState, type FormEvent } from 'react';
import {
  certificate as certificateSchema,
  certificationOutcomeLabels,
  certificationOutcomes,
  type Certificate,
  type CertificationAudit,
  type CertificationOutcome,
} from '@custodian/shared/contracts/certification.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { conflictCurrent, conflictRows, isEditConflict } from '../../lib/edit-conflict.ts';
import { useVersionedEdit } from '../../lib/use-versioned-edit.ts';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { useCertificationChanges } from './certification-api.ts';
import { cycleAuditBody, cycleAuditConflictFields, cycleAuditLabels as labels, cycleAuditValues } from './cycle-audit-values.ts';

const outcomeOptions = certificationOutcomes.map((value) => ({ value, label: certificationOutcomeLabels[value] }));

/**
 * Plans or records one audit of the cycle. Only the fields changed are sent, with the version the person
 * started from; if someone else saved this audit meanwhile, what was typed stays and a notice compares
 * the two. The page reading the certificates again (after any save, or when the window regains focus)
 * never replaces what is typed.
 */
export function CycleAuditEditor({ certificate, audit }: { certificate: Certificate; audit: CertificationAudit }) {
  const { loaded, values, setField: set, changes, hasChanges, conflict, showVersion, keepTypedOver } = useVersionedEdit(audit, cycleAuditValues);
  const [notice, setNotice] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const { updateAudit } = useCertificationChanges();
  const error = conflict && isEditConflict(updateAudit.error) ? null : updateAudit.error;
  const errors = fieldErrorsOf(error, labels);
  const subject = `the ${audit.label}`;

  function save(version: number): void {
    setNotice('');
    updateAudit.mutate(
      { id: certificate.id, kind: audit.kind, body: cycleAuditBody(version, changes) },
      {
        onSuccess: (saved) => {
          const now = saved.audits.find((a) => a.kind === audit.kind);
          if (now) showVersion(now);
          setNotice(`Saved the ${audit.label}.`);
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, certificateSchema)?.audits.find((a) => a.kind === audit.kind);
          if (!current) return;
          // Rebase on the latest version: keep every field this person changed, show the rest as saved now.
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

  function discard(current: CertificationAudit, message = 'Your changes were discarded. The form now shows the latest version.'): void {
    showVersion(current);
    updateAudit.reset();
    setNotice(message);
    const first = formRef.current?.elements.namedItem(`${audit.kind}-plannedOn`);
    if (first instanceof HTMLInputElement) first.focus();
  }

  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject={subject}
          conflictKey={conflict.current.version}
          rows={conflictRows(cycleAuditConflictFields, {
            original: cycleAuditValues(conflict.base),
            mine: { ...cycleAuditValues(conflict.base), ...changes },
            current: cycleAuditValues(conflict.current),
          })}
          isApplying={updateAudit.isPending}
          onApply={() => (hasChanges ? save(conflict.current.version) : discard(conflict.current, 'The latest version already has your changes.'))}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form ref={formRef} onSubmit={handleSubmit} noValidate className="form form-inline" aria-label={`Dates of the ${audit.label}`}>
        <FormAlert error={error} fieldNames={Object.keys(labels)} />
        <StatusMessage>{notice || null}</StatusMessage>
        <TextField label={labels.plannedOn} name={`${audit.kind}-plannedOn`} type="date" value={values.plannedOn} onChange={(e) => set('plannedOn', e.target.value)} error={errors.plannedOn} />
        <TextField label={labels.heldOn} name={`${audit.kind}-heldOn`} type="date" value={values.heldOn} onChange={(e) => set('heldOn', e.target.value)} error={errors.heldOn} />
        <SelectField
          label={labels.outcome}
          name={`${audit.kind}-outcome`}
          value={values.outcome}
          options={outcomeOptions}
          onChange={(e) => set('outcome', e.target.value as CertificationOutcome)}
          error={errors.outcome}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" isBusy={updateAudit.isPending && !conflict} busyText="Saving…">
            Save the {audit.label}
          </Button>
        </div>
      </form>
    </>
  );
}
