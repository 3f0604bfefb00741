import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSentence } from '@custodian/shared/domain/audit-wording.ts';
import { addMemberWithRole, signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

interface Control {
  controlId: string;
  source: string;
  ref: string;
  title: string;
  description: string;
  status: string;
  isApplicable: boolean;
  reasons: string[];
  justification: string;
  implementation: string;
  risks: Array<{ ref: string }>;
  riskCount: number;
  version: number;
}

const url = (controlId: string) => `/api/v1/controls/${encodeURIComponent(controlId)}`;
const control = async (client: TestClient, controlId: string) => (await client.get(url(controlId))).json<Control>();

async function riskTreatedBy(client: TestClient, controlId: string): Promise<{ id: string; ref: string }> {
  const risk = (await client.request('POST', '/api/v1/risks', { title: 'Backups fail silently', inherent: { likelihood: 4, impact: 4 } })).json<{ id: string; ref: string }>();
  const task = await client.request('POST', `/api/v1/risks/${risk.id}/tasks`, { title: 'Test a restore every month', controlIds: [controlId] });
  expect(task.status).toBe(201);
  return risk;
}

describe('the controls register', () => {
  it('lists the 93 Annex A controls and the organisation’s own, numbered C-01, C-02…', async () => {
    const { client } = await signUpOwner(server);
    const first = (await client.get('/api/v1/controls?limit=200')).json<{ items: Control[]; total: { count: number } }>();
    expect(first.total.count).toBe(93);
    expect(first.items[0]).toMatchObject({ controlId: 'iso27001:2022:A.5.1', ref: 'A.5.1', source: 'annex_a', status: 'not_started', isApplicable: true, reasons: [], riskCount: 0, version: 0 });
    expect(first.items[0]).not.toHaveProperty('risks'); // the list carries the count; the control's page lists the risks
    const added = await client.request('POST', '/api/v1/controls', { title: 'After-hours phone triage script', description: 'Reception checks identity before reading results.' });
    expect(added.status).toBe(201);
    expect(added.json()).toMatchObject({ ref: 'C-01', source: 'organisation', theme: null, version: 0 });
    expect((await client.request('POST', '/api/v1/controls', { title: 'Second one' })).json()).toMatchObject({ ref: 'C-02' });
    const own = (await client.get('/api/v1/controls?source=organisation')).json<{ items: Control[] }>();
    expect(own.items.map((item) => item.ref)).toEqual(['C-01', 'C-02']);
    const renamed = await client.request('PATCH', url(own.items[0]?.controlId ?? ''), { version: 0, title: 'Phone triage script', reasons: ['business'] });
    expect(renamed.json()).toMatchObject({ title: 'Phone triage script', reasons: ['business'], version: 1 });
    expect((await client.request('PATCH', url('iso27001:2022:A.5.1'), { version: 0, title: 'Our policies' })).status).toBe(400);
    expect((await client.request('DELETE', url('iso27001:2022:A.5.1'))).status).toBe(409);
    expect((await client.request('DELETE', url(own.items[1]?.controlId ?? ''))).status).toBe(200);
    expect((await client.get(url(own.items[1]?.controlId ?? ''))).status).toBe(404);
  });

  it('records why a control applies and how, and refuses an exclusion without a justification', async () => {
    const { client } = await signUpOwner(server, { name: 'Dr Jane Lee' });
    const id = 'iso27001:2022:A.5.34';
    const saved = await client.request('PATCH', url(id), { version: 0, status: 'partial', reasons: ['legal', 'legal', 'contractual'], implementation: 'Privacy policy on the website; APP 11 training' });
    expect(saved.json()).toMatchObject({ status: 'partial', reasons: ['legal', 'contractual'], implementation: 'Privacy policy on the website; APP 11 training', version: 1 });
    const refused = await client.request('PATCH', url('iso27001:2022:A.7.5'), { version: 0, status: 'not_applicable' });
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({ error: { details: [{ path: 'justification' }] } });
    const excluded = await client.request('PATCH', url('iso27001:2022:A.7.5'), { version: 0, status: 'not_applicable', justification: 'Fully cloud-hosted; no server room.' });
    expect(excluded.json()).toMatchObject({ isApplicable: false, justification: 'Fully cloud-hosted; no server room.' });
    const trail = (await client.get(`/api/v1/audit-log?entityId=${encodeURIComponent(id)}`)).json<{ items: Parameters<typeof auditSentence>[0][] }>();
    expect(trail.items.map((event) => auditSentence(event))).toEqual(['Dr Jane Lee changed control A.5.34 Privacy and protection of personal identifiable information (PII) in the controls register.']);
  });

  it('is the gap analysis’s own data: an edit through either is one version of the same entry', async () => {
    const { client } = await signUpOwner(server);
    const id = 'iso27001:2022:A.8.7';
    expect((await client.request('PATCH', `/api/v1/gap/items/${id}`, { version: 0, status: 'implemented', notes: 'EDR on every PC' })).status).toBe(200);
    expect(await control(client, id)).toMatchObject({ status: 'implemented', version: 1 });
    const stale = await client.request('PATCH', url(id), { version: 0, implementation: 'EDR' });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'edit_conflict', details: { current: { status: 'implemented', version: 1 } } } });
    expect((await client.request('PATCH', url(id), { version: 1, implementation: 'EDR on every PC, alerts to the IT provider' })).status).toBe(200);
    // The gap analysis's own edit keeps what the register recorded.
    expect((await client.request('PATCH', `/api/v1/gap/items/${id}`, { version: 2, notes: 'Checked monthly' })).status).toBe(200);
    expect(await control(client, id)).toMatchObject({ implementation: 'EDR on every PC, alerts to the IT provider', version: 3 });
  });

  it('shows the risks a control treats and will not exclude it while it treats one', async () => {
    const { client } = await signUpOwner(server);
    const id = 'iso27001:2022:A.8.13';
    const risk = await riskTreatedBy(client, id);
    expect((await control(client, id)).risks).toEqual([{ id: risk.id, ref: risk.ref, title: 'Backups fail silently' }]);
    const refused = await client.request('PATCH', url(id), { version: 0, status: 'not_applicable', justification: 'Not needed' });
    expect(refused.status).toBe(400);
    expect(refused.json<{ error: { message: string } }>().error.message).toContain(`A.8.13 treats ${risk.ref}`);
    // Through the gap analysis too: the rule is the data's, not one screen's.
    expect((await client.request('PATCH', `/api/v1/gap/items/${id}`, { version: 0, status: 'not_applicable', justification: 'Not needed' })).status).toBe(400);
    // A closed risk no longer needs it.
    const current = (await client.get(`/api/v1/risks/${risk.id}`)).json<{ version: number }>();
    expect((await client.request('PATCH', `/api/v1/risks/${risk.id}`, { version: current.version, status: 'closed' })).status).toBe(200);
    expect((await client.request('PATCH', url(id), { version: 0, status: 'not_applicable', justification: 'Backups are the cloud provider’s' })).status).toBe(200);
  });

  it('lists the first ten risks a control treats with the count of all of them, in the register and the SoA', async () => {
    const { client } = await signUpOwner(server);
    const id = 'iso27001:2022:A.8.7';
    for (let i = 0; i < 12; i += 1) await riskTreatedBy(client, id);
    const item = await control(client, id);
    expect(item.risks).toHaveLength(10);
    expect(item).toMatchObject({ riskCount: 12, risks: expect.arrayContaining([expect.objectContaining({ ref: 'R-0001' })]) });
    const row = (await client.get('/api/v1/soa')).json<{ rows: Array<{ ref: string; risks: string[]; riskCount: number }> }>().rows.find((r) => r.ref === 'A.8.7');
    expect(row).toMatchObject({ riskCount: 12, risks: ['R-0001', 'R-0002', 'R-0003', 'R-0004', 'R-0005', 'R-0006', 'R-0007', 'R-0008', 'R-0009', 'R-0010'] });
    const refused = await client.request('PATCH', url(id), { version: 0, status: 'not_applicable', justification: 'No' });
    expect(refused.json<{ error: { message: string } }>().error.message).toBe(
      'A.8.7 treats R-0001, R-0002, R-0003, R-0004, R-0005, R-0006, R-0007, R-0008, R-0009, R-0010 and 2 more, so it cannot be excluded. Change those risks\' treatment first, or keep the control applicable.',
    );
  });

  it('never shows a remembered answer once a risk or a task changes (the register generation moves in the same transaction)', async () => {
    const { client } = await signUpOwner(server);
    const id = 'iso27001:2022:A.5.24';
    const countInList = async () => (await client.get('/api/v1/controls?limit=200')).json<{ items: Control[] }>().items.find((item) => item.controlId === id)?.riskCount;
    const refsInList = async () => {
      const count = await countInList();
      const refs = (await control(client, id)).risks.map((risk) => risk.ref);
      expect(refs).toHaveLength(count ?? -1);
      return refs;
    };
    expect(await refsInList()).toEqual([]);
    const risk = await riskTreatedBy(client, id);
    expect(await refsInList()).toEqual([risk.ref]);
    expect(await refsInList()).toEqual([risk.ref]);
    const read = (await client.get(`/api/v1/risks/${risk.id}`)).json<{ version: number }>();
    await client.request('PATCH', `/api/v1/risks/${risk.id}`, { version: read.version, title: 'Backups fail without anyone noticing' });
    expect((await control(client, id)).risks).toEqual([
      expect.objectContaining({ title: 'Backups fail without anyone noticing' }),
    ]);
    const tasks = (await client.get(`/api/v1/risks/${risk.id}/tasks`)).json<{ items: Array<{ id: string }> }>();
    expect((await client.request('DELETE', `/api/v1/risks/${risk.id}/tasks/${tasks.items[0]?.id ?? ''}`)).status).toBe(200);
    expect(await refsInList()).toEqual([]);
    const [generation] = await server.ownerQuery<{ links: string }>(`select links::text from register_generations g join risks r on r.org_id = g.org_id where r.id = $1`, [risk.id]);
    expect(Number(generation?.links)).toBeGreaterThanOrEqual(4);
  });

  it('never shows a remembered register once an entry, an own control or an owner’s name changes', async () => {
    const owner = await signUpOwner(server);
    const { client } = owner;
    const member = await addMemberWithRole(server, owner, 'contributor');
    const id = 'iso27001:2022:A.5.1';
    const listed = async () => (await client.get('/api/v1/controls?limit=200')).json<{ items: Array<Control & { ownerName: string | null }> }>().items;
    const row = async () => (await listed()).find((item) => item.controlId === id);
    expect(await row()).toMatchObject({ status: 'not_started', ownerName: null });
    expect(await row()).toMatchObject({ status: 'not_started' }); // the second read is the remembered one
    expect((await client.request('PATCH', `/api/v1/gap/items/${id}`, { version: 0, status: 'partial', ownerUserId: member.userId })).status).toBe(200);
    expect(await row()).toMatchObject({ status: 'partial', ownerName: 'Member contributor', version: 1 });
    await server.ownerQuery(`update users set name = 'Dr Renamed' where id = $1`, [member.userId]);
    expect(await row()).toMatchObject({ ownerName: 'Dr Renamed' });
    expect((await client.request('DELETE', `/api/v1/members/${member.userId}`)).status).toBe(200);
    await server.ownerQuery(`update former_members set name = 'Former member 1' where user_id = $1`, [member.userId]);
    expect(await row()).toMatchObject({ ownerName: 'Former member 1' });
    const before = (await listed()).length;
    expect((await client.request('POST', '/api/v1/controls', { title: 'Locked medication fridge log' })).status).toBe(201);
    expect((await listed()).length).toBe(before + 1);
    const own = (await listed()).find((item) => item.ref === 'C-01');
    expect((await client.request('PATCH', url(own?.controlId ?? ''), { version: own?.version, title: 'Medication fridge temperature log' })).status).toBe(200);
    expect((await listed()).find((item) => item.ref === 'C-01')).toMatchObject({ title: 'Medication fridge temperature log' });
  });

  it('lets editors save different controls at the same moment, and the list then shows every save', async () => {
    const { client } = await signUpOwner(server);
    const ids = ['A.5.1', 'A.5.2', 'A.5.3', 'A.5.4', 'A.5.5', 'A.5.6'].map((ref) => `iso27001:2022:${ref}`);
    expect((await client.get('/api/v1/controls?limit=200')).status).toBe(200); // remembered before the edits
    for (let round = 1; round <= 3; round += 1) {
      const listing = (await client.get('/api/v1/controls?limit=200')).json<{ items: Control[] }>().items;
      const replies = await Promise.all(
        ids.map((id) => client.request('PATCH', `/api/v1/gap/items/${id}`, { version: listing.find((item) => item.controlId === id)?.version ?? 0, status: 'partial', notes: `round ${round}` })),
      );
      expect(replies.map((reply) => reply.status)).toEqual(ids.map(() => 200));
      const after = (await client.get('/api/v1/controls?limit=200')).json<{ items: Array<Control & { notes: string }> }>().items;
      expect(ids.map((id) => after.find((item) => item.controlId === id)?.version)).toEqual(ids.map(() => round));
    }
  });


  it('lets readers read it and only editors change it', async () => {
    const owner = await signUpOwner(server);
    const auditor = await addMemberWithRole(server, owner, 'auditor');
    const staff = await addMemberWithRole(server, owner, 'staff');
    expect((await auditor.client.get('/api/v1/controls')).status).toBe(200);
    expect((await auditor.client.request('PATCH', url('iso27001:2022:A.5.1'), { version: 0, status: 'partial' })).status).toBe(403);
    expect((await staff.client.get('/api/v1/controls')).status).toBe(403);
  });
});
