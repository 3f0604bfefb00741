import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.ts';
import { trainingItem, updateTrainingBody, type TrainingItem, type UpdateTrainingBody } from '@custodian/shared/contracts/training.ts';
import { trainingFrequencies, trainingFrequencyLabels, type TrainingFrequency } from '@custodian/shared/domain/training-status.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { changedFields, conflictCurrent, conflictRows, isEditConflict, type ConflictFields } from '../../lib/edit-conflict.ts';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { useTrainingChanges } from './training-api.ts';

const daysMessage = 'Enter the days to complete as a whole number from 1 to 365.';
const daysInvalid = new ApiError(400, 'validation_failed', daysMessage, [{ path: 'dueDays', message: daysMessage }]);
const isDays = (text: string) => /^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 365;

/** What the form edits, flat (days as text, '' for no address) so changes compare by value. */
interface EditValues {
  title: string;
  content: string;
  url: string;
  frequency: TrainingFrequency;
  dueDays: string;
}

const valuesOf = (item: TrainingItem): EditValues => ({ title: item.title, content: item.content, url: item.url ?? '', frequency: item.frequency, dueDays: String(item.dueDays) });

function labelsOf(item: TrainingItem): Record<keyof EditValues, string> {
  return { title: 'Title', content: item.kind === 'link' ? 'Description (optional)' : 'Training content', url: 'Web address', frequency: 'How often', dueDays: 'Days to complete' };
}

function bodyOf(version: number, changes: Partial<EditValues>): UpdateTrainingBody {
  const body: UpdateTrainingBody = { version };
  if (changes.title !== undefined) body.title = changes.title;
  if (changes.content !== undefined) body.content = changes.content;
  if (changes.url !== undefined) body.url = changes.url;
  if (changes.frequency !== undefined) body.frequency = changes.frequency;
  if (changes.dueDays !== undefined) body.dueDays = Number(changes.dueDays);
  return body;
}

function conflictFields(labels: Record<keyof EditValues, string>): ConflictFields<EditValues> {
  return {
    title: { label: labels.title, format: (value) => value },
    content: { label: labels.content, format: (value) => value || 'None' },
    url: { label: labels.url, format: (value) => value || 'None' },
    frequency: { label: labels.frequency, format: (value) => trainingFrequencyLabels[value] },
    dueDays: { label: labels.dueDays, format: (value) => (value === '1' ? '1 day' : `${value} days`) },
  };
}

/**
 * Changes a training item: its title, text or link, how often it is repeated and how long people have.
 * Only what changed is sent, with the version read; when someone else saved first, what was typed stays
 * and a notice compares the two.
 */
export function TrainingEditForm({ item }: { item: TrainingItem }) {
  const [loaded, setLoaded] = useState<TrainingItem>(item);
  const [values, setValues] = useState<EditValues>(() => valuesOf(item));
  const [conflict, setConflict] = useState<{ base: TrainingItem; current: TrainingItem } | null>(null);
  const [localError, setLocalError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const { update } = useTrainingChanges();
  const labels = labelsOf(item);
  const changes = changedFields(valuesOf(loaded), values);
  const hasChanges = Object.keys(changes).length > 0;

  // Assigning or unassigning on this page saves the item too: take the newer version when nothing here is unsaved.
  if (item.version > loaded.version && !hasChanges && !conflict) {
    setLoaded(item);
    setValues(valuesOf(item));
  }

  const error = localError ?? (conflict && isEditConflict(update.error) ? null : update.error);
  const errors = fieldErrorsOf(error, labels);
  const set = <K extends keyof EditValues>(key: K, value: EditValues[K]) => setValues((current) => ({ ...current, [key]: value }));

  function save(version: number): void {
    const body = bodyOf(version, changes);
    const invalid = changes.dueDays !== undefined && !isDays(changes.dueDays) ? daysInvalid : validateWith(updateTrainingBody, body);
    setLocalError(invalid);
    setNotice('');
    if (invalid) return;
    update.mutate(
      { id: item.id, body },
      {
        onSuccess: (saved) => {
          setLoaded(saved);
          setValues(valuesOf(saved));
          setConflict(null);
          setNotice(`Saved “${saved.title}”.`);
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, trainingItem);
          if (!current) return;
          const sentFrom = valuesOf(loaded);
          setConflict({ base: conflict?.base ?? loaded, current });
          setLoaded(current);
          setValues((typed) => ({ ...valuesOf(current), ...changedFields(sentFrom, typed) }));
        },
      },
    );
  }

  function discard(current: TrainingItem, message = 'Your changes were discarded. The form now shows the latest version.'): void {
    setLoaded(current);
    setValues(valuesOf(current));
    setConflict(null);
    setLocalError(null);
    update.reset();
    setNotice(message);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!hasChanges) {
      setNotice('There are no changes to save.');
      return;
    }
    save(loaded.version);
  }

  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject="this training item"
          conflictKey={conflict.current.version}
          rows={conflictRows(conflictFields(labels), { original: valuesOf(conflict.base), mine: { ...valuesOf(conflict.base), ...changes }, current: valuesOf(conflict.current) })}
          isApplying={update.isPending}
          onApply={() => (hasChanges ? save(conflict.current.version) : discard(conflict.current, 'The latest version already has your changes.'))}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={error} fieldNames={Object.keys(labels)} />
        <StatusMessage>{notice || null}</StatusMessage>
        <TextField label={labels.title} name="title" value={values.title} isRequired onChange={(e) => set('title', e.target.value)} error={errors.title} />
        {item.kind === 'link' ? (
          <TextField label={labels.url} name="url" value={values.url} isRequired hint="Starts with https://" onChange={(e) => set('url', e.target.value)} error={errors.url} />
        ) : null}
        <TextAreaField
          label={labels.content}
          name="content"
          rows={6}
          value={values.content}
          isRequired={item.kind === 'content'}
          hint="Plain text. Leave a blank line between paragraphs."
          onChange={(e) => set('content', e.target.value)}
          error={errors.content}
        />
        <SelectField label={labels.frequency} name="frequency" value={values.frequency} onChange={(e) => set('frequency', e.target.value as TrainingFrequency)} options={trainingFrequencies.map((f) => ({ value: f, label: trainingFrequencyLabels[f] }))} error={errors.frequency} />
        <TextField label={labels.dueDays} name="dueDays" type="number" min={1} max={365} value={values.dueDays} hint="How many days a person has to complete it once assigned." onChange={(e) => set('dueDays', e.target.value)} error={errors.dueDays} />
        <div className="form-actions">
          <Button type="submit" isBusy={update.isPending && !conflict} busyText="Saving…">
            Save changes
          </Button>
        </div>
      </form>
    </>
  );
}
