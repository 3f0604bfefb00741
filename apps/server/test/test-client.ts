import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { currentTotp } from '../src/modules/auth/totp.ts';
import type { TestServer } from './test-server.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TestResponse {
  status: number;
  body: unknown;
  json: <T = Record<string, unknown>>() => T;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

/**
 * A browser-like API client over fastify.inject: keeps cookies, and sends the CSRF token from the
 * csrf cookie on state-changing requests (as the web app does).
 */
export interface TestClient {
  request: (method: Method, url: string, body?: unknown, options?: { headers?: Record<string, string>; rawBody?: string; skipCsrf?: boolean }) => Promise<TestResponse>;
  get: (url: string) => Promise<TestResponse>;
  cookies: Map<string, string>;
}

export function newClient(app: FastifyInstance): TestClient {
  const cookies = new Map<string, string>();
  async function request(method: Method, url: string, body?: unknown, options: { headers?: Record<string, string>; rawBody?: string; skipCsrf?: boolean } = {}): Promise<TestResponse> {
    if (method !== 'GET' && !cookies.has('custodian_csrf') && !options.skipCsrf) await request('GET', '/api/v1/auth/session');
    const headers: Record<string, string> = { ...options.headers };
    if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && !options.skipCsrf && cookies.has('custodian_csrf')) headers['x-csrf-token'] = cookies.get('custodian_csrf') ?? '';
    const payload = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const raw = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
    for (const cookie of raw.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      const isCleared = cookie.value === '' || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now()) || cookie.maxAge === 0;
      if (isCleared) cookies.delete(cookie.name);
      else cookies.set(cookie.name, cookie.value);
    }
    let parsed: unknown = raw.body;
    if (String(raw.headers['content-type'] ?? '').includes('application/json') && raw.body) parsed = JSON.parse(raw.body);
    return { status: raw.statusCode, body: parsed, json: <T,>() => parsed as T, headers: raw.headers, raw };
  }
  return { request, get: (url) => request('GET', url), cookies };
}

let counter = 0;

/** A unique e-mail address for one test. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${process.pid}.${Date.now()}.${counter}@clinic.example`;
}

export const goodPassword = 'harbour lights at dusk 42';

/** Reads the most recent message to an address from the outbox (as the mail worker would send it). */
export async function lastMailTo(server: TestServer, email: string): Promise<{ subject: string; body_text: string }> {
  const rows = await server.ownerQuery<{ subject: string; body_text: string }>('select subject, body_text from outbox where to_address = $1 order by created_at desc, id desc limit 1', [email]);
  const row = rows[0];
  if (!row) throw new Error(`no mail to ${email}`);
  return row;
}

export function linkToken(body: string, path: string): string {
  const match = new RegExp(`${path}\\?token=([^\\s]+)`).exec(body);
  if (!match?.[1]) throw new Error(`no ${path} link in mail`);
  return match[1];
}

/** Signs up, confirms the e-mail from the outbox and signs in: an owner of a new organisation. */
export async function signUpOwner(server: TestServer, options: { organisationName?: string; name?: string; email?: string } = {}) {
  const client = newClient(server.app);
  const email = options.email ?? uniqueEmail('owner');
  const name = options.name ?? 'Pat Owner';
  const signUp = await client.request('POST', '/api/v1/auth/signup', { name, email, password: goodPassword, organisationName: options.organisationName ?? 'Bayside Physio' });
  if (signUp.status !== 201) throw new Error(`sign-up failed: ${signUp.status} ${JSON.stringify(signUp.body)}`);
  const token = linkToken((await lastMailTo(server, email)).body_text, '/verify-email');
  const verify = await client.request('POST', '/api/v1/auth/verify-email', { token });
  if (verify.status !== 200) throw new Error(`verify failed: ${verify.status}`);
  const login = await client.request('POST', '/api/v1/auth/login', { email, password: goodPassword });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const session = await client.get('/api/v1/auth/session');
  const orgId = session.json<{ organisation: { orgId: string } }>().organisation.orgId;
  const userId = session.json<{ user: { id: string } }>().user.id;
  return { client, email, name, orgId, userId };
}

/** Invites a new person with a role and has them accept (creating their account): a member client. */
export async function addMemberWithRole(server: TestServer, owner: { client: TestClient }, role: string) {
  const email = uniqueEmail(role);
  const invite = await owner.client.request('POST', '/api/v1/invitations', { email, role });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const token = linkToken((await lastMailTo(server, email)).body_text, '/accept-invitation');
  const client = newClient(server.app);
  const accept = await client.request('POST', '/api/v1/auth/accept-invitation', { token, name: `Member ${role}`, password: goodPassword });
  if (accept.status !== 200) throw new Error(`accept failed: ${accept.status} ${JSON.stringify(accept.body)}`);
  const userId = (await client.get('/api/v1/auth/session')).json<{ user: { id: string } }>().user.id;
  return { client, email, userId };
}

/** Turns on TOTP for a signed-in client; returns the secret and recovery codes. */
export async function enrolTotp(client: TestClient) {
  const setup = await client.request('POST', '/api/v1/auth/mfa/setup');
  const secret = setup.json<{ secret: string }>().secret;
  const confirm = await client.request('POST', '/api/v1/auth/mfa/confirm', { code: await currentTotp(secret) });
  if (confirm.status !== 200) throw new Error(`confirm failed: ${confirm.status} ${JSON.stringify(confirm.body)}`);
  return { secret, recoveryCodes: confirm.json<{ recoveryCodes: string[] }>().recoveryCodes };
}

/**
 * Saves fields of a gap item as a person who has just opened it: reads the item's version first
 * (0 when the caller may not read it), then sends the change with it.
 */
export async function saveGapItem(client: TestClient, url: string, fields: Record<string, unknown>): Promise<TestResponse> {
  const current = await client.get(url);
  const version = current.status === 200 ? current.json<{ version: number }>().version : 0;
  return client.request('PATCH', url, { version, ...fields });
}
