import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodPassword, newClient, saveGapItem, signUpOwner, uniqueEmail } from '../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUpOwner>>;
const item = '/api/v1/gap/items/iso27001:2022:A.5.1';

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpOwner(server);
  await saveGapItem(owner.client, item, { status: 'partial', notes: 'keep me' });
});
afterAll(async () => server.close());

function expectEnvelope(response: { status: number; json: <T>() => T }, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = response.json<{ error: { code: string; message: string } }>();
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/);
}

describe('bad input gets a clear 4xx and loses nothing', () => {
  it.each([
    ['malformed JSON', { rawBody: '{"status": "partial",' }, 400, 'malformed_json'],
    ['wrong types', { body: { status: 42, notes: ['x'] } }, 400, 'validation_failed'],
    ['unknown fields', { body: { status: 'partial', isSecret: true } }, 400, 'validation_failed'],
    ['a bad enum value', { body: { status: 'done' } }, 400, 'validation_failed'],
    ['an impossible date', { body: { status: 'partial', targetDate: '2026-02-31' } }, 400, 'validation_failed'],
    ['an oversized body', { rawBody: JSON.stringify({ status: 'partial', notes: 'x'.repeat(1_100_000) }) }, 413, 'payload_too_large'],
    ['overlong notes', { body: { status: 'partial', notes: 'x'.repeat(10_001) } }, 400, 'validation_failed'],
    ['a NUL character', { body: { status: 'partial', notes: 'a\u0000b' } }, 400, 'validation_failed'],
    ['a prototype-poisoning key', { rawBody: '{"status":"partial","__proto__":{"isAdmin":true}}' }, 400, 'malformed_json'],
    ['an empty body', { rawBody: '' }, 400, 'malformed_json'],
    ['a non-JSON content type', { rawBody: 'status=partial', headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
  ])('%s', async (_name, input, status, code) => {
    const options = { ...('rawBody' in input ? { rawBody: input.rawBody } : {}), ...('headers' in input ? { headers: input.headers } : {}) };
    const response = await owner.client.request('PATCH', item, 'body' in input ? input.body : undefined, options);
    expectEnvelope(response, status, code);
    const stored = (await owner.client.get(item)).json<{ status: string; notes: string }>();
    expect(stored).toMatchObject({ status: 'partial', notes: 'keep me' });
  });

  it.each([
    ['an invalid catalogue id', 'GET', '/api/v1/gap/items/not-an-id', 400, 'validation_failed'],
    ['an unknown catalogue id', 'GET', '/api/v1/gap/items/iso27001:2022:A.9.99', 404, 'not_found'],
    ['an overlong id', 'GET', `/api/v1/gap/items/iso27001:2022:${'A'.repeat(500)}`, 400, 'validation_failed'],
    ['a malformed uuid', 'DELETE', '/api/v1/members/12345', 400, 'validation_failed'],
    ['an unknown route', 'GET', '/api/v1/nothing-here', 404, 'not_found'],
    ['a bad query value', 'GET', '/api/v1/gap/items?limit=100000', 400, 'validation_failed'],
    ['an unknown query field', 'GET', '/api/v1/gap/items?drop=table', 400, 'validation_failed'],
    ['a NUL in the query', 'GET', '/api/v1/gap/items?q=%00', 400, 'validation_failed'],
    ['path traversal', 'GET', '/api/v1/gap/items/..%2F..%2Fetc%2Fpasswd', 400, 'validation_failed'],
  ])('%s', async (_name, method, url, status, code) => {
    expectEnvelope(await owner.client.request(method as 'GET', url), status, code);
  });

  it('treats SQL and script payloads as plain text', async () => {
    const payload = `'); drop table gap_entries; -- <script>alert(1)</script>`;
    const response = await saveGapItem(owner.client, '/api/v1/gap/items/iso27001:2022:A.5.2', { status: 'partial', notes: payload });
    expect(response.status).toBe(200);
    expect((await owner.client.get('/api/v1/gap/items/iso27001:2022:A.5.2')).json<{ notes: string }>().notes).toBe(payload);
    expect((await owner.client.get(item)).json<{ notes: string }>().notes).toBe('keep me');
  });

  it('answers validation errors with the failing field paths', async () => {
    const response = await saveGapItem(owner.client, item, { status: 'not_applicable' });
    const details = response.json<{ error: { details: Array<{ path: string; message: string }> } }>().error.details;
    expect(details).toEqual([{ path: 'justification', message: 'A justification is required when an item is marked not applicable.' }]);
  });

  it('names each field and says what to do, in the envelope and per field (never zod’s wording)', async () => {
    const response = await newClient(server.app).request('POST', '/api/v1/auth/signup', { name: '', email: 'casey', password: 'short', organisationName: 'Harbour Clinic' });
    expect(response.status).toBe(400);
    const { error } = response.json<{ error: { message: string; details: Array<{ path: string; message: string }> } }>();
    expect(error.details).toEqual([
      { path: 'name', message: 'Enter your name.' },
      { path: 'email', message: 'Enter your e-mail address in the form name@example.com.au.' },
      { path: 'password', message: 'Use at least 12 characters for your password.' },
    ]);
    expect(error.message).toBe('3 answers need attention: Enter your name. Enter your e-mail address in the form name@example.com.au. Use at least 12 characters for your password.');
    expect(JSON.stringify(error)).not.toMatch(/Too small|Invalid input|are invalid/);
  });

  it('refuses names with line breaks or control characters, for people and organisations', async () => {
    const signUp = await newClient(server.app).request('POST', '/api/v1/auth/signup', { name: 'Casey\nBcc: victim@example.com', email: uniqueEmail(), password: goodPassword, organisationName: 'Harbour Clinic' });
    expect(signUp.status).toBe(400);
    expect(signUp.json<{ error: { message: string } }>().error.message).toBe('Your name must be on one line, without line breaks or control characters.');
    const rename = await owner.client.request('PATCH', '/api/v1/org', { version: 1, name: 'Harbour\r\nClinic' });
    expect(rename.status).toBe(400);
    expect(rename.json<{ error: { details: Array<{ path: string; message: string }> } }>().error.details).toEqual([
      { path: 'name', message: 'The organisation’s name must be on one line, without line breaks or control characters.' },
    ]);
    expect((await owner.client.request('POST', '/api/v1/orgs', { name: 'Second\u0007Clinic' })).status).toBe(400);
  });
});
