import type { FastifyInstance } from 'fastify';
import type { TestClient, TestResponse } from './test-client.ts';

/** A request as an API client sends it: the token in Authorization, no cookies, no CSRF token. */
export async function bearer(app: FastifyInstance, secret: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse> {
  const all: Record<string, string> = { authorization: `Bearer ${secret}`, ...headers };
  if (body !== undefined) all['content-type'] = 'application/json';
  const raw = await app.inject({ method, url, headers: all, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });
  const parsed: unknown = String(raw.headers['content-type'] ?? '').includes('application/json') && raw.body ? JSON.parse(raw.body) : raw.body;
  return { status: raw.statusCode, body: parsed, json: <T,>() => parsed as T, headers: raw.headers, raw };
}

/** Creates an API token through the API as a signed-in person; returns its id and its secret. */
export async function createToken(client: TestClient, body: { name: string; scopes: string[]; expiresInDays?: number }): Promise<{ id: string; secret: string }> {
  const reply = await client.request('POST', '/api/v1/api-tokens', body);
  if (reply.status !== 201) throw new Error(`token creation failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  const created = reply.json<{ token: { id: string }; secret: string }>();
  return { id: created.token.id, secret: created.secret };
}
