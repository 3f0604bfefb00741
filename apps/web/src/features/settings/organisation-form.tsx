import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { organisation as organisationSchema, orgApi, type Organisation, type UpdateOrgBody } from '@custodian/shared/contracts/org.ts';
import { call } from '../../api/client.ts';
import { refreshSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { changedFields, conflictCurrent, conflictRows, isEditConflict, type ConflictFields } from '../../lib/edit-conflict.ts';
import { fieldErrorsOf } from '../../lib/form-errors.ts';

interface OrganisationValues {
  name: string;
  timeZone: string;
  isMfaRequired: boolean;
}

const labels: Record<keyof OrganisationValues, string> = {
  name: 'Organisation name',
  timeZone: 'Time zone',
  isMfaRequired: 'Require two-step verification for everyone',
};

const conflictFields: ConflictFields<OrganisationValues> = {
  name: { label: labels.name, format: (value) => value },
  timeZone: { label: labels.timeZone, format: (value) => value.replace(/_/g, ' ') },
  isMfaRequired: { label: 'Two-step verification', format: (value) => (value ? 'Required for everyone' : 'Not required') },
};

function valuesOf(organisation: Organisation): OrganisationValues {
  return { name: organisation.name, timeZone: organisation.timeZone, isMfaRequired: organisation.isMfaRequired };
}

function timeZoneOptions(current: string): Array<{ value: string; label: string }> {
  const all = Intl.supportedValuesOf('timeZone');
  const australian = all.filter((zone) => zone.startsWith('Australia/'));
  const others = all.filter((zone) => !zone.startsWith('Australia/'));
  const list = [...australian, ...others];
  if (!list.includes(current)) list.unshift(current);
  return list.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
}

/**
 * The organisation's name, time zone and MFA rule. Only changed fields are sent, with the version that
 * was loaded; if another owner saved meanwhile, what was typed stays and a notice compares the two.
 */
export function OrganisationForm({ organisation, canEdit }: { organisation: Organisation; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [loaded, setLoaded] = useState(organisation);
  const [values, setValues] = useState(() => valuesOf(organisation));
  /** After an edit conflict: the settings as first loaded (base) and as saved now (current). */
  const [conflict, setConflict] = useState<{ base: Organisation; current: Organisation } | null>(null);
  const [notice, setNotice] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const options = useMemo(() => timeZoneOptions(values.timeZone), [values.timeZone]);
  const save = useMutation({
    mutationFn: (body: UpdateOrgBody) => call(orgApi.update, { body }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['org'], saved);
      await refreshSession(queryClient);
    },
  });
  const error = conflict && isEditConflict(save.error) ? null : save.error;
  const errors = fieldErrorsOf(error, labels);
  const mine = { ...values, name: values.name.trim() };
  const changes = changedFields(valuesOf(loaded), mine);

  function setField<K extends keyof OrganisationValues>(key: K, value: OrganisationValues[K]): void {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function send(version: number): void {
    setNotice('');
    save.mutate(
      { version, ...changes },
      {
        onSuccess: (saved) => {
          setLoaded(saved);
          setValues(valuesOf(saved));
          setConflict(null);
          setNotice('Settings saved.');
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, organisationSchema);
          if (!current) return;
          // Rebase on the latest settings: keep every field this person changed, show the rest as saved now.
          const sentFrom = valuesOf(loaded);
          setConflict({ base: conflict?.base ?? loaded, current });
          setLoaded(current);
          setValues((typed) => ({ ...valuesOf(current), ...changedFields(sentFrom, typed) }));
        },
      },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (Object.keys(changes).length === 0) {
      setNotice('There are no changes to save.');
      return;
    }
    send(loaded.version);
  }

  function discard(current: Organisation, message = 'Your changes were discarded. The form now shows the latest settings.'): void {
    setLoaded(current);
    setValues(valuesOf(current));
    setConflict(null);
    save.reset();
    queryClient.setQueryData(['org'], current);
    setNotice(message);
    const name = formRef.current?.elements.namedItem('name');
    if (name instanceof HTMLInputElement) name.focus();
  }

  function apply(current: Organisation): void {
    if (Object.keys(changes).length === 0) discard(current, 'The latest settings already have your changes, so there was nothing more to save.');
    else send(current.version);
  }

  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject="the organisation settings"
          conflictKey={conflict.current.version}
          rows={conflictRows(conflictFields, { original: valuesOf(conflict.base), mine: { ...valuesOf(conflict.base), ...changes }, current: valuesOf(conflict.current) })}
          isApplying={save.isPending}
          onApply={() => apply(conflict.current)}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form ref={formRef} onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={error} fieldNames={Object.keys(labels)} />
        <TextField label={labels.name} name="name" isRequired disabled={!canEdit} value={values.name} onChange={(event) => setField('name', event.target.value)} error={errors.name} />
        <SelectField
          label={labels.timeZone}
          disabled={!canEdit}
          value={values.timeZone}
          options={options}
          hint="Used for dates in reports, reminders and the audit trail."
          onChange={(event) => setField('timeZone', event.target.value)}
          error={errors.timeZone}
        />
        <CheckboxField
          label={labels.isMfaRequired}
          disabled={!canEdit}
          checked={values.isMfaRequired}
          hint="Everyone must set up an authenticator app before they can use Custodian — including you, straight after saving if you have not yet. Recommended: it stops a stolen password from being enough to get in."
          onChange={(event) => setField('isMfaRequired', event.target.checked)}
          error={errors.isMfaRequired}
        />
        {canEdit ? (
          <div className="form-actions">
            <Button type="submit" isBusy={save.isPending && !conflict} busyText="Saving…">
              Save settings
            </Button>
          </div>
        ) : (
          <p className="muted">Only an owner can change these settings.</p>
        )}
        <StatusMessage>{notice || null}</StatusMessage>
      </form>
    </>
  );
}
