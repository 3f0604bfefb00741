import { useMutation, useQueryClient } from '@tanstack/react-query';
import { accountApi } from '@custodian/shared/contracts/account.ts';
import { call } from '../../api/client.ts';
import { resetAfterSessionChange, useSession } from '../../api/session.ts';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Loading } from '../../components/query-state.tsx';
import { useOnceWhen } from '../../lib/use-once.ts';
import { Link, useLocation } from '../../router.tsx';

/** Opened from the e-mail sent to the new address: finishes the change, then offers "Sign in". */
export function ConfirmEmailChangePage() {
  const queryClient = useQueryClient();
  const { searchParams } = useLocation();
  const token = searchParams.get('token') ?? '';
  const session = useSession();
  const confirm = useMutation({
    mutationFn: () => call(accountApi.confirmEmailChange, { body: { token } }),
    // Other sessions of the person ended; this one (if it is theirs) now shows the new address.
    onSuccess: () => resetAfterSessionChange(queryClient),
  });

  useOnceWhen(token !== '', () => confirm.mutate());

  if (confirm.isSuccess) {
    const isSignedIn = session.data?.isSignedIn ?? false;
    return (
      <>
        <PageHeader title="Your e-mail address is changed" />
        <StatusMessage>
          {`From now on you sign in with ${confirm.data.email}. For your safety, your account has been signed out on every other device.`}
        </StatusMessage>
        <p>
          {isSignedIn ? (
            <Link to="/account/security" className="button button-primary">
              Back to your account
            </Link>
          ) : (
            <Link to="/login" className="button button-primary">
              Sign in
            </Link>
          )}
        </p>
      </>
    );
  }

  const isFailed = !token || confirm.isError;
  return (
    <>
      <PageHeader title="Confirm your new e-mail address" />
      {!isFailed ? <Loading label="Changing your e-mail address…" /> : null}
      {isFailed ? (
        <div className="stack">
          <FormAlert error={confirm.error ?? new Error('This link is incomplete. Open the link from the e-mail again.')} />
          <p>
            <Link to="/account/security">Go to your account</Link> · <Link to="/login">Sign in</Link>
          </p>
        </div>
      ) : null}
    </>
  );
}
