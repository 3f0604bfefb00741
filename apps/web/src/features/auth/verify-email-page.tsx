import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { authApi } from '@custodian/shared/contracts/auth.ts';
import { call } from '../../api/client.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Loading } from '../../components/query-state.tsx';
import { useOnceWhen } from '../../lib/use-once.ts';
import { Link, useLocation } from '../../router.tsx';

/** Opened from the confirmation e-mail: confirms the address, then offers "Sign in". */
export function VerifyEmailPage() {
  const { searchParams } = useLocation();
  const token = searchParams.get('token') ?? '';
  const [email, setEmail] = useState('');
  const verify = useMutation({ mutationFn: () => call(authApi.verifyEmail, { body: { token } }) });
  const resend = useMutation({ mutationFn: () => call(authApi.resendVerification, { body: { email } }) });

  useOnceWhen(token !== '', () => verify.mutate());

  function handleResend(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    resend.mutate();
  }

  if (verify.isSuccess) {
    return (
      <>
        <PageHeader title="Your e-mail address is confirmed" />
        <StatusMessage>{verify.data.alreadyConfirmed ? 'This e-mail address is already confirmed — you can sign in.' : 'Thank you. Your account is ready.'}</StatusMessage>
        <p>
          <Link to="/login" className="button button-primary">
            Sign in
          </Link>
        </p>
      </>
    );
  }

  const isFailed = !token || verify.isError;
  return (
    <>
      <PageHeader title="Confirm your e-mail address" />
      {!isFailed ? <Loading label="Confirming your e-mail address…" /> : null}
      {isFailed ? (
        <div className="stack">
          <FormAlert error={verify.error ?? new Error('This link is incomplete. Open the link from the e-mail again, or ask for a new one below.')} />
          <form onSubmit={handleResend} noValidate className="form">
            <TextField label="E-mail" type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.target.value)} />
            <div className="form-actions">
              <Button type="submit" variant="secondary" isBusy={resend.isPending}>
                Send a new link
              </Button>
            </div>
          </form>
          <FormAlert error={resend.error} />
          <StatusMessage>{resend.isSuccess ? 'If that address has an unconfirmed account, a new link is on its way.' : null}</StatusMessage>
          <p>
            <Link to="/login">Back to sign in</Link>
          </p>
        </div>
      ) : null}
    </>
  );
}
