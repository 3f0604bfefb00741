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

/** Refuses text containing NUL characters, which PostgreSQL cannot store, before validation. */
export function hasNulCharacter(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNulCharacter);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNulCharacter(v));
  return false;
}
