import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ssoApi } from '@custodian/shared/contracts/sso.ts';
import { call } from '../../api/client.ts';
import { useSignedInSession } from '../../api/session.ts';
import { Notice, StatusMessage } from '../../components/form-alert.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { SsoDomains } from './sso-domains.tsx';
import { SsoSettingsForm, ssoKey } from './sso-settings-form.tsx';

/** An owner's single sign-on settings: the provider, the organisation's e-mail domains, and the rules. */
export function SsoSettingsSection() {
  const session = useSignedInSession();
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
          <SsoSettingsForm key={session.organisation?.orgId ?? 'none'} settings={settings.data} onSaved={setSavedVersion} />
          <StatusMessage>{savedVersion > 0 && savedVersion === settings.data.version ? 'Single sign-on settings saved.' : null}</StatusMessage>
        </>
      ) : null}
    </section>
  );
}
