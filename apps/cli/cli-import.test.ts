import { mkdtempSync, writeFileSync } from 'node:fs';
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
let secret: string;
const agent = loopbackAgent(4);
const dir = mkdtempSync(join(tmpdir(), 'custodian-cli-import-'));

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await spawnServer({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` }, dataDir: mkdtempSync(join(tmpdir(), 'custodian-cli-import-data-')) });
  owner = await signUpOwnerOverHttp(agent, server.port, smtp, 'CLI Import Clinic');
  const reply = expectStatus(
    await owner.client.request('POST', '/api/v1/api-tokens', { name: 'Importer', scopes: ['register:read', 'register:write'] }),
    201,
    'create token',
  );
  secret = reply.json<{ secret: string }>().secret;
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  agent.destroy();
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const cli = (args: string[]) => runCli({ CUSTODIAN_TOKEN: secret }, ['import', ...args, '--server', server.url]);
const header = 'Asset,Type,Classification,Confidentiality,Integrity,Availability,Responsible person';

describe('cli import against a running server', () => {
  it('prints the mapping, refuses a file with a bad row naming it, then imports the corrected file with progress', async () => {
    const bad = file('bad.csv', `${header}\nReception PC,Device,Internal,2,2,2,\nOld drive,Device,Secret,1,1,1,\n`);
    const refused = await cli(['--kind', 'assets', '--file', bad]);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/Assets \(2 rows in bad\.csv\):/);
    expect(refused.stdout).toMatch(/Name\s+← column "Asset"/);
    expect(refused.stdout).toMatch(/Owner e-mail\s+← not imported/);
    expect(refused.stdout).toContain("Row 3: Classification 'Secret' is not one of Public, Internal, Confidential or Sensitive health information.");
    expect(refused.stderr).toMatch(/Nothing was imported: bad\.csv has 1 problem/);

    const good = file('good.csv', `${header}\nReception PC,Device,Internal,2,2,2,${owner.email}\nServer,System,Confidential,4,4,4,\n`);
    const dry = await cli(['--kind', 'assets', '--file', good, '--column', 'Owner e-mail=Responsible person', '--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/Owner e-mail\s+← column "Responsible person"/);
    expect(dry.stdout).toContain('An import would add 2 assets. Nothing was imported (--dry-run).');

    const done = await cli(['--kind', 'assets', '--file', good, '--column', 'Owner e-mail=Responsible person']);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/Imported 2 assets from good\.csv in [\d.]+ s \(file SHA-256 [0-9a-f]{64}\)\./);
    expect(done.stderr).toMatch(/Saving \[#{30}\] 2\/2 rows/);
    const events = expectStatus(await owner.client.request('GET', '/api/v1/audit-log?action=register.imported&limit=5'), 200, 'audit').json<{
      items: Array<{ actorName: string; sentence?: string }>;
    }>().items;
    expect(events).toHaveLength(1);
    expect(events[0]?.actorName).toContain("(API token 'Importer')");
  }, 180_000);

  it('says what is wrong with the arguments', async () => {
    const path = file('x.csv', `${header}\n`);
    const kind = await cli(['--kind', 'controls', '--file', path]);
    expect(kind.status).toBe(2);
    expect(kind.stderr).toMatch(/--kind must be one of: assets, risks/);
    const column = await cli(['--kind', 'assets', '--file', path, '--column', 'Colour=Asset']);
    expect(column.status).toBe(2);
    expect(column.stderr).toMatch(/"Colour" is not a field of this import/);
  }, 120_000);
});
