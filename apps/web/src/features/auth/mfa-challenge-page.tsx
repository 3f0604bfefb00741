import { TotpCodeField } from './totp-code-field.tsx';
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi } from '@custodian/shared/contracts/auth.ts';
import { passkeyApi } from '@custodian/shared/contracts/passkeys.ts';
import { call } from '../../api/client.ts';
import { resetAfterSessionChange, useSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { safeNext } from './auth-layout.tsx';
import { canUsePasskeys, signWithPasskey } from './passkey-browser.ts';

const labels = { code: 'Authentication code', recoveryCode: 'Recovery code' };

/** Second sign-in step: a 6-digit code from the authenticator app, a one-time recovery code, or a passkey. */
export function MfaChallengePage() {
  const queryClient = useQueryClient();
  const { searchParams } = useLocation();
  const methods = useSession().data?.mfaMethods ?? { hasTotp: true, hasPasskey: false };
  const hasPasskey = methods.hasPasskey && canUsePasskeys();
  // With passkeys only, there is no code to type: the passkey is the second step.
  const isPasskeyOnly = hasPasskey && !methods.hasTotp;
  const isRecovery = searchParams.get('method') === 'recovery';
  const next = safeNext(searchParams.get('next'));
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');

  const challenge = useMutation({
    mutationFn: () => call(authApi.mfaChallenge, { body: isRecovery ? { recoveryCode: recoveryCode.trim() } : { code: code.trim() } }),
    onSuccess: async () => {
      await resetAfterSessionChange(queryClient);
      navigate(next);
    },
  });
  const withPasskey = useMutation({
    mutationFn: async () => {
      const options = await call(passkeyApi.mfaOptions);
      return call(passkeyApi.mfaPasskey, { body: { response: await signWithPasskey(options) } });
    },
    onSuccess: async () => {
      await resetAfterSessionChange(queryClient);
      navigate(next);
    },
  });
  const cancel = useMutation({
    mutationFn: () => call(authApi.logOut),
    onSettled: async () => {
      await resetAfterSessionChange(queryClient);
      navigate('/login');
    },
  });
  const errors = fieldErrorsOf(challenge.error, labels);
  const otherMethod = new URLSearchParams({ next, ...(isRecovery ? {} : { method: 'recovery' }) });

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    challenge.mutate();
  }

  return (
    <>
      <PageHeader
        title="Two-step verification"
        intro={
          <p>
            {isPasskeyOnly
              ? 'Use your passkey (your fingerprint, face or device PIN) to finish signing in.'
              : isRecovery
                ? 'Enter one of the recovery codes you saved when you set up two-step verification. Each code works once.'
                : `Open your authenticator app and enter the 6-digit code it shows for Custodian.${hasPasskey ? ' Or use your passkey.' : ''}`}
          </p>
        }
      />
      {hasPasskey ? (
        <div className="stack">
          <FormAlert error={withPasskey.error} />
          <Button variant={isPasskeyOnly ? 'primary' : 'secondary'} isBusy={withPasskey.isPending} busyText="Waiting for your passkey…" onClick={() => withPasskey.mutate()}>
            Use your passkey
          </Button>
        </div>
      ) : null}
      {isPasskeyOnly ? null : (
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={challenge.error} fieldNames={Object.keys(labels)} />
        {isRecovery ? (
          <TextField label={labels.recoveryCode} name="recoveryCode" autoComplete="off" isRequired value={recoveryCode} onChange={(event) => setRecoveryCode(event.target.value)} error={errors.recoveryCode} />
        ) : (
          <TotpCodeField value={code} onChange={(event) => setCode(event.target.value)} error={errors.code} />
        )}
        <div className="form-actions">
          <Button type="submit" isBusy={challenge.isPending} busyText="Checking…">
            Verify and sign in
          </Button>
        </div>
      </form>
      )}
      {methods.hasTotp ? (
        <p className="auth-alternative">
          <Link to={`/login/mfa?${otherMethod.toString()}`}>{isRecovery ? 'Use your authenticator app instead' : 'Use a recovery code instead'}</Link>
        </p>
      ) : null}
      <p>
        <Button variant="link" isBusy={cancel.isPending} onClick={() => cancel.mutate()}>
          Cancel and sign in as someone else
        </Button>
      </p>
    </>
  );
}
