import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ssoApi } from '@custodian/shared/contracts/sso.ts';
import { call } from '../../api/client.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';

const labels = { email: 'Work e-mail' };

/**
 * "Sign in with your organisation's single sign-on": the person types their work address; if its domain
 * belongs to an organisation with single sign-on, the browser goes to that organisation's provider.
 */
export function SsoSignInForm() {
  const [isOpen, setIsOpen] = useState(false);
  const [email, setEmail] = useState('');
  const start = useMutation({
    mutationFn: () => call(ssoApi.start, { body: { email } }),
    onSuccess: (reply) => window.location.assign(reply.redirectUrl),
  });
  const errors = fieldErrorsOf(start.error, labels);

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    start.mutate();
  }

  if (!isOpen) {
    return (
      <p>
        <Button variant="secondary" onClick={() => setIsOpen(true)}>
          Sign in with your organisation&apos;s single sign-on
        </Button>
      </p>
    );
  }
  return (
    <section aria-labelledby="sso-heading" className="stack">
      <h2 id="sso-heading">Sign in with your organisation&apos;s single sign-on</h2>
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={start.error} fieldNames={Object.keys(labels)} />
        <TextField
          label={labels.email}
          type="email"
          name="sso-email"
          autoComplete="username"
          isRequired
          hint="We send you to the sign-in page your organisation uses, then bring you back."
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
        />
        <div className="form-actions">
          <Button type="submit" isBusy={start.isPending || start.isSuccess} busyText="Opening your organisation's sign-in…">
            Continue
          </Button>
        </div>
      </form>
    </section>
  );
}
