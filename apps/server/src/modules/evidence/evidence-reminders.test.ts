import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEvidence } from '../../../test/evidence-fixtures.ts';
import { addMemberWithRole, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { nextDay, todayIn } from '../../lib/dates.ts';
import { sendEvidenceReminders } from './evidence-reminders.service.ts';

let server: TestServer;
let now = new Date();
beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
});
afterAll(async () => server.close());

const inDays = (from: string, n: number) => {
  let day = from;
  for (let i = 0; i < n; i += 1) day = nextDay(day);
  return day;
};

describe('evidence reminders', () => {
  it('e-mails the owner once when an item comes within 30 days and once when it has expired', async () => {
    const owner = await signUpOwner(server, { name: 'Dr Jane Lee' });
    const manager = await addMemberWithRole(server, owner, 'isms_manager');
    const today = todayIn('Australia/Sydney', now);
    const soon = await addEvidence(owner.client, { kind: 'note', title: 'Fire warden training', note: 'x', ownerUserId: owner.userId, validUntil: inDays(today, 20) });
    await addEvidence(owner.client, { kind: 'note', title: 'Insurance certificate', note: 'x', ownerUserId: manager.userId, validUntil: '2020-01-31' });
    await addEvidence(owner.client, { kind: 'note', title: 'Later', note: 'x', ownerUserId: owner.userId, validUntil: inDays(today, 60) });
    await addEvidence(owner.client, { kind: 'note', title: 'Nobody owns it', note: 'x', validUntil: '2020-01-31' });
    const mails = async () =>
      server.ownerQuery<{ to_address: string; subject: string; body_text: string }>(
        "select to_address, subject, body_text from outbox where org_id = $1 and subject like '%evidence%' order by subject",
        [owner.orgId],
      );

    // Two runs at once send each reminder once.
    const sent = await Promise.all([sendEvidenceReminders(server.deps, server.app.log), sendEvidenceReminders(server.deps, server.app.log)]);
    expect(sent[0] + sent[1]).toBe(2);
    const first = await mails();
    expect(first.map((m) => [m.to_address, m.subject])).toEqual([
      [manager.email, 'Expired: evidence “Insurance certificate” (Bayside Physio)'],
      [owner.email, 'Expires soon: evidence “Fire warden training” (Bayside Physio)'],
    ]);
    expect(first[0]?.body_text).toContain('It stopped being valid after 31/01/2020.');
    expect(first[1]?.body_text).toContain(`/evidence/${soon.id}`);

    expect(await sendEvidenceReminders(server.deps, server.app.log)).toBe(0);
    expect(await mails()).toHaveLength(2);

    // Three weeks on, the first item has expired: its second and last reminder.
    now = new Date(now.getTime() + 21 * 24 * 3600_000);
    expect(await sendEvidenceReminders(server.deps, server.app.log)).toBe(1);
    expect(await sendEvidenceReminders(server.deps, server.app.log)).toBe(0);
    const after = await mails();
    expect(after.map((m) => m.subject)).toContain('Expired: evidence “Fire warden training” (Bayside Physio)');
    expect(after).toHaveLength(3);

    // A new valid-until date is a new pair of reminders (back to the real day: the session would have ended).
    now = new Date();
    const current = (await owner.client.get(`/api/v1/evidence/${soon.id}`)).json<{ version: number }>();
    const renewed = await owner.client.request('PATCH', `/api/v1/evidence/${soon.id}`, { version: current.version, validUntil: inDays(todayIn('Australia/Sydney', now), 5) });
    expect(renewed.status).toBe(200);
    expect(await sendEvidenceReminders(server.deps, server.app.log)).toBe(1);
    const trail = (await owner.client.get(`/api/v1/audit-log?entityId=${soon.id}&action=evidence.reminder_sent`)).json<{ items: Array<{ actorLabel: string }> }>();
    expect(trail.items.map((e) => e.actorLabel)).toEqual(['Custodian (automatic)', 'Custodian (automatic)', 'Custodian (automatic)']);
  });
});
