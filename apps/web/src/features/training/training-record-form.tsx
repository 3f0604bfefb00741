import { useState, type FormEvent } from 'react';
import { recordCompletionBody, type TrainingItem } from '@custodian/shared/contracts/training.ts';
import { ApiError } from '../../api/api-error.ts';
import { useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useMembers } from '../members/members-api.ts';
import { todayInZone } from '../risks/risk-form-values.ts';
import { useTrainingChanges, useTrainingTeams } from './training-api.ts';

const labels = { userId: 'Person', completedOn: 'Day they completed it', evidenceNote: 'Evidence' };
const dayMessage = 'Choose the day they completed it.';
const dayMissing = new ApiError(400, 'validation_failed', dayMessage, [{ path: 'completedOn', message: dayMessage }]);
const evidenceMessage = 'Say what shows the training was done (a certificate, an attendance sheet).';
const evidenceMissing = new ApiError(400, 'validation_failed', evidenceMessage, [{ path: 'evidenceNote', message: evidenceMessage }]);

/** The people an item is assigned to (through a role, by name or through a team), by name. */
function useAssignedPeople(item: TrainingItem): Array<{ value: string; label: string }> {
  const members = useMembers({ sort: 'name', limit: 200 });
  const teams = useTrainingTeams();
  const ids = new Set<string>();
  for (const a of item.assignments) {
    if (a.targetKind === 'member') ids.add(a.targetId);
    if (a.targetKind === 'role') for (const m of members.data?.items ?? []) if (m.role === a.targetId) ids.add(m.userId);
    if (a.targetKind === 'team') for (const m of teams.data?.items.find((t) => t.id === a.targetId)?.members ?? []) ids.add(m.userId);
  }
  return (members.data?.items ?? []).filter((m) => ids.has(m.userId)).map((m) => ({ value: m.userId, label: m.name }));
}

/** A manager records that someone completed the training (a course done elsewhere, a session on paper), with the evidence. */
export function RecordCompletionForm({ item }: { item: TrainingItem }) {
  const session = useSignedInSession();
  const today = todayInZone(session.organisation?.timeZone);
  const people = useAssignedPeople(item);
  const [userId, setUserId] = useState('');
  const [completedOn, setCompletedOn] = useState(today);
  const [evidenceNote, setEvidenceNote] = useState('');
  const [localError, setLocalError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const { record } = useTrainingChanges();
  const chosen = people.some((p) => p.value === userId) ? userId : (people[0]?.value ?? '');
  const error = localError ?? record.error;
  const errors = fieldErrorsOf(error, labels);

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body = { userId: chosen, completedOn, evidenceNote };
    const invalid = completedOn === '' ? dayMissing : evidenceNote.trim() === '' ? evidenceMissing : validateWith(recordCompletionBody, body);
    setLocalError(invalid);
    setNotice('');
    if (invalid) {
      record.reset();
      return;
    }
    const name = people.find((p) => p.value === chosen)?.label ?? 'the person';
    record.mutate(
      { id: item.id, body },
      {
        onSuccess: (saved) => {
          setEvidenceNote('');
          setNotice(`Recorded that ${name} completed “${item.title}” on ${formatDate(saved.completedOn)}.`);
        },
      },
    );
  }

  if (people.length === 0) return <p>Nobody is asked to do this training yet. Assign it first, then record completions here.</p>;
  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={error} fieldNames={Object.keys(labels)} />
      <StatusMessage>{notice || null}</StatusMessage>
      <SelectField label={labels.userId} name="userId" value={chosen} options={people} hint="Only people this training is assigned to are listed." onChange={(e) => setUserId(e.target.value)} error={errors.userId} />
      <TextField
        label={labels.completedOn}
        name="completedOn"
        type="date"
        max={today}
        isRequired
        value={completedOn}
        hint={completedOn ? `Selected: ${formatDate(completedOn)}.` : undefined}
        onChange={(e) => setCompletedOn(e.target.value)}
        error={errors.completedOn}
      />
      <TextAreaField
        label={labels.evidenceNote}
        name="evidenceNote"
        rows={2}
        isRequired
        value={evidenceNote}
        hint="What shows it was done: a certificate number, an attendance sheet, where the record is kept."
        onChange={(e) => setEvidenceNote(e.target.value)}
        error={errors.evidenceNote}
      />
      <div className="form-actions">
        <Button type="submit" isBusy={record.isPending} busyText="Recording…">
          Record completion
        </Button>
      </div>
    </form>
  );
}
