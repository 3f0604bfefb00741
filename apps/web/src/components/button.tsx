import type { ButtonHTMLAttributes, ReactNode } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'link';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  isBusy?: boolean;
  busyText?: string;
  children: ReactNode;
}

/** A real <button> (never a div), type="button" unless told otherwise, with a busy state. */
export function Button({ variant = 'primary', isBusy = false, busyText, type = 'button', className, disabled, children, ...rest }: ButtonProps) {
  const classes = ['button', `button-${variant}`, className].filter(Boolean).join(' ');
  return (
    <button type={type} className={classes} disabled={disabled || isBusy} aria-busy={isBusy || undefined} {...rest}>
      {isBusy && busyText ? busyText : children}
    </button>
  );
}
