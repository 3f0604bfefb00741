import type { ChangeEvent } from 'react';
import { TextField } from '../../components/field.tsx';

interface NewPasswordFieldProps {
  label: string;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  error: string | undefined;
}

/** Choosing a password: the NIST rule in one hint, the same on sign-up and when accepting an invitation. */
export function NewPasswordField({ label, value, onChange, error }: NewPasswordFieldProps) {
  return (
    <TextField
      label={label}
      type="password"
      name="password"
      autoComplete="new-password"
      isRequired
      minLength={12}
      hint="At least 12 characters. A few unrelated words make a password that is easy to remember and hard to guess. Common passwords are refused."
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
