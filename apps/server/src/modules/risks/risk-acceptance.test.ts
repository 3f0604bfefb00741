import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemberWithRole, saveGapItem, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import type { RiskReply } from '../../../test/risk-fixtures.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const path = '/api/v1/risks';
interface History {
  events: Array<{ title: string; sentence: string; changes: Array<{ field: string; before: string; after: string }> }>;
  acceptances: Array<{ withdrawnAt: string | null; withdrawnReason: string | null; levelLabel: string }>;
}

describe('formal acceptance of residual risk', () => {
  it('is given by the risk owner only, above the appetite only with a note, and withdrawn visibly when the residual score changes', async () => {
    const owner = await signUpOwner(server, { name: 'Dr Jane Lee' });
    const manager = await addMemberWithRole(server, owner, 'isms_manager');
    const risk = (
      await owner.client.request('POST', path, { title: 'Shared logins', inherent: { likelihood: 4, impact: 4 }, residual: { likelihood: 4, impact: 4 }, ownerUserId: owner.userId })
    ).json<RiskReply>();
    expect(risk.isResidualWithinAppetite).toBe(false);
    const notOwner = await manager.client.request('POST', `${path}/${risk.id}/acceptance`, { version: risk.version, note: 'fine' });
    expect(notOwner.status).toBe(403);
    expect(JSON.stringify(notOwner.body)).toContain('Dr Jane Lee');
    const noNote = await owner.client.request('POST', `${path}/${risk.id}/acceptance`, { version: risk.version });
    expect(noNote.status).toBe(400);
    expect(JSON.stringify(noNote.body)).toContain('appetite');
    const accepted = await owner.client.request('POST', `${path}/${risk.id}/acceptance`, { version: risk.version, note: 'Replacing the workstations in March; accepted until then.' });
    expect(accepted.status).toBe(200);
    const afterAccept = accepted.json<RiskReply>();
    expect(afterAccept).toMatchObject({ status: 'accepted', acceptance: { acceptedByName: 'Dr Jane Lee', level: 'high', isAboveAppetite: true } });
    const again = await owner.client.request('POST', `${path}/${risk.id}/acceptance`, { version: afterAccept.version, note: 'again' });
    expect(again.status).toBe(409);

    const changed = await manager.client.request('PATCH', `${path}/${risk.id}`, { version: afterAccept.version, residual: { likelihood: 2, impact: 2 } });
    expect(changed.status).toBe(200);
    const afterChange = changed.json<RiskReply>();
    expect(afterChange.acceptance).toBeNull();
    expect(afterChange.status).toBe('assessed');
    expect(afterChange.lastWithdrawnAcceptance?.withdrawnReason).toBe('the residual score changed after it was accepted');

    const history = (await owner.client.get(`${path}/${risk.id}/history`)).json<History>();
    expect(history.events.map((e) => e.title)).toEqual(['Risk added', 'Residual risk accepted', 'Risk acceptance withdrawn', 'Risk changed']);
    expect(history.events[1]?.sentence).toBe('Dr Jane Lee formally accepted the residual risk of R-0001 (Shared logins) at High, above the risk appetite.');
    expect(history.events[3]?.changes).toContainEqual({ field: 'Residual risk', before: 'Likely × Major (High)', after: 'Unlikely × Minor (Low)' });
    expect(history.acceptances).toHaveLength(1);
    expect(history.acceptances[0]?.withdrawnAt).not.toBeNull();
    // A score within the appetite needs no note.
    const within = await owner.client.request('POST', `${path}/${risk.id}/acceptance`, { version: afterChange.version });
    expect(within.json<RiskReply>().acceptance).toMatchObject({ level: 'low', isAboveAppetite: false });
  });

  it('records one of two acceptances sent at once', async () => {
    const owner = await signUpOwner(server);
    const risk = (await owner.client.request('POST', path, { title: 'Race', inherent: { likelihood: 2, impact: 2 }, residual: { likelihood: 1, impact: 1 }, ownerUserId: owner.userId })).json<RiskReply>();
    const replies = await Promise.all([1, 2].map((n) => owner.client.request('POST', `${path}/${risk.id}/acceptance`, { version: risk.version, note: `racer ${n}` })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows = await server.ownerQuery<{ n: string }>('select count(*)::text as n from risk_acceptances where risk_id = $1', [risk.id]);
    expect(rows[0]?.n).toBe('1');
  });
});

describe('treatment tasks', () => {
  it('links tasks to Annex A controls showing their gap-analysis status, with owners, due dates and versions', async () => {
    const owner = await signUpOwner(server);
    const staff = await addMemberWithRole(server, owner, 'staff');
    const risk = (await owner.client.request('POST', path, { title: 'Failed backups', inherent: { likelihood: 3, impact: 4 } })).json<RiskReply>();
    const bad = await owner.client.request('POST', `${path}/${risk.id}/tasks`, { title: 'Test restores', controlIds: ['iso27001:2022:A.9.99'] });
    expect(bad.status).toBe(400);
    const added = await owner.client.request('POST', `${path}/${risk.id}/tasks`, { title: 'Test restores monthly', controlIds: ['iso27001:2022:A.8.13'], dueOn: '2020-01-31', ownerUserId: owner.userId });
    expect(added.status).toBe(201);
    const task = added.json<{ id: string; version: number; isOverdue: boolean; controls: Array<{ gapStatusLabel: string }> }>();
    expect(task.isOverdue).toBe(true);
    expect(task.controls[0]?.gapStatusLabel).toBe('Not started');
    expect((await saveGapItem(owner.client, '/api/v1/gap/items/iso27001:2022:A.8.13', { status: 'partial' })).status).toBe(200);
    const listed = (await owner.client.get(`${path}/${risk.id}/tasks`)).json<{ items: Array<{ controls: Array<{ gapStatusLabel: string }> }> }>();
    expect(listed.items[0]?.controls[0]?.gapStatusLabel).toBe('Partially implemented');
    expect((await staff.client.request('PATCH', `${path}/${risk.id}/tasks/${task.id}`, { version: task.version, status: 'done' })).status).toBe(403);
    const done = await owner.client.request('PATCH', `${path}/${risk.id}/tasks/${task.id}`, { version: task.version, status: 'done' });
    expect(done.json()).toMatchObject({ status: 'done', isOverdue: false, version: task.version + 1 });
    expect((await owner.client.request('PATCH', `${path}/${risk.id}/tasks/${task.id}`, { version: task.version, status: 'in_progress' })).status).toBe(409);
    expect((await owner.client.request('DELETE', `${path}/${risk.id}/tasks/${task.id}`)).status).toBe(200);
    const history = (await owner.client.get(`${path}/${risk.id}/history`)).json<History>();
    expect(history.events.map((e) => e.sentence)).toEqual([
      'Pat Owner added the risk R-0001 (Failed backups).',
      'Pat Owner added the treatment task "Test restores monthly" to R-0001.',
      'Pat Owner changed the treatment task "Test restores monthly" of R-0001.',
      'Pat Owner removed the treatment task "Test restores monthly" from R-0001.',
    ]);
  });
});
