import { describe, expect, it } from 'vitest';
import { signUpOwner } from '../server/test/test-client.ts';
import { startTestServer } from '../server/test/test-server.ts';
import { runCli } from './cli-process.ts';

describe('cli operator grant and revoke', () => {
  it('makes a confirmed account the platform operator and takes it away, each recorded in the platform trail; refuses an unknown address', async () => {
    const server = await startTestServer({ isOnDisk: true });
    const env = { CUSTODIAN_DATA_DIR: server.deps.config.dataDir };
    const person = await signUpOwner(server, { name: 'Opal Operator' });
    await server.close();

    const granted = await runCli(env, ['operator', 'grant', '--email', person.email.toUpperCase()]);
    expect(granted.status, granted.stderr).toBe(0);
    expect(granted.stdout).toContain(`Opal Operator <${person.email}> is now the platform operator`);
    const again = await runCli(env, ['operator', 'grant', '--email', person.email]);
    expect(again.stdout).toContain('is already the platform operator');
    const unknown = await runCli(env, ['operator', 'grant', '--email', 'nobody@clinic.example']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No Custodian account has the e-mail address nobody@clinic.example');
    const usage = await runCli(env, ['operator', 'promote']);
    expect(usage.status).toBe(2);

    const check = await startTestServer({ isOnDisk: true, env });
    const [flag] = await check.ownerQuery<{ is_platform_operator: boolean }>('select is_platform_operator from users where id = $1', [person.userId]);
    expect(flag?.is_platform_operator).toBe(true);
    await check.close();

    const revoked = await runCli(env, ['operator', 'revoke', '--email', person.email]);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('is no longer the platform operator');
    const trail = await startTestServer({ isOnDisk: true, env });
    const events = await trail.ownerQuery<{ action: string; actor_label: string }>(
      "select a.action, a.actor_label from audit_events a join orgs o on o.org_id = a.org_id where o.kind = 'platform' and a.entity_id = $1 order by a.seq",
      [person.userId],
    );
    expect(events.map((e) => e.action)).toEqual(['platform_operator.granted', 'platform_operator.revoked']);
    expect(events[0]?.actor_label).toContain('command line');
    const [after] = await trail.ownerQuery<{ is_platform_operator: boolean }>('select is_platform_operator from users where id = $1', [person.userId]);
    expect(after?.is_platform_operator).toBe(false);
    await trail.close();
    const verified = await runCli(env, ['verify-audit']);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
  }, 240_000);
});
