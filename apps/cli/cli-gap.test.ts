import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '../../e2e/support/smtp-sink.ts';
import { signUpOwnerOverHttp, type SignedInOwner } from '../server/test/reliability/accounts.ts';
import { expectStatus, loopbackAgent } from '../server/test/reliability/http-client.ts';
import { spawnServer, type ServerProcess } from '../server/test/reliability/server-process.ts';
import { runCli } from './cli-process.ts';

// The real server as its own process on an embedded database, and the CLI as another, over HTTP.
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let server: ServerProcess;
let owner: SignedInOwner;
const agent = loopbackAgent(4);

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await spawnServer({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` }, dataDir: mkdtempSync(join(tmpdir(), 'custodian-cli-gap-')) });
  owner = await signUpOwnerOverHttp(agent, server.port, smtp, 'CLI Clinic');
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  agent.destroy();
});

async function token(name: string, scopes: string[]): Promise<{ id: string; secret: string }> {
  const reply = expectStatus(await owner.client.request('POST', '/api/v1/api-tokens', { name, scopes }), 201, 'create token');
  const created = reply.json<{ token: { id: string }; secret: string }>();
  return { id: created.token.id, secret: created.secret };
}

const cli = (secret: string | null, args: string[]) => runCli(secret === null ? {} : { CUSTODIAN_TOKEN: secret }, ['gap', ...args, '--server', server.url]);

describe('cli gap commands against a running server', () => {
  it('lists every gap item as a table and as JSON with the token from CUSTODIAN_TOKEN', async () => {
    const { secret } = await token('CLI reader', ['gap:read']);
    const total = expectStatus(await owner.client.request('GET', '/api/v1/gap/items?limit=1'), 200, 'count').json<{ total: { count: number } }>().total.count;
    const text = await cli(secret, ['list']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Item\s+Status\s+Owner\s+Target date\s+Title/);
    expect(text.stdout).toMatch(/\nA\.5\.1\s+Not started\s+.*Policies for information security/);
    expect(text.stdout).toContain(`\n${total} items`);
    const json = await cli(secret, ['list', '--json']);
    expect(json.status, json.stderr).toBe(0);
    const items = JSON.parse(json.stdout) as Array<{ itemId: string; status: string; version: number }>;
    expect(items).toHaveLength(total);
    expect(items.find((i) => i.itemId === 'iso27001:2022:A.5.1')).toMatchObject({ status: 'not_started', version: 0 });
  }, 180_000);

  it('sets a status with the version it read, and the change is attributed to the person and the token', async () => {
    const { secret } = await token('CLI writer', ['gap:read', 'gap:write']);
    const first = await cli(secret, ['set', 'A.5.2', 'partial']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^A\.5\.2 .*: Not started → Partially implemented \(version 1\)/);
    const second = await cli(secret, ['set', 'iso27001:2022:A.5.2', 'implemented']);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain('Partially implemented → Implemented (version 2)');
    const item = expectStatus(await owner.client.request('GET', '/api/v1/gap/items/iso27001:2022:A.5.2'), 200, 'read item').json<{ status: string; version: number }>();
    expect(item).toMatchObject({ status: 'implemented', version: 2 });
    const events = expectStatus(await owner.client.request('GET', '/api/v1/audit-log?action=gap.updated&limit=5'), 200, 'audit').json<{ items: Array<{ actorName: string }> }>().items;
    expect(events.map((e) => e.actorName)).toEqual(["Owner 1 (API token 'CLI writer')", "Owner 1 (API token 'CLI writer')"]);
    const listed = await cli(secret, ['list', '--status', 'implemented']);
    expect(listed.stdout).toMatch(/\nA\.5\.2\s+Implemented/);
    expect(listed.stdout).toContain('\n1 item');
  }, 180_000);

  it('says what is wrong: no token, a token given as a flag, a bad status, a missing scope, a revoked token', async () => {
    const missing = await cli(null, ['list']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/Set CUSTODIAN_TOKEN/);
    const reader = await token('CLI read only', ['gap:read']);
    const flag = await runCli({}, ['gap', 'list', '--server', server.url, '--token', reader.secret]);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/read from CUSTODIAN_TOKEN only/);
    const badStatus = await cli(reader.secret, ['set', 'A.5.3', 'done']);
    expect(badStatus.status).toBe(2);
    expect(badStatus.stderr).toMatch(/"done" is not a status\. Use one of: not_started, partial, implemented, not_applicable/);
    const noScope = await cli(reader.secret, ['set', 'A.5.3', 'partial']);
    expect(noScope.status).toBe(1);
    expect(noScope.stderr).toMatch(/This API token may not do this/);
    expectStatus(await owner.client.request('POST', `/api/v1/api-tokens/${reader.id}/revoke`), 200, 'revoke');
    const revoked = await cli(reader.secret, ['list']);
    expect(revoked.status).toBe(1);
    expect(revoked.stderr).toMatch(/has been revoked/);
  }, 240_000);
});
