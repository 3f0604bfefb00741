import { TotpCodeField } from './totp-code-field.tsx';
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi } from '@custodian/shared/contracts/auth.ts';
import { call } from '../../api/client.ts';
import { resetAfterSessionChange, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert, Notice, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { navigate } from '../../router.tsx';
import { ChangeEmailSection } from './change-email-section.tsx';
import { ChangePasswordSection } from './change-password-section.tsx';
import { PasskeysSection } from './passkeys-section.tsx';
import { DeleteAccountSection } from './delete-account-section.tsx';
import { RecoveryCodes } from './recovery-codes.tsx';
import { SessionsSection } from './sessions-section.tsx';

const labels = { code: 'Authentication code' };

/** Two-step verification (set it up, or make new recovery codes), the e-mail address, the password, and where the person is signed in. */
export function AccountSecurityPage() {
  const queryClient = useQueryClient();
  const session = useSignedInSession();
  const user = session.user;
  const [setupCode, setSetupCode] = useState('');
  const [renewCode, setRenewCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [savedMessage, setSavedMessage] = useState('');

  const setup = useMutation({ mutationFn: () => call(authApi.mfaSetup) });
  // Whether the organisation made this person enrol, as it was before they did (the session changes at once).
  const [wasRequired] = useState(session.mustEnrolMfa);
  const confirm = useMutation({
    mutationFn: () => call(authApi.mfaConfirm, { body: { code: setupCode.trim() } }),
    onSuccess: async (reply) => {
      setCodes(reply.recoveryCodes);
      // Two-step verification is on from this moment: read the session now, so the "set up two-step
      // verification" notices go while the codes are still on screen, not after a reload.
      await resetAfterSessionChange(queryClient);
    },
  });
  const turnOff = useMutation({
    mutationFn: () => call(authApi.mfaDisable),
    onSuccess: async () => {
      setSavedMessage('The authenticator app is turned off for your account.');
      await resetAfterSessionChange(queryClient);
    },
  });
  const renew = useMutation({
    mutationFn: () => call(authApi.recoveryCodes, { body: { code: renewCode.trim() } }),
    onSuccess: (reply) => setCodes(reply.recoveryCodes),
  });

  async function handleSaved(): Promise<void> {
    setCodes(null);
    setSetupCode('');
    setRenewCode('');
    setup.reset();
    confirm.reset();
    renew.reset();
    setSavedMessage('Two-step verification is on and your recovery codes are saved.');
    await resetAfterSessionChange(queryClient);
    if (wasRequired) navigate('/');
  }

  function handleConfirm(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    confirm.mutate();
  }

  function handleRenew(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    renew.mutate();
  }

  if (!user) return null;
  return (
    <>
      <PageHeader title="Account security" intro={<p>Signed in as {user.name} ({user.email}).</p>} />
      {session.mustEnrolMfa && !codes ? (
        <Notice tone="warning">
          <p className="alert-title">{session.organisation?.name ?? 'Your organisation'} requires two-step verification.</p>
          <p>
            Set it up below to keep using Custodian: add a passkey, or use an authenticator app on your phone (for example Microsoft Authenticator or Google Authenticator). It takes about two
            minutes.
          </p>
        </Notice>
      ) : null}
      <StatusMessage>{savedMessage || null}</StatusMessage>
      {codes ? <RecoveryCodes codes={codes} owner={{ email: user.email, organisation: session.organisation?.name ?? null }} onDone={() => void handleSaved()} /> : null}

      {!codes ? <PasskeysSection timeZone={session.organisation?.timeZone} /> : null}

      {!codes && !session.mfaMethods.hasTotp ? (
        <section className="panel" aria-labelledby="mfa-heading">
          <h2 id="mfa-heading">{user.hasMfa ? 'Authenticator app' : 'Two-step verification is off'}</h2>
          <p>With two-step verification, signing in needs your password and a code from your phone (or a passkey), so a stolen password alone is not enough.</p>
          {!setup.data ? (
            <>
              <FormAlert error={setup.error} />
              <Button isBusy={setup.isPending} busyText="Preparing…" onClick={() => setup.mutate()}>
                {user.hasMfa ? 'Set up an authenticator app' : 'Set up two-step verification'}
              </Button>
            </>
          ) : (
            <div className="mfa-setup">
              <h3>1. Scan this QR code with your authenticator app</h3>
              <img src={setup.data.qrCodeDataUrl} alt="QR code for your authenticator app" className="qr-code" width={200} height={200} />
              <TextField label="Secret key" readOnly value={setup.data.secret} hint="Can't scan? Type this key into the app instead." className="input-code" />
              <h3>2. Enter the 6-digit code the app shows</h3>
              <form onSubmit={handleConfirm} noValidate className="form">
                <FormAlert error={confirm.error} fieldNames={Object.keys(labels)} />
                <TotpCodeField value={setupCode} onChange={(event) => setSetupCode(event.target.value)} error={fieldErrorsOf(confirm.error, labels).code} />
                <div className="form-actions">
                  <Button type="submit" isBusy={confirm.isPending} busyText="Checking…">
                    Turn on two-step verification
                  </Button>
                </div>
              </form>
            </div>
          )}
        </section>
      ) : null}

      {!codes && session.mfaMethods.hasTotp ? (
        <section className="panel" aria-labelledby="mfa-on-heading">
          <h2 id="mfa-on-heading">Two-step verification is on</h2>
          <p>You use an authenticator app for the second step{session.mfaMethods.hasPasskey ? ', and you can use a passkey instead' : ''}.</p>
          <p>
            You have <strong>{user.recoveryCodesLeft}</strong> unused recovery {user.recoveryCodesLeft === 1 ? 'code' : 'codes'} left.
            {user.recoveryCodesLeft <= 3 ? ' Make a new set soon so you are not locked out if you lose your phone.' : ''}
          </p>
          <h3>Make new recovery codes</h3>
          <p>Your old codes stop working as soon as new ones are made.</p>
          <form onSubmit={handleRenew} noValidate className="form">
            <FormAlert error={renew.error} fieldNames={Object.keys(labels)} />
            <TotpCodeField value={renewCode} onChange={(event) => setRenewCode(event.target.value)} error={fieldErrorsOf(renew.error, labels).code} />
            <div className="form-actions">
              <Button type="submit" isBusy={renew.isPending} busyText="Making new codes…">
                Create new recovery codes
              </Button>
            </div>
          </form>
          <h3>Turn off the authenticator app</h3>
          <p>{session.mfaMethods.hasPasskey ? 'Your passkeys will still count as two-step verification.' : 'Two-step verification will be off until you set it up again or add a passkey.'}</p>
          <FormAlert error={turnOff.error} />
          <Button variant="secondary" isBusy={turnOff.isPending} busyText="Turning off…" onClick={() => turnOff.mutate()}>
            Turn off the authenticator app
          </Button>
        </section>
      ) : null}

      {!codes && !session.mustEnrolMfa ? (
        <>
          <ChangeEmailSection email={user.email} />
          <ChangePasswordSection email={user.email} />
          <SessionsSection timeZone={session.organisation?.timeZone} />
          <DeleteAccountSection email={user.email} />
        </>
      ) : null}
    </>
  );
}
