import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import type { RiskReply } from '../../../test/risk-fixtures.ts';
import { nextDay, todayIn } from '../../lib/dates.ts';
import { sendRiskReviewReminders } from './risk-reminders.service.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const inDays = (n: number) => {
  let day = todayIn('Australia/Sydney', new Date());
  for (let i = 0; i < n; i += 1) day = nextDay(day);
  return day;
};

describe('risk review reminders', () => {
  it('e-mails the owner once per review date when a review is due within seven days or overdue', async () => {
    const owner = await signUpOwner(server, { name: 'Dr Jane Lee' });
    const add = async (title: string, fields: Record<string, unknown>) =>
      (await owner.client.request('POST', '/api/v1/risks', { title, inherent: { likelihood: 2, impact: 2 }, ownerUserId: owner.userId, ...fields })).json<RiskReply>();
    const soon = await add('Due soon', { nextReviewOn: inDays(3) });
    const overdue = await add('Overdue', { nextReviewOn: '2020-01-31' });
    await add('Later', { nextReviewOn: inDays(30) });
    await add('Closed', { nextReviewOn: '2020-01-31', status: 'closed' });
    await add('Nobody owns it', { nextReviewOn: '2020-01-31', ownerUserId: null });
    const mailsTo = async () =>
      server.ownerQuery<{ subject: string; body_text: string }>('select subject, body_text from outbox where org_id = $1 and to_address = $2 and subject like $3 order by subject', [
        owner.orgId,
        owner.email,
        '%review of risk%',
      ]);

    // Two runs at once (two servers, or a slow run overlapping the next) send each reminder once.
    const sent = await Promise.all([sendRiskReviewReminders(server.deps, server.app.log), sendRiskReviewReminders(server.deps, server.app.log)]);
    expect(sent[0] + sent[1]).toBe(2);
    const first = await mailsTo();
    expect(first.map((m) => m.subject)).toEqual([`Due soon: review of risk ${soon.ref} (Bayside Physio)`, `Overdue: review of risk ${overdue.ref} (Bayside Physio)`]);
    expect(first[1]?.body_text).toContain('Its review was due on 31/01/2020.');
    expect(first[1]?.body_text).toContain(`/risks/${overdue.id}`);

    await sendRiskReviewReminders(server.deps, server.app.log);
    expect(await mailsTo()).toHaveLength(2);

    // A new review date is a new reminder.
    await owner.client.request('PATCH', `/api/v1/risks/${soon.id}`, { version: soon.version, nextReviewOn: inDays(5) });
    await sendRiskReviewReminders(server.deps, server.app.log);
    expect(await mailsTo()).toHaveLength(3);
    const trail = (await owner.client.get(`/api/v1/audit-log?entityId=${overdue.id}&action=risk.review_reminder_sent`)).json<{ items: Array<{ actorLabel: string }> }>();
    expect(trail.items.map((e) => e.actorLabel)).toEqual(['Custodian (automatic)']);
  });
});
