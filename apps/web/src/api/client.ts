import { ApiError, toApiError } from './api-error.ts';

const base = '/api/v1';
let csrfToken: string | null = null;

/** Remembers the CSRF token of the current session (set whenever the session is read). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
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

async function send(method: string, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(base + path, {
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
  const response = await send('GET', '/auth/session', undefined);
  const body = await readBody(response);
  if (typeof body === 'object' && body !== null && 'csrfToken' in body && typeof body.csrfToken === 'string') {
    csrfToken = body.csrfToken;
  }
}

/**
 * Calls the Custodian API. Non-GET requests carry the session's CSRF token; if the token has gone stale
 * (the session rotated) it is read again and the request retried once.
 */
export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  if (method !== 'GET' && !csrfToken) await refreshCsrfToken();
  let response = await send(method, path, body);
  if (method !== 'GET' && response.status === 403) {
    const failure = toApiError(403, await readBody(response.clone()));
    if (failure.code === 'csrf_failed') {
      await refreshCsrfToken();
      response = await send(method, path, body);
    }
  }
  const parsed = await readBody(response);
  if (!response.ok) throw toApiError(response.status, parsed);
  return parsed as T;
}

/** Builds a query string from defined, non-empty values. */
export function toQuery(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
