import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '@custodian/shared/permissions.ts';
import { AppError } from '@custodian/shared/errors.ts';
import { csrfCookie, csrfHeader, isCsrfValid, mustEnrolMfa, resolveAuth, sessionCookie } from '../modules/auth/session.service.ts';
import type { AppDeps } from './context.ts';

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
 * Runs before every request: resolves the session, then enforces the route's declared access and, on
 * state-changing requests, the CSRF token and same-origin check. Routes only say what they need.
 */
export function accessHook(deps: AppDeps) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const access = request.routeOptions.config.access;
    request.auth = await resolveAuth(deps, request.cookies[sessionCookie]);
    if (!access) return;
    if (!safeMethods.has(request.method)) {
      if (!isSameOrigin(request)) throw new AppError('csrf_failed', 'This request came from another site and was refused.');
      const header = request.headers[csrfHeader];
      if (!isCsrfValid(deps, typeof header === 'string' ? header : undefined, request.cookies[csrfCookie], request.auth.session?.idHash ?? null)) {
        throw new AppError('csrf_failed', 'Your page is out of date or the security token is missing. Reload the page and try again.');
      }
    }
    if (access === 'public') return;
    const { session } = request.auth;
    if (!session) throw new AppError('unauthenticated', 'Sign in to continue.');
    if (access === 'mfa_pending') {
      if (!session.isMfaPending) throw new AppError('bad_request', 'There is no sign-in waiting for a code.');
      return;
    }
    if (session.isMfaPending) throw new AppError('mfa_required', 'Enter the code from your authenticator app to finish signing in.');
    if (access === 'session') return;
    if (mustEnrolMfa(request.auth)) {
      throw new AppError('forbidden', 'Your organisation requires two-factor authentication. Set it up under Account security to continue.', { reason: 'mfa_enrolment_required' });
    }
    const actor = request.auth.actor;
    if (!actor) throw new AppError('forbidden', 'Choose an organisation you belong to first.');
    if (!can(actor, access)) throw new AppError('forbidden', 'Your role in this organisation does not allow this.');
  };
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
