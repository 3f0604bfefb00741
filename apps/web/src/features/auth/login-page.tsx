import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi } from '@custodian/shared/contracts/auth.ts';
import { passkeyApi } from '@custodian/shared/contracts/passkeys.ts';
import { call } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import { resetAfterSessionChange } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { SsoSignInForm } from '../sso/sso-sign-in-form.tsx';
import { safeNext } from './auth-layout.tsx';
import { canUsePasskeys, signWithPasskey } from './passkey-browser.ts';

const labels = { email: 'E-mail', password: 'Password' };

/** Sign in with e-mail and password; goes on to the MFA step when the account has it. */
export function LoginPage() {
  const queryClient = useQueryClient();
  const { searchParams } = useLocation();
  const next = safeNext(searchParams.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation({
    mutationFn: () => call(authApi.logIn, { body: { email, password } }),
    onSuccess: async (reply) => {
      await resetAfterSessionChange(queryClient);
      if (reply.status === 'mfa_required') {
        navigate(`/login/mfa?next=${encodeURIComponent(next)}`);
        return;
      }
      navigate(next);
    },
  });
  // Passwordless: the browser offers the passkeys it holds for Custodian; no e-mail address needed.
  const withPasskey = useMutation({
    mutationFn: async () => {
      const options = await call(passkeyApi.signInOptions);
      return call(passkeyApi.signIn, { body: { response: await signWithPasskey(options) } });
    },
    onSuccess: async () => {
      await resetAfterSessionChange(queryClient);
      navigate(next);
    },
  });
  const resend = useMutation({ mutationFn: () => call(authApi.resendVerification, { body: { email } }) });

  const errors = fieldErrorsOf(login.error, labels);
  const isUnverified = login.error instanceof ApiError && login.error.code === 'email_not_verified';

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    resend.reset();
    withPasskey.reset();
    login.mutate();
  }

  return (
    <>
      <PageHeader title="Sign in to Custodian" />
      <StatusMessage>{searchParams.get('deleted') === '1' ? 'Your account has been deleted and you have been signed out.' : null}</StatusMessage>
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={login.error} fieldNames={Object.keys(labels)} />
        <TextField label={labels.email} type="email" name="email" autoComplete="username" isRequired value={email} onChange={(event) => setEmail(event.target.value)} error={errors.email} />
        <TextField
          label={labels.password}
          type="password"
          name="password"
          autoComplete="current-password"
          isRequired
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
        />
        <div className="form-actions">
          <Button type="submit" isBusy={login.isPending} busyText="Signing in…">
            Sign in
          </Button>
          <Link to="/forgot-password">Forgotten password?</Link>
        </div>
      </form>
      {canUsePasskeys() ? (
        <div className="stack passkey-sign-in">
          <FormAlert error={withPasskey.error} />
          <Button
            variant="secondary"
            isBusy={withPasskey.isPending}
            busyText="Waiting for your passkey…"
            onClick={() => {
              login.reset();
              withPasskey.mutate();
            }}
          >
            Sign in with a passkey
          </Button>
        </div>
      ) : null}
      {isUnverified ? (
        <div className="stack">
          <p>Open the link in the e-mail we sent when you signed up. Lost it?</p>
          <Button variant="secondary" isBusy={resend.isPending} onClick={() => resend.mutate()}>
            Send the confirmation e-mail again
          </Button>
        </div>
      ) : null}
      <StatusMessage>{resend.isSuccess ? `If ${email} has an unconfirmed account, a new link is on its way.` : null}</StatusMessage>
      <SsoSignInForm />
      <p className="auth-alternative">
        New to Custodian? <Link to="/signup">Create an account for your practice</Link>
      </p>
      <p className="auth-alternative">
        Looking for help with ISO/IEC 27001? <Link to="/providers">Find a consultant or certification body</Link>
      </p>
    </>
  );
}
