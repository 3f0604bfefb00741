import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ssoApi } from '@custodian/shared/contracts/sso.ts';
import { call } from '../../api/client.ts';
import { resetAfterSessionChange } from '../../api/session.ts';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Loading } from '../../components/query-state.tsx';
import { useOnceWhen } from '../../lib/use-once.ts';
import { Link, navigate, useLocation } from '../../router.tsx';

/** Where the organisation's provider sends the person back: finishes signing in, then opens the dashboard. */
export function SsoCallbackPage() {
  const queryClient = useQueryClient();
  const { searchParams } = useLocation();
  const state = searchParams.get('state') ?? '';
  const code = searchParams.get('code') ?? '';
  const iss = searchParams.get('iss');
  const refusedAtProvider = searchParams.get('error') !== null;
  const complete = useMutation({
    mutationFn: () => call(ssoApi.complete, { body: { state, code, ...(iss ? { iss } : {}) } }),
    onSuccess: async () => {
      await resetAfterSessionChange(queryClient);
      navigate('/');
    },
  });

  useOnceWhen(state !== '' && code !== '' && !refusedAtProvider, () => complete.mutate());

  const problem = refusedAtProvider
    ? new Error("Your organisation's sign-in page did not let you through (it was cancelled or refused). Try again from the sign-in page.")
    : !state || !code
      ? new Error('This sign-in link is incomplete. Start again from the sign-in page.')
      : complete.error;
  return (
    <>
      <PageHeader title="Signing you in" />
      {problem ? (
        <div className="stack">
          <FormAlert error={problem} />
          <p>
            <Link to="/login">Back to sign in</Link>
          </p>
        </div>
      ) : (
        <Loading label="Finishing your single sign-on…" />
      )}
    </>
  );
}
