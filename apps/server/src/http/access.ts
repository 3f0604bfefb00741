import type { FastifyRequest } from 'fastify';
import { AppError } from '@custodian/shared/errors.ts';
import { describeScopes, hasScope, scopeNeeded } from '@custodian/shared/api-scopes.ts';
import type { ApiRoute } from '@custodian/shared/contracts/api-route.ts';
import { can, isAction } from '@custodian/shared/permissions.ts';
import { mustEnrolMfa, ssoRequiredError, type AuthState, type TokenAuth } from '../core/auth-state.ts';
import type { AppDeps } from '../core/deps.ts';
import { csrfCookie, csrfHeader, isCsrfValid } from './csrf.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function isSameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * The checks every API request passes before its input is even read: on state-changing requests the
 * same-origin rule and the CSRF token bound to the session; then the route's declared access. Routes
 * only say what they need.
 */
export function checkAccess(deps: AppDeps, request: FastifyRequest, route: Pick<ApiRoute, 'access' | 'method'>, auth: AuthState): void {
  const { access } = route;
  if (auth.token) return checkTokenAccess(route, auth, auth.token);
  if (!safeMethods.has(request.method)) {
    if (!isSameOrigin(request)) throw new AppError('csrf_failed', 'This request came from another site and was refused.');
    const header = request.headers[csrfHeader];
    if (!isCsrfValid(deps, typeof header === 'string' ? header : undefined, request.cookies[csrfCookie], auth.session?.idHash ?? null)) {
      throw new AppError('csrf_failed', 'Your page is out of date or the security token is missing. Reload the page and try again.');
    }
  }
  if (access === 'public') return;
  const { session } = auth;
  if (!session) throw new AppError('unauthenticated', 'Sign in to continue.');
  if (access === 'mfa_pending') {
    if (!session.isMfaPending) throw new AppError('bad_request', 'There is no sign-in waiting for a code.');
    return;
  }
  if (session.isMfaPending) throw new AppError('mfa_required', 'Enter the code from your authenticator app to finish signing in.');
  if (access === 'session') return;
  if (access === 'operator') {
    // Whether this person is the operator is the database's to say (operator mode, run-route.ts).
    if (!auth.user?.hasMfa) {
      throw new AppError('forbidden', 'The platform operator must use two-step verification. Set up an authenticator app under Account security to continue.', { reason: 'mfa_enrolment_required' });
    }
    return;
  }
  if (mustEnrolMfa(auth)) {
    throw new AppError('forbidden', 'Your organisation requires two-factor authentication. Set it up under Account security to continue.', { reason: 'mfa_enrolment_required' });
  }
  if (!isAction(access)) return;
  if (auth.isSsoBlocked) throw ssoRequiredError();
  if (!auth.actor) throw new AppError('forbidden', 'Choose an organisation you belong to first.');
  if (!can(auth.actor, access)) throw new AppError('forbidden', 'Your role in this organisation does not allow this.');
}

/**
 * A request made with an API token (no cookies, so no CSRF check): only routes of organisation data
 * (a permission), never account routes (password, MFA, sessions, tokens: a token cannot mint tokens);
 * and only what both the person's current role and the token's scopes allow.
 */
function checkTokenAccess(route: Pick<ApiRoute, 'access' | 'method'>, auth: AuthState, token: TokenAuth): void {
  const { access } = route;
  if (!isAction(access)) {
    throw new AppError('forbidden', 'API tokens work only with your organisation’s data. Sign in to Custodian to manage your account, your sessions or your API tokens.', { reason: 'not_for_api_tokens' });
  }
  if (mustEnrolMfa(auth)) {
    throw new AppError('forbidden', 'Your organisation requires two-factor authentication. Set it up under Account security to continue.', { reason: 'mfa_enrolment_required' });
  }
  if (!auth.actor || !can(auth.actor, access)) throw new AppError('forbidden', 'Your role in this organisation does not allow this.');
  if (!hasScope(token.scopes, access, route.method)) {
    const needed = scopeNeeded(access, route.method);
    throw new AppError('forbidden', `This API token may not do this. It needs the permission "${describeScopes([needed]).join('')}"; create a token that includes it.`, { reason: 'token_scope', scope: needed });
  }
}

/** Why a text cannot be stored: PostgreSQL refuses NUL characters, and JSON with unpaired UTF-16 surrogates. */
export type UnstorableText = 'nul' | 'surrogate';

export const unstorableTextMessages: Record<UnstorableText, string> = {
  nul: 'Text must not contain NUL characters.',
  surrogate: 'Text must not contain broken Unicode characters (unpaired surrogates).',
};

function textProblem(text: string): UnstorableText | null {
  if (text.includes('\u0000')) return 'nul';
  return /\p{Surrogate}/u.test(text) ? 'surrogate' : null;
}

/**
 * Finds text PostgreSQL cannot store (in values or keys) before validation. Walks the value with its
 * own stack, so deeply nested JSON cannot exhaust the call stack.
 */
export function findUnstorableText(value: unknown): UnstorableText | null {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      const problem = textProblem(item);
      if (problem) return problem;
    } else if (Array.isArray(item)) {
      for (const element of item) pending.push(element);
    } else if (item !== null && typeof item === 'object') {
      for (const [key, element] of Object.entries(item)) {
        const problem = textProblem(key);
        if (problem) return problem;
        pending.push(element);
      }
    }
  }
  return null;
}
