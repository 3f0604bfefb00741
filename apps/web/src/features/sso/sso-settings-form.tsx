import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { jitRoles, ssoApi, ssoSettings, type JitRole, type SsoSettings } from '@custodian/shared/contracts/sso.ts';
import { roleLabels } from '@custodian/shared/permissions.ts';
import { call } from '../../api/client.ts';
import { useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { changedFields, conflictCurrent, conflictRows, isEditConflict, type ConflictFields } from '../../lib/edit-conflict.ts';
import { fieldErrorsOf } from '../../lib/form-errors.ts';

export const ssoKey = ['sso-settings'] as const;

const labels = {
  issuer: "Your provider's address (issuer)",
  clientId: 'Client id',
  clientSecret: 'Client secret',
  isRequired: 'Require single sign-on for everyone in this organisation',
  isJitEnabled: 'Let people from your domains join on their first sign-in',
  jitRole: 'Role for people who join this way',
};

interface Values {
  issuer: string;
  clientId: string;
  /** Write-only: what the person typed ('' keeps the saved secret); the server never sends it back. */
  clientSecret: string;
  isRequired: boolean;
  isJitEnabled: boolean;
  jitRole: JitRole;
}

type Shown = Omit<Values, 'clientSecret'>;

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
/** The fields compared after an edit conflict; never the secret. */
const conflictFields: ConflictFields<Shown> = {
  issuer: { label: labels.issuer, format: (value) => value || 'Not set' },
  clientId: { label: labels.clientId, format: (value) => value || 'Not set' },
  isRequired: { label: 'Single sign-on required', format: yesNo },
  isJitEnabled: { label: 'People join on their first sign-in', format: yesNo },
  jitRole: { label: labels.jitRole, format: (value) => roleLabels[value] },
};

function valuesOf(settings: SsoSettings): Values {
  return { issuer: settings.issuer, clientId: settings.clientId, clientSecret: '', isRequired: settings.isRequired, isJitEnabled: settings.isJitEnabled, jitRole: settings.jitRole };
}

function shown(values: Values): Shown {
  return { issuer: values.issuer, clientId: values.clientId, isRequired: values.isRequired, isJitEnabled: values.isJitEnabled, jitRole: values.jitRole };
}

/**
 * The provider form. It keeps what is typed (the client secret too) while the page reads the settings
 * again, saves with the version the person started from, and when another owner saved meanwhile shows
 * the edit-conflict notice for everything but the secret, to apply these changes on the latest version.
 */
export function SsoSettingsForm({ settings, onSaved }: { settings: SsoSettings; onSaved: (version: number) => void }) {
  const queryClient = useQueryClient();
  const session = useSignedInSession();
  const [loaded, setLoaded] = useState(settings);
  const [values, setValues] = useState(() => valuesOf(settings));
  const [conflict, setConflict] = useState<{ base: SsoSettings; current: SsoSettings } | null>(null);
  const [seenVersion, setSeenVersion] = useState(settings.version);
  const changes = changedFields(valuesOf(loaded), values);
  const hasChanges = Object.keys(changes).length > 0;

  // A newer version read on this page (another owner's save, window focus) is taken only while nothing is typed.
  if (settings.version !== seenVersion) {
    setSeenVersion(settings.version);
    if (!hasChanges && !conflict && settings.version > loaded.version) {
      setLoaded(settings);
      setValues(valuesOf(settings));
    }
  }

  const save = useMutation({
    mutationFn: (version: number) => call(ssoApi.saveSettings, { body: { ...values, clientSecret: values.clientSecret === '' ? undefined : values.clientSecret, version } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(ssoKey, saved);
      setLoaded(saved);
      setValues(valuesOf(saved));
      setConflict(null);
      onSaved(saved.version);
    },
    onError: (failure) => {
      const current = conflictCurrent(failure, ssoSettings);
      if (!current) return;
      const sentFrom = valuesOf(loaded);
      setConflict({ base: conflict?.base ?? loaded, current });
      setLoaded(current);
      setValues((typed) => ({ ...valuesOf(current), ...changedFields(sentFrom, typed) }));
    },
  });
  const error = conflict && isEditConflict(save.error) ? null : save.error;
  const errors = fieldErrorsOf(error, labels);

  function setField<K extends keyof Values>(key: K, value: Values[K]): void {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function discard(current: SsoSettings): void {
    setLoaded(current);
    setValues(valuesOf(current));
    setConflict(null);
    save.reset();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    save.mutate(loaded.version);
  }

  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject="the single sign-on settings"
          conflictKey={conflict.current.version}
          rows={conflictRows(conflictFields, { original: shown(valuesOf(conflict.base)), mine: shown({ ...valuesOf(conflict.base), ...changes }), current: shown(valuesOf(conflict.current)) })}
          isApplying={save.isPending}
          onApply={() => (hasChanges ? save.mutate(conflict.current.version) : discard(conflict.current))}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      {conflict && values.clientSecret !== '' ? <p>The client secret you typed is kept (it is not shown) and is saved when you apply your changes.</p> : null}
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={error} fieldNames={Object.keys(labels)} />
        <TextField
          label={labels.issuer}
          name="issuer"
          type="url"
          isRequired
          hint="For example https://login.microsoftonline.com/your-tenant-id/v2.0 or https://accounts.google.com. We check it when you save."
          value={values.issuer}
          onChange={(event) => setField('issuer', event.target.value)}
          error={errors.issuer}
        />
        <TextField label={labels.clientId} name="clientId" isRequired value={values.clientId} onChange={(event) => setField('clientId', event.target.value)} error={errors.clientId} />
        <TextField
          label={labels.clientSecret}
          name="clientSecret"
          type="password"
          autoComplete="off"
          isRequired={!loaded.hasClientSecret}
          hint={loaded.hasClientSecret ? 'A secret is saved (it is never shown). Leave this empty to keep it, or type a new one to replace it.' : 'Not set yet. Your provider shows it once, when you create the client.'}
          value={values.clientSecret}
          onChange={(event) => setField('clientSecret', event.target.value)}
          error={errors.clientSecret}
        />
        <CheckboxField
          label={labels.isJitEnabled}
          checked={values.isJitEnabled}
          hint="Someone your provider signs in, with an address at one of your domains, becomes a member straight away. Leave it off to let in only people you have invited."
          onChange={(event) => setField('isJitEnabled', event.target.checked)}
          error={errors.isJitEnabled}
        />
        <SelectField
          label={labels.jitRole}
          value={values.jitRole}
          options={jitRoles.map((role) => ({ value: role, label: roleLabels[role] }))}
          onChange={(event) => setField('jitRole', event.target.value as JitRole)}
          error={errors.jitRole}
        />
        <CheckboxField
          label={labels.isRequired}
          checked={values.isRequired}
          hint={
            session.user?.hasMfa
              ? 'Members can then get in only through your provider. Owners with two-step verification can still use their password, so a broken provider cannot lock you out.'
              : 'Turn on two-step verification for your own account first: owners with it can still use their password if your provider stops working.'
          }
          onChange={(event) => setField('isRequired', event.target.checked)}
          error={errors.isRequired}
        />
        <div className="form-actions">
          <Button type="submit" isBusy={save.isPending && !conflict} busyText="Checking your provider…">
            Save single sign-on settings
          </Button>
        </div>
      </form>
    </>
  );
}
