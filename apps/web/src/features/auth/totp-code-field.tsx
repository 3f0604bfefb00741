import type { ChangeEvent } from 'react';
import { TextField } from '../../components/field.tsx';

interface TotpCodeFieldProps {
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  error: string | undefined;
}

/** The 6-digit authenticator code input, the same wherever a code is asked for. */
export function TotpCodeField({ value, onChange, error }: TotpCodeFieldProps) {
  return <TextField label="Authentication code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} isRequired value={value} onChange={onChange} error={error} />;
}
