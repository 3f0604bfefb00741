import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { accountApi } from '@custodian/shared/contracts/account.ts';
import { call } from '../../api/client.ts';
import { resetAfterSessionChange } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { NewPasswordField } from './new-password-field.tsx';

const labels = { currentPassword: 'Current password', newPassword: 'New password' };

/** Change the password with the current one; other devices are signed out, this one stays signed in. */
export function ChangePasswordSection({ email }: { email: string }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: () => call(accountApi.changePassword, { body: form }),
    onSuccess: async () => {
      setForm({ currentPassword: '', newPassword: '' });
      setDone(true);
      // The session has a new id and CSRF token.
      await resetAfterSessionChange(queryClient);
    },
  });
  const errors = fieldErrorsOf(change.error, labels);

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setDone(false);
    change.mutate();
  }

  return (
    <section className="panel" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <p>Changing your password signs you out on every other device. We will e-mail you to confirm the change.</p>
      <StatusMessage>{done ? 'Your password is changed. Other devices have been signed out.' : null}</StatusMessage>
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={change.error} fieldNames={Object.keys(labels)} />
        <input type="email" name="email" autoComplete="username" value={email} readOnly hidden />
        <TextField
          label={labels.currentPassword}
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          isRequired
          value={form.currentPassword}
          onChange={(event) => setForm((current) => ({ ...current, currentPassword: event.target.value }))}
          error={errors.currentPassword}
        />
        <NewPasswordField
          label={labels.newPassword}
          value={form.newPassword}
          onChange={(event) => setForm((current) => ({ ...current, newPassword: event.target.value }))}
          error={errors.newPassword}
        />
        <div className="form-actions">
          <Button type="submit" isBusy={change.isPending} busyText="Changing your password…">
            Change password
          </Button>
        </div>
      </form>
    </section>
  );
}
