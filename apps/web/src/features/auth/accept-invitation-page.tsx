import { NewPasswordField } from './new-password-field.tsx';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { roleLabels } from '@custodian/shared/permissions.ts';
import { authApi, type SessionReply } from '@custodian/shared/contracts/auth.ts';
import { call } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import { resetAfterSessionChange, sessionKey, useSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { Link, navigate, useLocation } from '../../router.tsx';

const labels = { name: 'Your name', password: 'Choose a password' };

/**
 * Opened from an invitation e-mail: shows who invited you and joins the organisation. Someone not
 * signed in sees both ways in (sign in, or choose a password): the page is not told whether the
 * address has an account, and the server decides when a password is chosen.
 */
export function AcceptInvitationPage() {
  const queryClient = useQueryClient();
  const { searchParams, href } = useLocation();
  const token = searchParams.get('token') ?? '';
  const session = useSession();
  const isSignedIn = session.data?.isSignedIn ?? false;
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  const preview = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => call(authApi.invitationPreview, { query: { token } }),
    enabled: token.length > 0,
    retry: false,
  });
  const accept = useMutation({
    mutationFn: (body: { token: string; name?: string; password?: string }) => call(authApi.acceptInvitation, { body }),
    onSuccess: async () => {
      await resetAfterSessionChange(queryClient);
      const fresh = queryClient.getQueryData<SessionReply>(sessionKey);
      if (fresh?.isSignedIn) navigate('/');
    },
  });
  const errors = fieldErrorsOf(accept.error, labels);
  // The server says so only when a password is chosen for an address that already has an account.
  const needsSignIn = accept.error instanceof ApiError && (accept.error.status === 401 || accept.error.status === 409);

  if (!token) {
    return (
      <>
        <PageHeader title="Accept your invitation" />
        <LoadError error={new Error('This invitation link is incomplete. Open the link from the e-mail again.')} />
      </>
    );
  }
  if (preview.isPending) return <Loading label="Reading your invitation…" />;
  if (preview.isError) {
    return (
      <>
        <PageHeader title="Accept your invitation" />
        <LoadError error={preview.error} />
        <p>Invitations expire after a while. Ask the person who invited you to send a new one.</p>
      </>
    );
  }

  const invitation = preview.data;
  const roleText = roleLabels[invitation.role];

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    accept.mutate(isSignedIn ? { token } : { token, name, password });
  }

  if (accept.isSuccess) {
    return (
      <>
        <PageHeader title={`You have joined ${invitation.organisationName}`} />
        <StatusMessage>Your invitation has been accepted.</StatusMessage>
        <p>
          <Link to="/login" className="button button-primary">
            Sign in
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={`Join ${invitation.organisationName}`}
        intro={
          <p>
            You have been invited as <strong>{roleText}</strong> using the address <strong>{invitation.email}</strong>.
          </p>
        }
      />
      {isSignedIn ? (
        <form onSubmit={handleSubmit} noValidate className="form">
          <FormAlert error={accept.error} />
          <p>Accept to add this organisation to your account. You can switch between organisations from the header.</p>
          <div className="form-actions">
            <Button type="submit" isBusy={accept.isPending} busyText="Joining…">
              Accept invitation
            </Button>
          </div>
        </form>
      ) : (
        <>
          <section className="panel" aria-labelledby="have-account-heading">
            <h2 id="have-account-heading">I already have a Custodian account</h2>
            <p>Sign in with {invitation.email}, and you will come straight back here to accept.</p>
            <p>
              <Link to={`/login?next=${encodeURIComponent(href)}`} className="button button-secondary">
                Sign in to accept
              </Link>
            </p>
          </section>
          <section className="panel" aria-labelledby="new-account-heading">
            <h2 id="new-account-heading">I am new to Custodian</h2>
            <p>Choose your name and a password. This invitation proves the address is yours, so there is no separate confirmation e-mail.</p>
            <form onSubmit={handleSubmit} noValidate className="form">
              <FormAlert error={accept.error} fieldNames={Object.keys(labels)} />
              {needsSignIn ? (
                <p>
                  <Link to={`/login?next=${encodeURIComponent(href)}`}>Sign in, then come back to this invitation</Link>
                </p>
              ) : null}
              <input type="email" name="email" autoComplete="username" value={invitation.email} readOnly hidden />
              <TextField label={labels.name} name="name" autoComplete="name" isRequired value={name} onChange={(event) => setName(event.target.value)} error={errors.name} />
              <NewPasswordField label={labels.password} value={password} onChange={(event) => setPassword(event.target.value)} error={errors.password} />
              <div className="form-actions">
                <Button type="submit" isBusy={accept.isPending} busyText="Joining…">
                  Create my account and join
                </Button>
              </div>
            </form>
          </section>
        </>
      )}
    </>
  );
}
