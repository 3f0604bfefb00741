import { useState, type FormEvent } from 'react';
import { gapStatuses, gapStatusLabels, updateGapBody, type GapItem, type GapStatus, type UpdateGapBody } from '@custodian/shared/contracts/gap.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextAreaField, TextField, type SelectOption } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useUpdateGapItem } from './gap-api.ts';

const labels = { status: 'Status', ownerUserId: 'Owner', targetDate: 'Target date', notes: 'Notes', justification: 'Justification' };

interface GapItemFormProps {
  item: GapItem;
  ownerOptions: SelectOption[];
  ownerHint?: string;
  onSaved: (message: string) => void;
}

/** Edits one gap item. What was typed stays in the form if saving fails. */
export function GapItemForm({ item, ownerOptions, ownerHint, onSaved }: GapItemFormProps) {
  const [status, setStatus] = useState<GapStatus>(item.status);
  const [ownerUserId, setOwnerUserId] = useState(item.ownerUserId ?? '');
  const [targetDate, setTargetDate] = useState(item.targetDate ?? '');
  const [notes, setNotes] = useState(item.notes);
  const [justification, setJustification] = useState(item.justification);
  const [localError, setLocalError] = useState<unknown>(null);
  const update = useUpdateGapItem(item.itemId);

  const error = localError ?? update.error;
  const errors = fieldErrorsOf(error, labels);
  const isNotApplicable = status === 'not_applicable';

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body: UpdateGapBody = {
      status,
      ownerUserId: ownerUserId || null,
      targetDate: targetDate || null,
      notes,
      justification,
    };
    const invalid = validateWith(updateGapBody, body);
    setLocalError(invalid);
    if (invalid) {
      update.reset();
      return;
    }
    update.mutate(body, { onSuccess: () => onSaved(`Saved ${item.ref} as ${gapStatusLabels[status]}.`) });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={error} fieldNames={Object.keys(labels)} />
      <SelectField
        label={labels.status}
        name="status"
        value={status}
        options={gapStatuses.map((value) => ({ value, label: gapStatusLabels[value] }))}
        onChange={(event) => setStatus(event.target.value as GapStatus)}
        error={errors.status}
      />
      <SelectField label={labels.ownerUserId} name="ownerUserId" value={ownerUserId} options={ownerOptions} hint={ownerHint} onChange={(event) => setOwnerUserId(event.target.value)} error={errors.ownerUserId} />
      <TextField
        label={labels.targetDate}
        name="targetDate"
        type="date"
        value={targetDate}
        hint={`When this should be finished. Items past their target date are shown as overdue.${targetDate ? ` Selected: ${formatDate(targetDate)}.` : ''}`}
        onChange={(event) => setTargetDate(event.target.value)}
        error={errors.targetDate}
      />
      <TextAreaField label={labels.notes} name="notes" rows={5} value={notes} hint="What you have in place, what is left to do, where the evidence is kept." onChange={(event) => setNotes(event.target.value)} error={errors.notes} />
      <TextAreaField
        label={labels.justification}
        name="justification"
        rows={4}
        isRequired={isNotApplicable}
        value={justification}
        hint="Required when the status is Not applicable: explain why this does not apply to your practice (for example, “We have no on-site server room”). Auditors read this in your Statement of Applicability."
        onChange={(event) => setJustification(event.target.value)}
        error={errors.justification}
      />
      <div className="form-actions">
        <Button type="submit" isBusy={update.isPending} busyText="Saving…">
          Save
        </Button>
      </div>
    </form>
  );
}
