import type { z } from 'zod';
import { fillPath, isFileRoute, type ApiRoute, type CallInput, type ReplyOf } from '@custodian/shared/contracts/api-route.ts';
import { authApi } from '@custodian/shared/contracts/auth.ts';
import { ApiError, toApiError } from './api-error.ts';

/**
 * The one way the web app talks to the server: `call(route, input)` with an operation object from the
 * shared contracts (`gapApi.list`, `orgApi.update`, …). The contract gives the method, the path, the
 * shape of what is sent and the shape of the reply, which is checked before any page sees it.
 */

const base = '/api/v1';
let csrfToken: string | null = null;

/** What a page says when the server's reply does not match the contract (never zod's own wording). */
export const unexpectedReplyMessage =
  'Custodian sent a reply this page does not understand. Reload the page; if it happens again, tell your Custodian administrator.';

/** The input argument of `call` and `urlOf`: required when the route has params, query or body. */
export type CallArgs<R extends ApiRoute> = keyof CallInput<R> extends never ? [input?: CallInput<R>] : [input: CallInput<R>];

interface LooseInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** Remembers the CSRF token of the current session (set whenever the session is read; null forgets it). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const csrfCookieName = 'custodian_csrf';

/**
 * The CSRF token to send: the one in the browser's CSRF cookie when there is one (the server replaces
 * that cookie whenever the session changes, at sign-in, the MFA step, sign-out or accepting an
 * invitation, so it is never older than the session), else the one last read with the session.
 */
export function currentCsrfToken(): string | null {
  const cookies = typeof document === 'undefined' ? '' : document.cookie;
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === csrfCookieName && value.length > 0) return decodeURIComponent(value.join('='));
  }
  return csrfToken;
}

/** "?a=1&b=x" from the defined, non-empty values of a query (undefined, null and '' are left out). */
export function toQueryString(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The address of an operation (with /api/v1), e.g. for a plain download link such as the XLSX export. */
export function urlOf<R extends ApiRoute>(route: R, ...[input]: CallArgs<R>): string {
  return buildUrl(route, input);
}

function buildUrl(route: ApiRoute, input: LooseInput | undefined): string {
  return base + fillPath(route.path, input?.params) + toQueryString(input?.query);
}

/**
 * Checks a successful reply against the route's reply schema. A reply that does not match (a newer or
 * older server, a proxy's error page) becomes an ApiError with a message a practice manager can act on.
 */
export function parseReply<R extends ApiRoute>(route: R, body: unknown, status = 200): ReplyOf<R> {
  if (isFileRoute(route)) throw new ApiError(status, 'unexpected_reply', unexpectedReplyMessage);
  const schema = route.reply as z.ZodType;
  const result = schema.safeParse(body);
  if (!result.success) throw new ApiError(status, 'unexpected_reply', unexpectedReplyMessage);
  return result.data as ReplyOf<R>;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function send(method: string, url: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = method === 'GET' ? null : currentCsrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  try {
    return await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'Custodian could not be reached. Check your connection and try again.');
  }
}

async function refreshCsrfToken(): Promise<void> {
  const response = await send('GET', urlOf(authApi.session), undefined);
  const body = await readBody(response);
  if (typeof body === 'object' && body !== null && 'csrfToken' in body && typeof body.csrfToken === 'string') {
    csrfToken = body.csrfToken;
  }
}

/**
 * Asks the person to confirm it's them (password or passkey) when a sensitive action needs a recent
 * step-up; resolves true once they have (the action is then retried), false if they cancelled.
 */
type StepUpHandler = () => Promise<boolean>;
let stepUpHandler: StepUpHandler | null = null;

/** Sets (or, with null, removes) what `call` does on `step_up_required`: the signed-in layout's dialog. */
export function setStepUpHandler(handler: StepUpHandler | null): void {
  stepUpHandler = handler;
}

/**
 * Calls one API operation and returns its reply, parsed by the contract. Writes carry the session's
 * CSRF token, read before the first write when the page has none yet; if it is refused anyway (the
 * session ended on the server) it is read again and the request retried once. A sensitive action
 * refused for want of a recent step-up asks the person to confirm it's them, then is retried once.
 * A failed request throws an ApiError with the server's code, message and details.
 */
export async function call<R extends ApiRoute>(route: R, ...[input]: CallArgs<R>): Promise<ReplyOf<R>> {
  const loose: LooseInput | undefined = input;
  const url = buildUrl(route, loose);
  const body = loose?.body;
  const isWrite = route.method !== 'GET';
  if (isWrite && !currentCsrfToken()) await refreshCsrfToken();
  let response = await send(route.method, url, body);
  if (isWrite && response.status === 403) {
    const failure = toApiError(403, await readBody(response.clone()));
    if (failure.code === 'csrf_failed') {
      await refreshCsrfToken();
      response = await send(route.method, url, body);
    }
  }
  if (isWrite && response.status === 403 && stepUpHandler) {
    const failure = toApiError(403, await readBody(response.clone()));
    if (failure.code === 'step_up_required' && (await stepUpHandler())) response = await send(route.method, url, body);
  }
  const parsed = await readBody(response);
  if (!response.ok) throw toApiError(response.status, parsed);
  return parseReply(route, parsed, response.status);
}
