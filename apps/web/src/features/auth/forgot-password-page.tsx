import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { accountApi } from '@custodian/shared/contracts/account.ts';
import { call } from '../../api/client.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { Link } from '../../router.tsx';

const labels = { email: 'E-mail' };

/** "Forgotten password?": asks for the address and says the same thing whether or not it has an account. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState('');
  const request = useMutation({
    mutationFn: () => call(accountApi.requestPasswordReset, { body: { email } }),
    onSuccess: () => setSentTo(email),
  });
  const errors = fieldErrorsOf(request.error, labels);

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    request.mutate();
  }

  if (sentTo) {
    return (
      <>
        <PageHeader title="Check your e-mail" />
        <StatusMessage>
          If {sentTo} has a Custodian account, we have sent it a link to choose a new password. The link works once, for 30 minutes.
        </StatusMessage>
        <p>Nothing there after a few minutes? Check your junk or spam folder, make sure the address is the one you sign in with, then ask for a new link.</p>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Forgotten your password?" intro={<p>Enter the e-mail address you sign in with. We will send you a link to choose a new password.</p>} />
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={request.error} fieldNames={Object.keys(labels)} />
        <TextField label={labels.email} type="email" name="email" autoComplete="username" isRequired value={email} onChange={(event) => setEmail(event.target.value)} error={errors.email} />
        <div className="form-actions">
          <Button type="submit" isBusy={request.isPending} busyText="Sending…">
            Send me a reset link
          </Button>
        </div>
      </form>
      <p className="auth-alternative">
        Remembered it? <Link to="/login">Sign in</Link>
      </p>
    </>
  );
}
