import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { accountApi } from '@custodian/shared/contracts/account.ts';
import { ApiError } from '../../api/api-error.ts';
import { call } from '../../api/client.ts';
import { resetAfterSessionChange } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Loading } from '../../components/query-state.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { useOnceWhen } from '../../lib/use-once.ts';
import { Link, useLocation } from '../../router.tsx';
import { NewPasswordField } from './new-password-field.tsx';

const labels = { password: 'New password' };

function AskAgain() {
  return (
    <p>
      <Link to="/forgot-password" className="button button-primary">
        Ask for a new link
      </Link>{' '}
      <Link to="/login">Back to sign in</Link>
    </p>
  );
}

/** Opened from the reset e-mail: says plainly if the link is used or expired, else sets a new password. */
export function ResetPasswordPage() {
  const queryClient = useQueryClient();
  const { searchParams } = useLocation();
  const token = searchParams.get('token') ?? '';
  const [password, setPassword] = useState('');
  const check = useMutation({ mutationFn: () => call(accountApi.checkPasswordReset, { body: { token } }) });
  const reset = useMutation({
    mutationFn: () => call(accountApi.resetPassword, { body: { token, password } }),
    // Every session of the person ended, this browser's included if it was theirs.
    onSuccess: () => resetAfterSessionChange(queryClient),
  });

  useOnceWhen(token !== '', () => check.mutate());

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    reset.mutate();
  }

  if (reset.isSuccess) {
    return (
      <>
        <PageHeader title="Your password is changed" />
        <StatusMessage>You can now sign in with your new password. For your safety, you have been signed out on every device.</StatusMessage>
        <p>
          <Link to="/login" className="button button-primary">
            Sign in
          </Link>
        </p>
      </>
    );
  }

  if (!token || check.isError) {
    return (
      <>
        <PageHeader title="Choose a new password" />
        <FormAlert error={check.error ?? new Error('This link is incomplete. Open the link from the e-mail again, or ask for a new one.')} />
        <AskAgain />
      </>
    );
  }

  if (!check.data) return <Loading label="Checking your link…" />;

  const errors = fieldErrorsOf(reset.error, labels);
  return (
    <>
      <PageHeader title="Choose a new password" intro={<p>For {check.data.email}. Once it is set, you will be signed out on every device and can sign in with the new password.</p>} />
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={reset.error} fieldNames={Object.keys(labels)} />
        {/* Lets a password manager save the new password against the right account. */}
        <input type="email" name="email" autoComplete="username" value={check.data.email} readOnly hidden />
        <NewPasswordField label={labels.password} value={password} onChange={(event) => setPassword(event.target.value)} error={errors.password} />
        <div className="form-actions">
          <Button type="submit" isBusy={reset.isPending} busyText="Saving…">
            Set new password
          </Button>
        </div>
      </form>
      {reset.error instanceof ApiError && reset.error.code === 'bad_request' ? <AskAgain /> : null}
    </>
  );
}
