import { useRef, useState, type FormEvent } from 'react';
import { auditDetail, updateAuditBody, type AuditDetail } from '@custodian/shared/contracts/audits.ts';
import { ApiError } from '../../api/api-error.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { SelectField, TextAreaField, TextField, type SelectOption } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { conflictCurrent, conflictRows, isEditConflict } from '../../lib/edit-conflict.ts';
import { useVersionedEdit } from '../../lib/use-versioned-edit.ts';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { auditPlanBody, auditPlanConflictFields, auditPlanLabels, auditPlanValues, joinIds, splitIds } from './audit-plan-values.ts';
import { AuditScopePicker, type ScopeControl } from './audit-scope-picker.tsx';
import { useAuditChanges } from './audits-api.ts';

interface AuditPlanFormProps {
  audit: AuditDetail;
  /** The members who may be chosen as auditor ('' first, for "not yet chosen"). */
  auditorOptions: SelectOption[];
  /** The applicable controls of the register. */
  controlOptions: ScopeControl[];
  onSaved: (message: string) => void;
}

const startMissing = new ApiError(400, 'validation_failed', 'Enter the day the audit starts.', [{ path: 'plannedStart', message: 'Enter the day the audit starts.' }]);

/**
 * Changes a planned audit: title, dates, auditor, criteria and what it covers (the checklist follows the
 * scope). Only the fields changed are sent, with the version loaded; the server refuses an auditor who
 * owns anything in scope, and its reason is shown by the auditor. If someone else saved the audit
 * meanwhile, what was typed stays and a notice compares the two.
 */
export function AuditPlanForm({ audit, auditorOptions, controlOptions, onSaved }: AuditPlanFormProps) {
  const { loaded, values, setField, changes, hasChanges, conflict, showVersion, keepTypedOver } = useVersionedEdit(audit, auditPlanValues);
  const [localError, setLocalError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const { update } = useAuditChanges();

  const error = localError ?? (conflict && isEditConflict(update.error) ? null : update.error);
  const errors = fieldErrorsOf(error, auditPlanLabels);

  function save(version: number): void {
    const body = auditPlanBody(version, changes, values);
    const invalid = values.plannedStart === '' ? startMissing : validateWith(updateAuditBody, body);
    setLocalError(invalid);
    setNotice('');
    if (invalid) {
      update.reset();
      return;
    }
    update.mutate(
      { id: audit.id, body },
      {
        onSuccess: (saved) => {
          showVersion(saved);
          onSaved('Saved the changes to the audit plan. The checklist now follows its scope.');
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, auditDetail);
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

  function discard(current: AuditDetail, message = 'Your changes were discarded. The form now shows the latest version.'): void {
    showVersion(current);
    setLocalError(null);
    update.reset();
    setNotice(message);
    const title = formRef.current?.elements.namedItem('title');
    if (title instanceof HTMLInputElement) title.focus();
  }

  const people = new Map(auditorOptions.filter((option) => option.value).map((option) => [option.value, option.label]));
  const controls = new Map(controlOptions.map((control) => [control.id, control.ref]));
  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject="this audit"
          conflictKey={conflict.current.version}
          rows={conflictRows(auditPlanConflictFields({ people, controls }), {
            original: auditPlanValues(conflict.base),
            mine: { ...auditPlanValues(conflict.base), ...changes },
            current: auditPlanValues(conflict.current),
          })}
          isApplying={update.isPending}
          onApply={() => (hasChanges ? save(conflict.current.version) : discard(conflict.current, 'The latest version already has your changes.'))}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form ref={formRef} onSubmit={handleSubmit} noValidate className="form" aria-label="Change the audit plan">
        <FormAlert error={error} fieldNames={Object.keys(auditPlanLabels)} />
        <StatusMessage>{notice || null}</StatusMessage>
        <TextField label={auditPlanLabels.title} name="title" value={values.title} isRequired onChange={(e) => setField('title', e.target.value)} error={errors.title} />
        <TextField
          label={auditPlanLabels.plannedStart}
          name="plannedStart"
          type="date"
          value={values.plannedStart}
          isRequired
          hint={values.plannedStart ? `Selected: ${formatDate(values.plannedStart)}.` : undefined}
          onChange={(e) => setField('plannedStart', e.target.value)}
          error={errors.plannedStart}
        />
        <TextField
          label={auditPlanLabels.plannedEnd}
          name="plannedEnd"
          type="date"
          value={values.plannedEnd}
          hint={`Leave empty for a one-day audit.${values.plannedEnd ? ` Selected: ${formatDate(values.plannedEnd)}.` : ''}`}
          onChange={(e) => setField('plannedEnd', e.target.value)}
          error={errors.plannedEnd}
        />
        <SelectField
          label={auditPlanLabels.auditorUserId}
          name="auditorUserId"
          value={values.auditorUserId}
          options={auditorOptions}
          hint="Nobody may audit their own work: the auditor cannot own anything in scope."
          onChange={(e) => setField('auditorUserId', e.target.value)}
          error={errors.auditorUserId}
        />
        <AuditScopePicker
          clauses={splitIds(values.scopeClauses)}
          controls={splitIds(values.scopeControls)}
          options={controlOptions}
          onClauses={(next) => setField('scopeClauses', joinIds(next))}
          onControls={(next) => setField('scopeControls', joinIds(next))}
          clauseError={errors.scopeClauses}
          controlError={errors.scopeControls}
        />
        <TextAreaField label={auditPlanLabels.criteria} name="criteria" rows={2} value={values.criteria} onChange={(e) => setField('criteria', e.target.value)} error={errors.criteria} />
        <div className="form-actions">
          <Button type="submit" isBusy={update.isPending && !conflict} busyText="Saving…">
            Save the plan
          </Button>
        </div>
      </form>
    </>
  );
}
