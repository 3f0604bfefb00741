import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { saveGapItem, signUpOwner } from '../server/test/test-client.ts';
import { startTestServer } from '../server/test/test-server.ts';

function runCli(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'apps/cli/main.ts', ...args], {
    env: { ...process.env, CUSTODIAN_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('cli verify-audit', () => {
  it('refuses to open a data directory the server holds, passes intact chains and fails an edited one', async () => {
    const server = await startTestServer({ isOnDisk: true });
    const dataDir = server.deps.config.dataDir;
    const owner = await signUpOwner(server, { organisationName: 'Chain Clinic' });
    await saveGapItem(owner.client, '/api/v1/gap/items/iso27001:2022:A.5.1', { status: 'partial', notes: 'original' });

    const locked = runCli(dataDir, 'verify-audit');
    expect(locked.status).toBe(1);
    expect(locked.stderr).toMatch(/in use by another Custodian process/);

    await server.close();
    const intact = runCli(dataDir, 'verify-audit');
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/OK\s+Chain Clinic/);

    const again = await startTestServer({ isOnDisk: true, env: { CUSTODIAN_DATA_DIR: dataDir } });
    await again.ownerQuery(`update audit_events set after = jsonb_set(after, '{notes}', '"rewritten"') where action = 'gap.updated'`);
    await again.close();
    const broken = runCli(dataDir, 'verify-audit');
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN Chain Clinic/);
    expect(broken.stdout).toMatch(/content was changed after it was recorded/);
  });
});
