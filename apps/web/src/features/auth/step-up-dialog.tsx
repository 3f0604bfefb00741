import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { passkeyApi } from '@custodian/shared/contracts/passkeys.ts';
import type { SessionReply } from '@custodian/shared/contracts/auth.ts';
import { call, setStepUpHandler } from '../../api/client.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { canUsePasskeys, signWithPasskey } from './passkey-browser.ts';

const labels = { password: 'Password' };

/**
 * "Confirm it's you": when a sensitive action (turning two-step verification on or off, new recovery
 * codes, adding or removing a passkey) needs a recent step-up, the request waits while this dialog asks
 * for the password or a passkey, then goes through; cancelling leaves the action refused.
 */
export function StepUpDialog({ session }: { session: SessionReply }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const pending = useRef<((isDone: boolean) => void) | null>(null);
  const [isOpen, setIsOpen] = useState(false);
  const [password, setPassword] = useState('');

  useEffect(() => {
    setStepUpHandler(
      () =>
        new Promise<boolean>((resolve) => {
          pending.current?.(false);
          pending.current = resolve;
          setPassword('');
          setIsOpen(true);
        }),
    );
    return () => setStepUpHandler(null);
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);

  function finish(isDone: boolean): void {
    setIsOpen(false);
    pending.current?.(isDone);
    pending.current = null;
  }

  const withPassword = useMutation({
    mutationFn: () => call(passkeyApi.stepUp, { body: { password } }),
    onSuccess: () => finish(true),
  });
  const withPasskey = useMutation({
    mutationFn: async () => {
      const options = await call(passkeyApi.stepUpOptions);
      return call(passkeyApi.stepUp, { body: { passkey: await signWithPasskey(options) } });
    },
    onSuccess: () => finish(true),
  });
  const error = withPasskey.error ?? withPassword.error;

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    withPasskey.reset();
    withPassword.mutate();
  }

  const hasPasskey = session.mfaMethods.hasPasskey && canUsePasskeys();
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        finish(false);
      }}
    >
      <h2 id={titleId} className="dialog-title">
        Confirm it&apos;s you
      </h2>
      <form onSubmit={handleSubmit} noValidate className="form dialog-body">
        <p>This change protects your account, so we need to check it&apos;s really you. {hasPasskey ? 'Enter your password or use your passkey.' : 'Enter your password.'}</p>
        <FormAlert error={isOpen ? error : null} fieldNames={Object.keys(labels)} />
        <input type="email" name="email" autoComplete="username" value={session.user?.email ?? ''} readOnly hidden />
        <TextField
          label={labels.password}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrorsOf(withPassword.error, labels).password}
        />
        <div className="dialog-actions">
          <Button variant="secondary" onClick={() => finish(false)}>
            Cancel
          </Button>
          {hasPasskey ? (
            <Button variant="secondary" isBusy={withPasskey.isPending} busyText="Waiting for your passkey…" onClick={() => {
                withPassword.reset();
                withPasskey.mutate();
              }}>
              Use your passkey
            </Button>
          ) : null}
          <Button type="submit" isBusy={withPassword.isPending} busyText="Checking…">
            Confirm
          </Button>
        </div>
      </form>
    </dialog>
  );
}
