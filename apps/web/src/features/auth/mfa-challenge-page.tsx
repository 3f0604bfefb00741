import { TotpCodeField } from './totp-code-field.tsx';
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi } from '@custodian/shared/contracts/auth.ts';
import { call } from '../../api/client.ts';
import { resetAfterSessionChange } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { safeNext } from './auth-layout.tsx';

const labels = { code: 'Authentication code', recoveryCode: 'Recovery code' };

/** Second sign-in step: a 6-digit code from the authenticator app, or a one-time recovery code. */
export function MfaChallengePage() {
  const queryClient = useQueryClient();
  const { searchParams } = useLocation();
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
            {isRecovery
              ? 'Enter one of the recovery codes you saved when you set up two-step verification. Each code works once.'
              : 'Open your authenticator app and enter the 6-digit code it shows for Custodian.'}
          </p>
        }
      />
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
      <p className="auth-alternative">
        <Link to={`/login/mfa?${otherMethod.toString()}`}>{isRecovery ? 'Use your authenticator app instead' : 'Use a recovery code instead'}</Link>
      </p>
      <p>
        <Button variant="link" isBusy={cancel.isPending} onClick={() => cancel.mutate()}>
          Cancel and sign in as someone else
        </Button>
      </p>
    </>
  );
}
