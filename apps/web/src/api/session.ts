import { useQuery, type QueryClient } from '@tanstack/react-query';
import { authApi, type SessionReply } from '@custodian/shared/contracts/auth.ts';
import { can, type Action } from '@custodian/shared/permissions.ts';
import { call, setCsrfToken } from './client.ts';

export const sessionKey = ['session'] as const;

async function fetchSession(): Promise<SessionReply> {
  const session = await call(authApi.session);
  setCsrfToken(session.csrfToken);
  return session;
}

/** The current session (signed in or not), with its CSRF token remembered for later writes. */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

/** The session when the page is known to be signed in (the route guard has already checked). */
export function useSignedInSession(): SessionReply {
  const { data } = useSession();
  if (!data) throw new Error('useSignedInSession used outside a signed-in page');
  return data;
}

/**
 * After sign-in, sign-out or switching organisation the session rotates: forget every cached reply and
 * read the session (and its new CSRF token) again.
 */
export async function resetAfterSessionChange(queryClient: QueryClient): Promise<void> {
  await queryClient.fetchQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 0 });
  await queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}

/** Reads the session again (e.g. after the organisation's name or MFA rule changed). */
export async function refreshSession(queryClient: QueryClient): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: sessionKey });
}

/** True when the session's role in the current organisation may perform the action. */
export function sessionCan(session: SessionReply | undefined, action: Action): boolean {
  if (!session?.user || !session.organisation) return false;
  return can({ userId: session.user.id, role: session.organisation.role }, action);
}

/** Hook form of sessionCan, for hiding buttons a role cannot use (the server still enforces it). */
export function useCan(action: Action): boolean {
  const { data } = useSession();
  return sessionCan(data, action);
}
