import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { refreshSession } from '../../api/session.ts';
import type { Organisation } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';

const labels = { name: 'Organisation name', timeZone: 'Time zone', isMfaRequired: 'Require two-step verification for everyone' };

function timeZoneOptions(current: string): Array<{ value: string; label: string }> {
  const all = Intl.supportedValuesOf('timeZone');
  const australian = all.filter((zone) => zone.startsWith('Australia/'));
  const others = all.filter((zone) => !zone.startsWith('Australia/'));
  const list = [...australian, ...others];
  if (!list.includes(current)) list.unshift(current);
  return list.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
}

/** The organisation's name, time zone and MFA rule. Only changed fields are sent. */
export function OrganisationForm({ organisation, canEdit }: { organisation: Organisation; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(organisation.name);
  const [timeZone, setTimeZone] = useState(organisation.timeZone);
  const [isMfaRequired, setIsMfaRequired] = useState(organisation.isMfaRequired);
  const options = useMemo(() => timeZoneOptions(organisation.timeZone), [organisation.timeZone]);
  const save = useMutation({
    mutationFn: (body: Partial<Pick<Organisation, 'name' | 'timeZone' | 'isMfaRequired'>>) => api.patch<Organisation>('/org', body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['org'] });
      await refreshSession(queryClient);
    },
  });
  const errors = fieldErrorsOf(save.error, labels);

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body: Partial<Pick<Organisation, 'name' | 'timeZone' | 'isMfaRequired'>> = {};
    if (name.trim() !== organisation.name) body.name = name.trim();
    if (timeZone !== organisation.timeZone) body.timeZone = timeZone;
    if (isMfaRequired !== organisation.isMfaRequired) body.isMfaRequired = isMfaRequired;
    save.mutate(body);
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={save.error} fieldNames={Object.keys(labels)} />
      <TextField label={labels.name} isRequired disabled={!canEdit} value={name} onChange={(event) => setName(event.target.value)} error={errors.name} />
      <SelectField
        label={labels.timeZone}
        disabled={!canEdit}
        value={timeZone}
        options={options}
        hint="Used for dates in reports, reminders and the audit trail."
        onChange={(event) => setTimeZone(event.target.value)}
        error={errors.timeZone}
      />
      <CheckboxField
        label={labels.isMfaRequired}
        disabled={!canEdit}
        checked={isMfaRequired}
        hint="Everyone must set up an authenticator app before they can use Custodian — including you, straight after saving if you have not yet. Recommended: it stops a stolen password from being enough to get in."
        onChange={(event) => setIsMfaRequired(event.target.checked)}
        error={errors.isMfaRequired}
      />
      {canEdit ? (
        <div className="form-actions">
          <Button type="submit" isBusy={save.isPending} busyText="Saving…">
            Save settings
          </Button>
        </div>
      ) : (
        <p className="muted">Only an owner can change these settings.</p>
      )}
      <StatusMessage>{save.isSuccess ? 'Settings saved.' : null}</StatusMessage>
    </form>
  );
}
