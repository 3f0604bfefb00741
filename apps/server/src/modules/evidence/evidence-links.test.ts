import type { AuditEventDto } from '@custodian/shared/contracts/audit-log.ts';
import { auditSentence } from '@custodian/shared/domain/audit-wording.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEvidence, type EvidenceReply } from '../../../test/evidence-fixtures.ts';
import { signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { nextDay, todayIn } from '../../lib/dates.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const path = '/api/v1/evidence';
type Owner = Awaited<ReturnType<typeof signUpOwner>>;

async function addRisk(owner: Owner, title: string): Promise<{ id: string; ref: string }> {
  const reply = await owner.client.request('POST', '/api/v1/risks', { title, inherent: { likelihood: 2, impact: 3 } });
  if (reply.status !== 201) throw new Error(`risk: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.json<{ id: string; ref: string }>();
}

const link = (owner: Owner, id: string, targetKind: string, targetId: string) => owner.client.request('POST', `${path}/${id}/links`, { targetKind, targetId });
const titles = async (owner: Owner, query: string) => (await owner.client.get(`${path}?${query}`)).json<{ items: EvidenceReply[] }>().items.map((i) => i.title);

describe('evidence links', () => {
  it('links an item to a control, a requirement and a risk, lists evidence of each, and unlinks', async () => {
    const owner = await signUpOwner(server);
    const risk = await addRisk(owner, 'Ransomware on the practice server');
    const item = await addEvidence(owner.client, { kind: 'note', title: 'Backup restore test', note: 'Restored in 41 minutes.' });
    const other = await addEvidence(owner.client, { kind: 'link', title: 'Backup console', url: 'https://backup.example' });
    expect((await link(owner, item.id, 'control', 'iso27001:2022:A.8.13')).status).toBe(200);
    expect((await link(owner, item.id, 'requirement', 'iso27001:2022:6.1.2')).status).toBe(200);
    const linked = (await link(owner, item.id, 'risk', risk.id)).json<EvidenceReply>();
    expect(linked.links).toEqual([
      { kind: 'control', id: 'iso27001:2022:A.8.13', ref: 'A.8.13', title: 'Information backup' },
      { kind: 'requirement', id: 'iso27001:2022:6.1.2', ref: '6.1.2', title: expect.stringContaining('risk assessment') as string },
      { kind: 'risk', id: risk.id, ref: risk.ref, title: 'Ransomware on the practice server' },
    ]);
    // Linking again changes nothing and records nothing.
    expect((await link(owner, item.id, 'control', 'iso27001:2022:A.8.13')).json<EvidenceReply>().links).toHaveLength(3);
    await link(owner, other.id, 'control', 'iso27001:2022:A.8.13');

    expect(await titles(owner, 'targetKind=control&targetId=iso27001:2022:A.8.13')).toEqual(['Backup console', 'Backup restore test']);
    expect(await titles(owner, `targetKind=risk&targetId=${risk.id}`)).toEqual(['Backup restore test']);
    expect(await titles(owner, 'targetKind=control&targetId=iso27001:2022:A.5.1')).toEqual([]);
    expect((await owner.client.get(`${path}?targetKind=control`)).status).toBe(400);

    const unlinked = await owner.client.request('DELETE', `${path}/${item.id}/links?targetKind=control&targetId=${encodeURIComponent('iso27001:2022:A.8.13')}`);
    expect(unlinked.json<EvidenceReply>().links.map((l) => l.kind)).toEqual(['requirement', 'risk']);
    expect((await owner.client.request('DELETE', `${path}/${item.id}/links?targetKind=control&targetId=${encodeURIComponent('iso27001:2022:A.8.13')}`)).status).toBe(404);

    // Deleting the risk removes its links.
    expect((await owner.client.request('DELETE', `/api/v1/risks/${risk.id}`)).status).toBe(200);
    expect((await owner.client.get(`${path}/${item.id}`)).json<EvidenceReply>().links.map((l) => l.kind)).toEqual(['requirement']);

    const trail = (await owner.client.get(`/api/v1/audit-log?entityId=${item.id}&order=asc`)).json<{ items: AuditEventDto[] }>();
    expect(trail.items.map((e) => e.action)).toEqual(['evidence.created', 'evidence.linked', 'evidence.linked', 'evidence.linked', 'evidence.unlinked']);
    // In plain words, as the audit trail page shows them.
    const words = trail.items.map((e) => auditSentence(e));
    expect(words[0]).toMatch(/ added the evidence “Backup restore test”\.$/);
    expect(words[1]).toMatch(/ recorded “Backup restore test” as evidence of Annex A control A\.8\.13 Information backup\.$/);
    expect(words[3]).toContain(`as evidence of Risk ${risk.ref} Ransomware on the practice server`);
    expect(words[4]).toMatch(/ removed “Backup restore test” as evidence of Annex A control A\.8\.13 Information backup\.$/);
    expect(trail.items[0]?.subject).toBe('the evidence “Backup restore test”');
  });

  it('refuses a control, clause or risk that does not exist or belongs to another organisation', async () => {
    const owner = await signUpOwner(server);
    const stranger = await signUpOwner(server);
    const foreignRisk = await addRisk(stranger, 'Their risk');
    const item = await addEvidence(owner.client, { kind: 'note', title: 'Visitor log', note: 'Signed in and out.' });
    for (const [kind, id, message] of [
      ['control', 'iso27001:2022:A.99.1', 'That control is not in your controls register.'],
      ['control', 'iso27001:2022:6.1.2', 'That control is not in your controls register.'],
      ['requirement', 'iso27001:2022:4', 'That clause is not one with requirements.'],
      ['requirement', 'iso27001:2022:A.5.1', 'That clause is not one with requirements.'],
      ['risk', foreignRisk.id, "That risk was not found in your organisation's risk register."],
      ['risk', 'not-a-risk', "That risk was not found in your organisation's risk register."],
    ] as const) {
      const reply = await link(owner, item.id, kind, id);
      expect(reply.status, `${kind} ${id}`).toBe(400);
      expect(reply.json<{ error: { message: string } }>().error.message).toContain(message);
    }
    expect((await link(owner, item.id, 'asset', 'x')).status).toBe(400);
    expect((await owner.client.get(`${path}/${item.id}`)).json<EvidenceReply>().links).toEqual([]);
  });

  it('links evidence to a control of the organisation’s own, never to another organisation’s, and the control keeps it from being deleted', async () => {
    const owner = await signUpOwner(server, { name: 'Dr Jane Lee' });
    const stranger = await signUpOwner(server);
    const own = (await owner.client.request('POST', '/api/v1/controls', { title: 'After-hours phone triage script' })).json<{ controlId: string; ref: string }>();
    const theirs = (await stranger.client.request('POST', '/api/v1/controls', { title: 'Their script' })).json<{ controlId: string }>();
    const item = await addEvidence(owner.client, { kind: 'note', title: 'Script reviewed', note: 'Read aloud at the team meeting.' });
    expect((await link(owner, item.id, 'control', theirs.controlId)).status).toBe(400);
    expect((await link(owner, item.id, 'control', own.controlId)).status).toBe(200);
    expect((await owner.client.get(`${path}/${item.id}`)).json<EvidenceReply>().links).toEqual([{ kind: 'control', id: own.controlId, ref: 'C-01', title: 'After-hours phone triage script' }]);
    const control = (await owner.client.get(`/api/v1/controls/${encodeURIComponent(own.controlId)}`)).json<{ evidenceCount: number }>();
    expect(control.evidenceCount).toBe(1);
    const refused = await owner.client.request('DELETE', `/api/v1/controls/${encodeURIComponent(own.controlId)}`);
    expect(refused.status).toBe(409);
    expect(refused.json<{ error: { message: string } }>().error.message).toBe('C-01 has an item of evidence linked. Unlink the evidence before deleting the control.');
    const trail = (await owner.client.get(`/api/v1/audit-log?action=evidence.linked`)).json<{ items: Parameters<typeof auditSentence>[0][] }>();
    expect(trail.items.map((event) => auditSentence(event))).toEqual(['Dr Jane Lee recorded “Script reviewed” as evidence of the control C-01 After-hours phone triage script.']);
  });

  it('links and deletes at once without an error: the link lands before the deletion or finds the item gone', async () => {
    const owner = await signUpOwner(server);
    const risk = await addRisk(owner, 'Lost laptop');
    for (let round = 0; round < 5; round += 1) {
      const item = await addEvidence(owner.client, { kind: 'note', title: `Race ${round}`, note: 'x' });
      const [linked, deleted, riskLinked] = await Promise.all([
        link(owner, item.id, 'control', 'iso27001:2022:A.8.1'),
        owner.client.request('DELETE', `${path}/${item.id}`),
        link(owner, item.id, 'risk', risk.id),
      ]);
      expect(deleted.status).toBe(200);
      expect([200, 404]).toContain(linked.status);
      expect([200, 404]).toContain(riskLinked.status);
    }
    const orphans = await server.ownerQuery<{ n: string }>('select count(*)::text as n from evidence_links where org_id = $1', [owner.orgId]);
    expect(orphans[0]?.n).toBe('0');
  });

  it('filters by validity on the organisation’s today, and sorts by valid-until date with undated items last', async () => {
    const owner = await signUpOwner(server);
    let today = todayIn('Australia/Sydney', new Date());
    const days = (n: number) => {
      let day = today;
      for (let i = 0; i < n; i += 1) day = nextDay(day);
      return day;
    };
    await addEvidence(owner.client, { kind: 'note', title: 'Expired', note: 'x', validUntil: '2020-01-31' });
    await addEvidence(owner.client, { kind: 'note', title: 'Expiring', note: 'x', validUntil: days(10) });
    await addEvidence(owner.client, { kind: 'note', title: 'Current', note: 'x', validUntil: days(90) });
    await addEvidence(owner.client, { kind: 'note', title: 'Undated', note: 'x' });
    today = todayIn('Australia/Sydney', new Date());
    expect(await titles(owner, 'validity=expired')).toEqual(['Expired']);
    expect(await titles(owner, 'validity=expiring')).toEqual(['Expiring']);
    expect(await titles(owner, 'validity=current')).toEqual(['Current']);
    expect(await titles(owner, 'validity=no_date')).toEqual(['Undated']);
    expect(await titles(owner, 'sort=validUntil')).toEqual(['Expired', 'Expiring', 'Current', 'Undated']);
    const page = (await owner.client.get(`${path}?sort=validUntil&limit=2`)).json<{ items: EvidenceReply[]; page: { next: string } }>();
    expect(await titles(owner, `sort=validUntil&limit=2&cursor=${page.page.next}`)).toEqual(['Current', 'Undated']);
  });
});
