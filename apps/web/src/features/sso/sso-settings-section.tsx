import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { jitRoles, ssoApi, type JitRole, type SsoSettings } from '@custodian/shared/contracts/sso.ts';
import { roleLabels } from '@custodian/shared/permissions.ts';
import { call } from '../../api/client.ts';
import { isEditConflict } from '../../lib/edit-conflict.ts';
import { useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/field.tsx';
import { FormAlert, Notice, StatusMessage } from '../../components/form-alert.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { SsoDomains } from './sso-domains.tsx';

const ssoKey = ['sso-settings'] as const;

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
  clientSecret: string;
  isRequired: boolean;
  isJitEnabled: boolean;
  jitRole: JitRole;
}

function valuesOf(settings: SsoSettings): Values {
  return { issuer: settings.issuer, clientId: settings.clientId, clientSecret: '', isRequired: settings.isRequired, isJitEnabled: settings.isJitEnabled, jitRole: settings.jitRole };
}

/** The provider form; it starts afresh from each saved version (the section keeps the saved notice). */
function SsoSettingsForm({ settings, onSaved }: { settings: SsoSettings; onSaved: (version: number) => void }) {
  const queryClient = useQueryClient();
  const session = useSignedInSession();
  const [values, setValues] = useState(() => valuesOf(settings));
  const save = useMutation({
    mutationFn: () =>
      call(ssoApi.saveSettings, {
        body: { ...values, clientSecret: values.clientSecret === '' ? undefined : values.clientSecret, version: settings.version },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(ssoKey, saved);
      onSaved(saved.version);
    },
  });
  const errors = fieldErrorsOf(save.error, labels);

  function setField<K extends keyof Values>(key: K, value: Values[K]): void {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={save.error} fieldNames={Object.keys(labels)} />
      {isEditConflict(save.error) ? (
        <Button variant="secondary" onClick={() => void queryClient.invalidateQueries({ queryKey: ssoKey })}>
          Show the latest settings
        </Button>
      ) : null}
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
        isRequired={!settings.hasClientSecret}
        hint={settings.hasClientSecret ? 'A secret is saved (it is never shown). Leave this empty to keep it, or type a new one to replace it.' : 'Not set yet. Your provider shows it once, when you create the client.'}
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
        <Button type="submit" isBusy={save.isPending} busyText="Checking your provider…">
          Save single sign-on settings
        </Button>
      </div>
    </form>
  );
}

/** An owner's single sign-on settings: the provider, the organisation's e-mail domains, and the rules. */
export function SsoSettingsSection() {
  const settings = useQuery({ queryKey: ssoKey, queryFn: () => call(ssoApi.settings) });
  const [savedVersion, setSavedVersion] = useState(0);
  return (
    <section className="panel" aria-labelledby="sso-settings-heading">
      <h2 id="sso-settings-heading">Single sign-on</h2>
      <p>Let your team sign in with the accounts they already use at work (Microsoft, Google or another OpenID Connect provider).</p>
      {settings.isPending ? <Loading /> : null}
      {settings.isError ? <LoadError error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {settings.data ? (
        <>
          <Notice>
            In your provider, create a web application for Custodian and give it this sign-in redirect address: <code>{settings.data.redirectUri}</code>
          </Notice>
          <SsoDomains settings={settings.data} queryKey={ssoKey} />
          <h3>Your provider</h3>
          <SsoSettingsForm key={settings.data.version} settings={settings.data} onSaved={setSavedVersion} />
          <StatusMessage>{savedVersion > 0 && savedVersion === settings.data.version ? 'Single sign-on settings saved.' : null}</StatusMessage>
        </>
      ) : null}
    </section>
  );
}
