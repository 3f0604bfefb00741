import type { AppDeps } from '../core/deps.ts';
import { hmacHex, randomToken, safeEqual } from '../lib/crypto.ts';

export const sessionCookie = 'custodian_session';
export const csrfCookie = 'custodian_csrf';
export const csrfHeader = 'x-csrf-token';

/** A CSRF token bound to the session (or to "anonymous" before sign-in): nonce.hmac(binding, nonce). */
export function newCsrfToken(deps: AppDeps, sessionIdHash: string | null): string {
  const nonce = randomToken(16);
  return `${nonce}.${hmacHex(deps.keys.csrf, `${sessionIdHash ?? 'anonymous'}:${nonce}`)}`;
}

/** Signed double-submit check: the header equals the cookie and was issued for this session. */
export function isCsrfValid(deps: AppDeps, header: string | undefined, cookie: string | undefined, sessionIdHash: string | null): boolean {
  if (!header || !cookie || !safeEqual(header, cookie)) return false;
  const [nonce, mac] = header.split('.');
  if (!nonce || !mac) return false;
  return safeEqual(mac, hmacHex(deps.keys.csrf, `${sessionIdHash ?? 'anonymous'}:${nonce}`));
}

export function cookieOptions(deps: AppDeps, isHttpOnly: boolean) {
  return { path: '/', httpOnly: isHttpOnly, sameSite: 'lax' as const, secure: deps.config.publicUrl.startsWith('https://') };
}
