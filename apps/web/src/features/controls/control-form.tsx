import { useRef, useState, type FormEvent } from 'react';
import { controlItem, controlReasonLabels, controlReasons, updateControlBody, type ControlItem } from '@custodian/shared/contracts/controls.ts';
import { gapStatusLabels, type GapStatus } from '@custodian/shared/contracts/gap.ts';
import { ApiError } from '../../api/api-error.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { SelectField, TextAreaField, TextField, type SelectOption } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { changedFields, conflictCurrent, conflictRows, isEditConflict } from '../../lib/edit-conflict.ts';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { ChoiceSet } from '../providers/choice-set.tsx';
import { useReplaceCachedControl, useUpdateControl } from './controls-api.ts';
import { controlConflictFields, controlFieldLabels, controlStatusOptions, controlUpdateBody, controlValues, reasonsOf, reasonsText, type ControlValues } from './control-values.ts';

const justificationMessage = 'A justification is required when a control is excluded (not applicable).';
const justificationMissing = new ApiError(400, 'validation_failed', justificationMessage, [{ path: 'justification', message: justificationMessage }]);

interface ControlFormProps {
  control: ControlItem;
  ownerOptions: SelectOption[];
  ownerHint?: string;
  onSaved: (message: string) => void;
}

/**
 * Edits one control of the register. Only the fields the person changed are sent, with the version they
 * loaded; if someone else saved meanwhile, what was typed stays and a notice compares the two.
 */
