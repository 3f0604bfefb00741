import { useState, type FormEvent } from 'react';
import { createTrainingBody, type TrainingItem } from '@custodian/shared/contracts/training.ts';
import { trainingFrequencies, trainingFrequencyLabels, type TrainingFrequency } from '@custodian/shared/domain/training-status.ts';
import { roleLabels, roles } from '@custodian/shared/permissions.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { useMembers } from '../members/members-api.ts';
import { useTrainingChanges, useTrainingTeams } from './training-api.ts';

const labels = { title: 'Title', kind: 'Kind', content: 'Training content', url: 'Web address', frequency: 'How often', dueDays: 'Days to complete', targetId: 'Who' };

/** Adds an item: written content (plain text, a blank line between paragraphs) or an https link. */
export function AddTrainingForm() {
  const [values, setValues] = useState({ title: '', kind: 'content', content: '', url: '', frequency: 'yearly' as TrainingFrequency, dueDays: '30' });
  const [localError, setLocalError] = useState<unknown>(null);
  const { create } = useTrainingChanges();
  const error = localError ?? create.error;
  const errors = fieldErrorsOf(error, labels);
  const set = (field: keyof typeof values, value: string) => setValues((v) => ({ ...v, [field]: value }));
  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const common = { title: values.title, frequency: values.frequency, dueDays: Number(values.dueDays) };
    const body = values.kind === 'link' ? { kind: 'link' as const, url: values.url, ...common } : { kind: 'content' as const, content: values.content, ...common };
    const invalid = validateWith(createTrainingBody, body);
    setLocalError(invalid);
    if (invalid) return;
    create.mutate(body, { onSuccess: () => setValues((v) => ({ ...v, title: '', content: '', url: '' })) });
  }
  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={error} fieldNames={Object.keys(labels)} />
      <TextField label={labels.title} name="title" value={values.title} isRequired onChange={(e) => set('title', e.target.value)} error={errors.title} />
      <SelectField label={labels.kind} name="kind" value={values.kind} onChange={(e) => set('kind', e.target.value)} options={[{ value: 'content', label: 'Written content' }, { value: 'link', label: 'External link (https)' }]} />
      {values.kind === 'link' ? (
        <TextField label={labels.url} name="url" value={values.url} isRequired hint="Starts with https://" onChange={(e) => set('url', e.target.value)} error={errors.url} />
      ) : (
        <TextAreaField label={labels.content} name="content" rows={6} value={values.content} isRequired hint="Plain text. Leave a blank line between paragraphs." onChange={(e) => set('content', e.target.value)} error={errors.content} />
      )}
      <SelectField label={labels.frequency} name="frequency" value={values.frequency} onChange={(e) => set('frequency', e.target.value)} options={trainingFrequencies.map((f) => ({ value: f, label: trainingFrequencyLabels[f] }))} />
      <TextField label={labels.dueDays} name="dueDays" type="number" min={1} max={365} value={values.dueDays} hint="How many days a person has to complete it once assigned." onChange={(e) => set('dueDays', e.target.value)} error={errors.dueDays} />
      <div className="form-actions">
        <Button type="submit" isBusy={create.isPending} busyText="Adding…">
          Add training
        </Button>
      </div>
    </form>
  );
}

/** Assigns an item to a role, a member or a team. */
export function AssignForm({ items }: { items: TrainingItem[] }) {
  const [itemId, setItemId] = useState('');
  const [targetKind, setTargetKind] = useState<'role' | 'member' | 'team'>('team');
  const [targetId, setTargetId] = useState('');
  const members = useMembers({ limit: 200 });
  const teams = useTrainingTeams();
  const { assign } = useTrainingChanges();
  const chosenItem = itemId || items[0]?.id || '';
  const options =
    targetKind === 'role'
      ? roles.map((r) => ({ value: r, label: roleLabels[r] }))
      : targetKind === 'member'
        ? (members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name }))
        : (teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }));
  const chosenTarget = targetId && options.some((o) => o.value === targetId) ? targetId : (options[0]?.value ?? '');
  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!chosenItem || !chosenTarget) return;
    assign.mutate({ id: chosenItem, body: { targetKind, targetId: chosenTarget } });
  }
  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={assign.error} fieldNames={['targetId']} />
      <SelectField label="Training" name="itemId" value={chosenItem} onChange={(e) => setItemId(e.target.value)} options={items.map((i) => ({ value: i.id, label: i.title }))} />
      <SelectField
        label="Assign to"
        name="targetKind"
        value={targetKind}
        onChange={(e) => setTargetKind(e.target.value as 'role' | 'member' | 'team')}
        options={[{ value: 'team', label: 'A team' }, { value: 'role', label: 'Everyone with a role' }, { value: 'member', label: 'One person' }]}
      />
      <SelectField label={labels.targetId} name="targetId" value={chosenTarget} onChange={(e) => setTargetId(e.target.value)} options={options} />
      <div className="form-actions">
        <Button type="submit" isBusy={assign.isPending} busyText="Assigning…" disabled={!chosenItem || !chosenTarget}>
          Assign
        </Button>
      </div>
    </form>
  );
}

/** Adds teams and puts members in them (one team each). */
export function TeamsPanel() {
  const [name, setName] = useState('');
  const [userId, setUserId] = useState('');
  const [teamId, setTeamId] = useState('');
  const teams = useTrainingTeams();
  const members = useMembers({ limit: 200 });
  const { createTeam, setTeam } = useTrainingChanges();
  const memberOptions = (members.data?.items ?? []).map((m) => ({ value: m.userId, label: m.name }));
  const teamOptions = [...(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name })), { value: 'none', label: 'No team' }];
  const chosenUser = userId || memberOptions[0]?.value || '';
  const chosenTeam = teamId || teamOptions[0]?.value || 'none';
  return (
    <>
      <ul className="plain-list">
        {(teams.data?.items ?? []).map((t) => (
          <li key={t.id}>
            <strong>{t.name}</strong>: {t.members.map((m) => m.name).join(', ') || 'nobody yet'}
          </li>
        ))}
      </ul>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          createTeam.mutate(name, { onSuccess: () => setName('') });
        }}
      >
        <FormAlert error={createTeam.error} fieldNames={['name']} />
        <TextField label="New team" name="teamName" value={name} onChange={(e) => setName(e.target.value)} />
        <Button type="submit" isBusy={createTeam.isPending} busyText="Adding…">
          Add team
        </Button>
      </form>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (chosenUser) setTeam.mutate({ userId: chosenUser, teamId: chosenTeam === 'none' ? null : chosenTeam });
        }}
      >
        <FormAlert error={setTeam.error} fieldNames={['userId', 'teamId']} />
        <SelectField label="Member" name="memberId" value={chosenUser} onChange={(e) => setUserId(e.target.value)} options={memberOptions} />
        <SelectField label="Team" name="teamId" value={chosenTeam} onChange={(e) => setTeamId(e.target.value)} options={teamOptions} />
        <Button type="submit" isBusy={setTeam.isPending} busyText="Saving…">
          Put in team
        </Button>
      </form>
    </>
  );
}
