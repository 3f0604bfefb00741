import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEvidence } from '../../../test/evidence-fixtures.ts';
import { addMemberWithRole, newClient, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { todayIn } from '../../lib/dates.ts';
import { sendObligationReminders } from './obligation-reminders.service.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const inDays = (n: number) => {
  const today = todayIn('Australia/Sydney', new Date());
  return new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)) + n)).toISOString().slice(0, 10);
};

/** The feed read back with a real iCalendar parser: each event's UID, day, summary and description. */
function parseFeed(text: string): Array<{ uid: string; day: string; isDate: boolean; summary: string; description: string }> {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return { uid: event.uid, day: event.startDate.toString(), isDate: event.startDate.isDate, summary: event.summary, description: event.description };
  });
}

async function fetchFeed(url: string) {
  const path = url.replace(/^https?:\/\/[^/]+/, '');
  return newClient(server.app).get(path);
}

describe('the calendar feed and the reminders', { timeout: 90_000 }, () => {
  it('holds every open dated obligation as an all-day event, parsed by a real iCalendar parser; revoked and replaced links are 404', async () => {
    const owner = await signUpOwner(server, { name: 'Dr Jane Lee' });
    const staff = await addMemberWithRole(server, owner, 'staff');
    expect((await owner.client.request('POST', '/api/v1/plan', { targetStage2On: inDays(200) })).status).toBe(201);
    // A title with every character iCalendar escapes, long enough to be folded, and not ASCII.
    const tricky = 'Backups; restore test, offsite\\cloud — “quarterly” check of the practice management system’s nightly copies';
    const risk = (await owner.client.request('POST', '/api/v1/risks', { title: tricky, inherent: { likelihood: 3, impact: 4 }, nextReviewOn: inDays(5), ownerUserId: owner.userId })).json<{ id: string; ref: string }>();
    const task = await owner.client.request('POST', `/api/v1/risks/${risk.id}/tasks`, { title: 'Encrypt the backup drive', ownerUserId: staff.userId, dueOn: inDays(3) });
    expect(task.status).toBe(201);
    const doneTask = await owner.client.request('POST', `/api/v1/risks/${risk.id}/tasks`, { title: 'Already done', dueOn: inDays(2), status: 'done' });
    expect(doneTask.status).toBe(201);
    const evidence = await addEvidence(owner.client, { kind: 'note', title: 'Insurance certificate', note: 'x', ownerUserId: owner.userId, validUntil: inDays(-3) });
    const plan = (await owner.client.get('/api/v1/plan')).json<{ milestones: Array<{ id: string; title: string; dueOn: string }> }>();

    expect((await newClient(server.app).get('/api/v1/calendar.ics?token=cal_nothing')).status).toBe(404);
    const status = (await owner.client.get('/api/v1/calendar-feed')).json<{ isIssued: boolean }>();
    expect(status.isIssued).toBe(false);
    const issued = await owner.client.request('POST', '/api/v1/calendar-feed');
    expect(issued.status).toBe(201);
    const { url } = issued.json<{ url: string }>();
    const stored = await server.ownerQuery<{ token_hash: string }>('select token_hash from calendar_feeds where org_id = $1', [owner.orgId]);
    expect(url).not.toContain(stored[0]?.token_hash ?? 'x');

    const reply = await fetchFeed(url);
    expect(reply.status).toBe(200);
    expect(String(reply.headers['content-type'])).toContain('text/calendar');
    const text = reply.raw.body;
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const events = parseFeed(text);
    const host = new URL(url).host;
    const expected = [
      { uid: `risk-review:${risk.id}@${host}`, day: inDays(5), summary: `Review the risk ${risk.ref} ${tricky}` },
      { uid: `risk-treatment-task:${JSON.parse((task.raw.body as string))?.id as string}@${host}`, day: inDays(3), summary: `Treatment of ${risk.ref}: Encrypt the backup drive` },
      { uid: `evidence-expiry:${evidence.id}:${inDays(-3)}@${host}`, day: inDays(-3), summary: 'Renew the evidence “Insurance certificate”' },
      ...plan.milestones.map((m) => ({ uid: `plan-milestone:${m.id}@${host}`, day: m.dueOn, summary: `Milestone: ${m.title}` })),
    ];
    expect(events.map(({ uid, day, summary }) => ({ uid, day, summary })).sort((a, b) => a.uid.localeCompare(b.uid))).toEqual(expected.sort((a, b) => a.uid.localeCompare(b.uid)));
    expect(events.every((e) => e.isDate)).toBe(true);
    expect(events.find((e) => e.uid.startsWith('risk-treatment-task'))?.description).toContain('Owner: Member staff.');

    // Staff see their own obligations only.
    const staffUrl = (await staff.client.request('POST', '/api/v1/calendar-feed')).json<{ url: string }>().url;
    expect(parseFeed((await fetchFeed(staffUrl)).raw.body).map((e) => e.summary)).toEqual([`Treatment of ${risk.ref}: Encrypt the backup drive`]);

    // Re-issuing replaces the address; revoking ends it.
    const again = (await owner.client.request('POST', '/api/v1/calendar-feed')).json<{ url: string }>().url;
    expect((await fetchFeed(url)).status).toBe(404);
    expect((await fetchFeed(again)).status).toBe(200);
    expect((await owner.client.request('DELETE', '/api/v1/calendar-feed')).status).toBe(200);
    expect((await fetchFeed(again)).status).toBe(404);
    expect((await owner.client.request('DELETE', '/api/v1/calendar-feed')).status).toBe(404);
  });

  it('e-mails each owner once per obligation and stage, even from two runs at once, and leaves risk reviews and evidence to their own jobs', async () => {
    const owner = await signUpOwner(server, { name: 'Dr Sam Wu', organisationName: 'Harbour GP' });
    const manager = await addMemberWithRole(server, owner, 'isms_manager');
    expect((await owner.client.request('POST', '/api/v1/plan', { targetStage2On: inDays(200) })).status).toBe(201);
    const soon = (await owner.client.request('POST', '/api/v1/plan/milestones', { step: 'documents', title: 'Policies drafted', ownerUserId: manager.userId, dueOn: inDays(3) })).json<{ id: string; version: number }>();
    await owner.client.request('POST', '/api/v1/plan/milestones', { step: 'risk', title: 'Risk workshop', ownerUserId: owner.userId, dueOn: inDays(-2) });
    await owner.client.request('POST', '/api/v1/plan/milestones', { step: 'risk', title: 'Nobody owns it', dueOn: inDays(-2) });
    const risk = (await owner.client.request('POST', '/api/v1/risks', { title: 'Phishing', inherent: { likelihood: 3, impact: 4 }, nextReviewOn: inDays(1), ownerUserId: owner.userId })).json<{ id: string; ref: string }>();
    await owner.client.request('POST', `/api/v1/risks/${risk.id}/tasks`, { title: 'Phishing drill', ownerUserId: manager.userId, dueOn: inDays(-1) });
    const mails = async () =>
      server.ownerQuery<{ to_address: string; subject: string; body_text: string }>("select to_address, subject, body_text from outbox where org_id = $1 and (subject like 'Due soon:%' or subject like 'Overdue:%') order by subject", [
        owner.orgId,
      ]);

    // Two runs at once (over every organisation of the server): each of this organisation's reminders goes once.
    await Promise.all([sendObligationReminders(server.deps, server.app.log), sendObligationReminders(server.deps, server.app.log)]);
    const first = await mails();
    expect(first.map((m) => [m.to_address, m.subject])).toEqual([
      [manager.email, 'Due soon: Milestone: Policies drafted (Harbour GP)'],
      [owner.email, 'Overdue: Milestone: Risk workshop (Harbour GP)'],
      [manager.email, `Overdue: Treatment of ${risk.ref}: Phishing drill (Harbour GP)`],
    ]);
    expect(first[0]?.body_text).toContain(`is due on ${inDays(3).split('-').reverse().join('/')}`);
    expect(await sendObligationReminders(server.deps, server.app.log)).toBe(0);
    expect(await mails()).toHaveLength(3);

    // A new due date is a new reminder; a milestone marked done gets none.
    const moved = await owner.client.request('PATCH', `/api/v1/plan/milestones/${soon.id}`, { version: soon.version, dueOn: inDays(5) });
    expect(moved.status).toBe(200);
    expect(await sendObligationReminders(server.deps, server.app.log)).toBe(1);
    const ledger = await server.ownerQuery<{ n: string }>('select count(*)::text as n from obligation_reminders where org_id = $1', [owner.orgId]);
    expect(ledger[0]?.n).toBe('4');
    const current = moved.json<{ version: number }>();
    await owner.client.request('PATCH', `/api/v1/plan/milestones/${soon.id}`, { version: current.version, isDone: true, dueOn: inDays(2) });
    expect(await sendObligationReminders(server.deps, server.app.log)).toBe(0);
  });
});