export function ControlForm({ control, ownerOptions, ownerHint, onSaved }: ControlFormProps) {
  const [loaded, setLoaded] = useState<ControlItem>(control);
  const [values, setValues] = useState<ControlValues>(() => controlValues(control));
  const [conflict, setConflict] = useState<{ base: ControlItem; current: ControlItem } | null>(null);
  const [localError, setLocalError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const update = useUpdateControl(control.controlId);
  const replaceCached = useReplaceCachedControl(control.controlId);
  const isOwn = control.source === 'organisation';

  const error = localError ?? (conflict && isEditConflict(update.error) ? null : update.error);
  const errors = fieldErrorsOf(error, controlFieldLabels);
  const isExcluded = values.status === 'not_applicable';
  const changes = changedFields(controlValues(loaded), values);
  const reasons = reasonsOf(values.reasons);

  const setField = <K extends keyof ControlValues>(key: K, value: ControlValues[K]) => setValues((current) => ({ ...current, [key]: value }));

  function save(version: number): void {
    const body = controlUpdateBody(version, changes);
    const invalid = validateWith(updateControlBody, body) ?? (isExcluded && values.justification.trim() === '' ? justificationMissing : null);
    setLocalError(invalid);
    setNotice('');
    if (invalid) {
      update.reset();
      return;
    }
    update.mutate(body, {
      onSuccess: (saved) => {
        setLoaded(saved);
        setValues(controlValues(saved));
        setConflict(null);
        onSaved(`Saved ${saved.ref} as ${gapStatusLabels[saved.status]}.`);
      },
      onError: (failure) => {
        const current = conflictCurrent(failure, controlItem);
        if (!current) return;
        const sentFrom = controlValues(loaded);
        setConflict({ base: conflict?.base ?? loaded, current });
        setLoaded(current);
        setValues((typed) => ({ ...controlValues(current), ...changedFields(sentFrom, typed) }));
      },
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (Object.keys(changes).length === 0) {
      setNotice('There are no changes to save.');
      return;
    }
    save(loaded.version);
  }

  function discard(current: ControlItem, message = 'Your changes were discarded. The form now shows the latest version.'): void {
    setLoaded(current);
    setValues(controlValues(current));
    setConflict(null);
    setLocalError(null);
    update.reset();
    replaceCached(current);
    setNotice(message);
    const status = formRef.current?.elements.namedItem('status');
    if (status instanceof HTMLSelectElement) status.focus();
  }

  const ownerNames = new Map(ownerOptions.filter((option) => option.value).map((option) => [option.value, option.label]));
  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject="this control"
          conflictKey={conflict.current.version}
          rows={conflictRows(controlConflictFields(ownerNames), {
            original: controlValues(conflict.base),
            mine: { ...controlValues(conflict.base), ...changes },
            current: controlValues(conflict.current),
          })}
          isApplying={update.isPending}
          onApply={() => (Object.keys(changes).length === 0 ? discard(conflict.current, 'The latest version already has your changes.') : save(conflict.current.version))}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form ref={formRef} onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={error} fieldNames={Object.keys(controlFieldLabels)} />
        <StatusMessage>{notice || null}</StatusMessage>
        {isOwn ? (
          <>
            <TextField label={controlFieldLabels.title} name="title" isRequired value={values.title} onChange={(event) => setField('title', event.target.value)} error={errors.title} />
            <TextAreaField label={controlFieldLabels.description} name="description" rows={3} value={values.description} onChange={(event) => setField('description', event.target.value)} error={errors.description} />
          </>
        ) : null}
        <SelectField
          label={controlFieldLabels.status}
          name="status"
          value={values.status}
          options={controlStatusOptions}
          hint="Not applicable means the control is excluded from your Statement of Applicability."
          onChange={(event) => setField('status', event.target.value as GapStatus)}
          error={errors.status}
        />
        {isExcluded ? (
          <TextAreaField
            label={controlFieldLabels.justification}
            name="justification"
            rows={3}
            isRequired
            value={values.justification}
            hint="Auditors read this in your Statement of Applicability, for example “We have no on-site server room: all systems are cloud-hosted.”"
            onChange={(event) => setField('justification', event.target.value)}
            error={errors.justification}
          />
        ) : (
          <>
            <ChoiceSet legend={controlFieldLabels.reasons} options={controlReasons} labels={controlReasonLabels} value={reasons} onChange={(next) => setField('reasons', reasonsText(next))} />
            <p className="field-hint">Tick every reason that applies. “Treats an identified risk” is added for you when a risk’s treatment names this control.</p>
          </>
        )}
        <TextAreaField
          label={controlFieldLabels.implementation}
          name="implementation"
          rows={4}
          value={values.implementation}
          hint="What you have in place, in a sentence or two. It is printed in the Statement of Applicability."
          onChange={(event) => setField('implementation', event.target.value)}
          error={errors.implementation}
        />
        {values.status === 'implemented' ? (
          <TextAreaField
            label={controlFieldLabels.noEvidenceReason}
            name="noEvidenceReason"
            rows={2}
            value={values.noEvidenceReason}
            hint="Only when no evidence is linked: why, for example “Shown live in the clinical system at audit”."
            onChange={(event) => setField('noEvidenceReason', event.target.value)}
            error={errors.noEvidenceReason}
          />
        ) : null}
        <SelectField label={controlFieldLabels.ownerUserId} name="ownerUserId" value={values.ownerUserId} options={ownerOptions} hint={ownerHint} onChange={(event) => setField('ownerUserId', event.target.value)} error={errors.ownerUserId} />
        <TextField
          label={controlFieldLabels.targetDate}
          name="targetDate"
          type="date"
          value={values.targetDate}
          hint={`When this should be finished.${values.targetDate ? ` Selected: ${formatDate(values.targetDate)}.` : ''}`}
          onChange={(event) => setField('targetDate', event.target.value)}
          error={errors.targetDate}
        />
        <TextAreaField label={controlFieldLabels.notes} name="notes" rows={3} value={values.notes} onChange={(event) => setField('notes', event.target.value)} error={errors.notes} />
        <div className="form-actions">
          <Button type="submit" isBusy={update.isPending && !conflict} busyText="Saving…">
            Save
          </Button>
        </div>
      </form>
    </>
  );
}
