import { NewPasswordField } from './new-password-field.tsx';
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { authApi } from '@custodian/shared/contracts/auth.ts';
import { call } from '../../api/client.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { Link, navigate } from '../../router.tsx';

const labels = { name: 'Your name', email: 'E-mail', password: 'Password', organisationName: 'Organisation name' };

/** Create an account and its first organisation; a confirmation link is e-mailed. */
export function SignupPage() {
  const [form, setForm] = useState({ name: '', email: '', password: '', organisationName: '' });
  const signUp = useMutation({
    mutationFn: () => call(authApi.signUp, { body: form }),
    onSuccess: (reply) => navigate(`/check-email?email=${encodeURIComponent(reply.email)}`),
  });
  const errors = fieldErrorsOf(signUp.error, labels);

  function update(field: keyof typeof form, value: string): void {
    setForm((current) => ({ ...current, [field]: value }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    signUp.mutate();
  }

  return (
    <>
      <PageHeader title="Create your Custodian account" intro={<p>Set up your practice in a couple of minutes. You will be its owner and can invite your team afterwards.</p>} />
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={signUp.error} fieldNames={Object.keys(labels)} />
        <TextField label={labels.name} name="name" autoComplete="name" isRequired value={form.name} onChange={(event) => update('name', event.target.value)} error={errors.name} />
        <TextField label={labels.email} type="email" name="email" autoComplete="email" isRequired value={form.email} onChange={(event) => update('email', event.target.value)} error={errors.email} />
        <NewPasswordField label={labels.password} value={form.password} onChange={(event) => update('password', event.target.value)} error={errors.password} />
        <TextField
          label={labels.organisationName}
          name="organisationName"
          autoComplete="organization"
          isRequired
          hint="Your practice or clinic, for example Harbourside Family Practice."
          value={form.organisationName}
          onChange={(event) => update('organisationName', event.target.value)}
          error={errors.organisationName}
        />
        <div className="form-actions">
          <Button type="submit" isBusy={signUp.isPending} busyText="Creating your account…">
            Create account
          </Button>
        </div>
      </form>
      <p className="auth-alternative">
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </>
  );
}
