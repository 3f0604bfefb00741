import { useMutation } from '@tanstack/react-query';
import { authApi } from '@custodian/shared/contracts/auth.ts';
import { call } from '../../api/client.ts';
import { Button } from '../../components/button.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Link, useLocation } from '../../router.tsx';

/** After sign-up: explains the confirmation e-mail and offers to send it again. */
export function CheckEmailPage() {
  const { searchParams } = useLocation();
  const email = searchParams.get('email') ?? '';
  const resend = useMutation({ mutationFn: () => call(authApi.resendVerification, { body: { email } }) });

  return (
    <>
      <PageHeader title="Check your e-mail" />
      <div className="stack">
        <p>
          We have sent an e-mail to {email ? <strong>{email}</strong> : 'your e-mail address'}. Open the link in it to confirm your address, then sign in.
        </p>
        <p>If that address already has a confirmed Custodian account, the e-mail tells you how to sign in or reset your password instead.</p>
        <p>
          Nothing arrived after a few minutes? Check your junk folder. If your Custodian server has no e-mail server set up, the link is written
          to the server's log instead — ask whoever installed Custodian.
        </p>
        {email ? (
          <div>
            <Button variant="secondary" isBusy={resend.isPending} busyText="Sending…" onClick={() => resend.mutate()}>
              Send the e-mail again
            </Button>
          </div>
        ) : null}
        <FormAlert error={resend.error} />
        <StatusMessage>{resend.isSuccess ? 'If that address is waiting to be confirmed, a new link is on its way.' : null}</StatusMessage>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    </>
  );
}
