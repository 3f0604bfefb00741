import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { accountApi } from '@custodian/shared/contracts/account.ts';
import { call } from '../../api/client.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';

const labels = { newEmail: 'New e-mail address' };

/**
 * Change the e-mail address: a link goes to the new address and the change happens only when it is
 * opened; the current address is told. The answer is the same whether or not the new address already
 * has an account (the e-mail there says which).
 */
export function ChangeEmailSection({ email }: { email: string }) {
  const [newEmail, setNewEmail] = useState('');
  const change = useMutation({ mutationFn: () => call(accountApi.requestEmailChange, { body: { newEmail } }) });
  const errors = fieldErrorsOf(change.error, labels);

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    change.mutate();
  }

  return (
    <section className="panel" aria-labelledby="email-heading">
      <h2 id="email-heading">E-mail address</h2>
      <p>
        You sign in with <strong>{email}</strong>. To use another address, enter it below: we will e-mail a link to the new address, and the change
        happens only when you open it. We will also tell your current address.
      </p>
      <StatusMessage>
        {change.isSuccess
          ? `We have sent a link to ${change.data.newEmail}. Open it within an hour to finish the change. Until then, keep signing in with ${email}.`
          : null}
      </StatusMessage>
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={change.error} fieldNames={Object.keys(labels)} />
        <TextField
          label={labels.newEmail}
          type="email"
          name="newEmail"
          autoComplete="email"
          isRequired
          value={newEmail}
          onChange={(event) => setNewEmail(event.target.value)}
          error={errors.newEmail}
        />
        <div className="form-actions">
          <Button type="submit" isBusy={change.isPending} busyText="Sending the link…">
            Change e-mail address
          </Button>
        </div>
      </form>
    </section>
  );
}
