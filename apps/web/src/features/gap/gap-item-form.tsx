import { useRef, useState, type FormEvent } from 'react';
import { gapItem, gapStatusLabels, updateGapBody, type GapItem, type GapStatus } from '@custodian/shared/contracts/gap.ts';
import { ApiError } from '../../api/api-error.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { SelectField, TextAreaField, TextField, type SelectOption } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { changedFields, conflictCurrent, conflictRows, isEditConflict } from '../../lib/edit-conflict.ts';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useReplaceCachedGapItem, useUpdateGapItem } from './gap-api.ts';
import { gapConflictFields, gapFieldLabels, gapItemValues, gapStatusOptions, gapUpdateBody, type GapItemValues } from './gap-item-values.ts';

interface GapItemFormProps {
  item: GapItem;
  ownerOptions: SelectOption[];
  ownerHint?: string;
  onSaved: (message: string) => void;
}

const justificationMessage = 'A justification is required when an item is marked not applicable.';
const justificationMissing = new ApiError(400, 'validation_failed', justificationMessage, [{ path: 'justification', message: justificationMessage }]);

interface GapConflict {
  /** The item as this person first loaded it, before anyone else's save. */
  base: GapItem;
  /** The item as it is now on the server. */
  current: GapItem;
}

function ownerNamesOf(options: SelectOption[], current: GapItem | null): Map<string, string> {
  const names = new Map(options.filter((option) => option.value).map((option) => [option.value, option.label]));
  if (current?.ownerUserId && current.ownerName && !names.has(current.ownerUserId)) names.set(current.ownerUserId, current.ownerName);
  return names;
}

/**
 * Edits one gap item. Only the fields the person changed are sent, with the version they loaded; if
 * someone else saved the item meanwhile, what was typed stays and a notice compares the two.
 */
export function GapItemForm({ item, ownerOptions, ownerHint, onSaved }: GapItemFormProps) {
  const [loaded, setLoaded] = useState<GapItem>(item);
  const [values, setValues] = useState<GapItemValues>(() => gapItemValues(item));
  const [conflict, setConflict] = useState<GapConflict | null>(null);
  const [localError, setLocalError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const update = useUpdateGapItem(item.itemId);
  const replaceCached = useReplaceCachedGapItem(item.itemId);

  const error = localError ?? (conflict && isEditConflict(update.error) ? null : update.error);
  const errors = fieldErrorsOf(error, gapFieldLabels);
  const isNotApplicable = values.status === 'not_applicable';
  const changes = changedFields(gapItemValues(loaded), values);

  function setField<K extends keyof GapItemValues>(key: K, value: GapItemValues[K]): void {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function save(version: number): void {
    const body = gapUpdateBody(version, changes);
    const invalid = validateWith(updateGapBody, body) ?? (isNotApplicable && values.justification.trim() === '' ? justificationMissing : null);
    setLocalError(invalid);
    setNotice('');
    if (invalid) {
      update.reset();
      return;
    }
    update.mutate(body, {
      onSuccess: (saved) => {
        setLoaded(saved);
        setValues(gapItemValues(saved));
        setConflict(null);
        onSaved(`Saved ${saved.ref} as ${gapStatusLabels[saved.status]}.`);
      },
      onError: (failure) => {
        const current = conflictCurrent(failure, gapItem);
        if (!current) return;
        // Rebase on the latest version: keep every field this person changed, show the rest as saved now.
        const sentFrom = gapItemValues(loaded);
        setConflict({ base: conflict?.base ?? loaded, current });
        setLoaded(current);
        setValues((typed) => ({ ...gapItemValues(current), ...changedFields(sentFrom, typed) }));
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

  function discard(current: GapItem, message = 'Your changes were discarded. The form now shows the latest version.'): void {
    setLoaded(current);
    setValues(gapItemValues(current));
    setConflict(null);
    setLocalError(null);
    update.reset();
    replaceCached(current);
    setNotice(message);
    const status = formRef.current?.elements.namedItem('status');
    if (status instanceof HTMLSelectElement) status.focus();
  }

  function apply(current: GapItem): void {
    if (Object.keys(changes).length === 0) discard(current, 'The latest version already has your changes, so there was nothing more to save.');
    else save(current.version);
  }

  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject="this item"
          conflictKey={conflict.current.version}
          rows={conflictRows(gapConflictFields(ownerNamesOf(ownerOptions, conflict.current)), {
            original: gapItemValues(conflict.base),
            mine: { ...gapItemValues(conflict.base), ...changes },
            current: gapItemValues(conflict.current),
          })}
          isApplying={update.isPending}
          onApply={() => apply(conflict.current)}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form ref={formRef} onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={error} fieldNames={Object.keys(gapFieldLabels)} />
        <StatusMessage>{notice || null}</StatusMessage>
        <SelectField
          label={gapFieldLabels.status}
          name="status"
          value={values.status}
          options={gapStatusOptions(loaded)}
          onChange={(event) => setField('status', event.target.value as GapStatus)}
          error={errors.status}
        />
        <SelectField
          label={gapFieldLabels.ownerUserId}
          name="ownerUserId"
          value={values.ownerUserId}
          options={ownerOptions}
          hint={ownerHint}
          onChange={(event) => setField('ownerUserId', event.target.value)}
          error={errors.ownerUserId}
        />
        <TextField
          label={gapFieldLabels.targetDate}
          name="targetDate"
          type="date"
          value={values.targetDate}
          hint={`When this should be finished. Items past their target date are shown as overdue.${values.targetDate ? ` Selected: ${formatDate(values.targetDate)}.` : ''}`}
          onChange={(event) => setField('targetDate', event.target.value)}
          error={errors.targetDate}
        />
        <TextAreaField
          label={gapFieldLabels.notes}
          name="notes"
          rows={5}
          value={values.notes}
          hint="What you have in place, what is left to do, where the evidence is kept."
          onChange={(event) => setField('notes', event.target.value)}
          error={errors.notes}
        />
        <TextAreaField
          label={gapFieldLabels.justification}
          name="justification"
          rows={4}
          isRequired={isNotApplicable}
          value={values.justification}
          hint="Required when the status is Not applicable: explain why this does not apply to your practice (for example, “We have no on-site server room”). Auditors read this in your Statement of Applicability."
          onChange={(event) => setField('justification', event.target.value)}
          error={errors.justification}
        />
        <div className="form-actions">
          <Button type="submit" isBusy={update.isPending && !conflict} busyText="Saving…">
            Save
          </Button>
        </div>
      </form>
    </>
  );
}
