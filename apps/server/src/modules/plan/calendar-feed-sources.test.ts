import ICAL from 'ical.js';
import type { Certificate } from '@custodian/shared/contracts/certification.ts';
import type { PlanView } from '@custodian/shared/contracts/plan.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEvidence } from '../../../test/evidence-fixtures.ts';
import { addMemberWithRole, goodPassword, newClient, signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

/**
 * The acceptance of the calendar feed: it holds every dated obligation of the ISMS. Each module's
 * records are made through the HTTP API, the dates expected are read back from that module's own API
 * (not from the obligation sources the feed uses), so a source left out of the feed fails this test.
 */

// 23:30 on 10/03/2027 in Perth, already 02:30 on 11/03 in Sydney: a day taken from Sydney is wrong.
let now = new Date('2027-03-10T15:30:00Z');
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
});
afterAll(async () => server.close());

interface FeedEvent {
  uid: string;
  day: string;
  isDate: boolean;
  endDay: string;
  summary: string;
  description: string;
}

/** The feed read back with a real iCalendar parser. */
function parseFeed(text: string): { timeZone: string; events: FeedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return { uid: event.uid, day: event.startDate.toString(), isDate: event.startDate.isDate, endDay: event.endDate.toString(), summary: event.summary, description: event.description };
  });
  return { timeZone: String(calendar.getFirstPropertyValue('x-wr-timezone')), events };
}

async function ok<T>(reply: Promise<{ status: number; json: <U>() => U; body: unknown }>, status = 200): Promise<T> {
  const r = await reply;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.json<T>();
}

/** A fresh sign-in (the sessions made before the clock moved on have gone idle). */
async function signIn(email: string): Promise<TestClient> {
  const client = newClient(server.app);
  await ok(client.request('POST', '/api/v1/auth/login', { email, password: goodPassword }));
  return client;
}

const auDay = (day: string) => day.split('-').reverse().join('/');
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Another organisation's dated work, none of which may reach the first organisation's feed. */
async function seedOtherOrganisation(): Promise<{ words: string[]; ids: string[] }> {
  const other = await signUpOwner(server, { organisationName: 'Harbour GP' });
  await ok(other.client.request('POST', '/api/v1/plan', { targetStage2On: '2027-11-01' }), 201);
  const risk = await ok<{ id: string }>(other.client.request('POST', '/api/v1/risks', { title: 'Harbour GP lost laptop', inherent: { likelihood: 2, impact: 3 }, nextReviewOn: '2027-04-01', ownerUserId: other.userId }), 201);
  const evidence = await addEvidence(other.client, { kind: 'note', title: 'Harbour GP insurance', note: 'x', validUntil: '2027-05-01' });
  return { words: ['Harbour GP'], ids: [other.orgId, other.userId, risk.id, evidence.id] };
}

describe('the calendar feed holds every dated obligation', { timeout: 120_000 }, () => {
  it('one all-day event per open obligation of every module, on the day each module’s own API gives, in the organisation’s zone, and nothing of another organisation', async () => {
    const owner = await signUpOwner(server, { name: 'Dr Jane Lee', organisationName: 'Cottesloe Family Practice' });
    const staff = await addMemberWithRole(server, owner, 'staff');
    const manager = await addMemberWithRole(server, owner, 'isms_manager');
    const org = await ok<{ version: number }>(owner.client.get('/api/v1/org'));
    await ok(owner.client.request('PATCH', '/api/v1/org', { version: org.version, timeZone: 'Australia/Perth' }));
    const other = await seedOtherOrganisation();

    // The plan and its default milestones.
    const plan = await ok<PlanView>(owner.client.request('POST', '/api/v1/plan', { targetStage2On: '2027-12-01' }), 201);

    // An approved policy (review date), and a staff member asked to acknowledge it, today in Perth (10/03).
    const doc = await ok<{ id: string }>(owner.client.request('POST', '/api/v1/documents', { templateKey: 'information-security' }), 201);
    const draft = await ok<{ version: number }>(owner.client.get(`/api/v1/documents/${doc.id}`));
    const approved = await ok<{ name: string; nextReviewOn: string }>(owner.client.request('POST', `/api/v1/documents/${doc.id}/approve`, { version: draft.version, isMajor: true, changeNote: 'First issue' }));
    await ok(owner.client.request('POST', `/api/v1/documents/${doc.id}/assignments`, { userId: staff.userId }), 201);

    // 01:00 on 11/03 in Perth, still 10/03 in UTC: a day taken from UTC is wrong.
    now = new Date('2027-03-10T17:00:00Z');
    owner.client = await signIn(owner.email);
    staff.client = await signIn(staff.email);
    const item = await ok<{ id: string }>(owner.client.request('POST', '/api/v1/training', { kind: 'content', title: 'Phishing basics', content: 'Report phishing.', frequency: 'once', dueDays: 10 }), 201);
    await ok(owner.client.request('POST', `/api/v1/training/${item.id}/assignments`, { targetKind: 'member', targetId: staff.userId }));
    const myTraining = await ok<{ items: Array<{ itemId: string; dueOn: string | null }> }>(staff.client.get('/api/v1/my-training'));

    const audit = await ok<{ id: string; plannedStart: string }>(
      owner.client.request('POST', '/api/v1/audits', { title: 'Annual ISMS audit', scopeClauses: ['9'], criteria: 'ISO/IEC 27001:2022', plannedStart: '2027-05-03', plannedEnd: '2027-05-04', auditorUserId: manager.userId }),
      201,
    );
    const review = await ok<{ id: string; plannedOn: string }>(owner.client.request('POST', '/api/v1/management-reviews', { title: 'First management review', plannedOn: '2027-06-07', chairUserId: owner.userId }), 201);

    const nc = await ok<{ id: string; ref: string }>(owner.client.request('POST', '/api/v1/nonconformities', { source: 'incident', severity: 'minor', title: 'Patient records left on the front desk' }), 201);
    type NcDetail = { actions: Array<{ id: string; version: number; description: string; dueOn: string }> };
    const addAction = async (description: string, dueOn: string) => {
      const detail = await ok<NcDetail>(owner.client.request('POST', `/api/v1/nonconformities/${nc.id}/actions`, { description, ownerUserId: manager.userId, dueOn }), 201);
      const added = detail.actions.find((a) => a.description === description);
      if (!added) throw new Error(`no action ${description}`);
      return added;
    };
    const action = await addAction('Clear-desk check at closing', '2027-03-05');
    const done = await addAction('Already done: lockable drawer fitted', '2027-03-08');
    await ok(owner.client.request('PATCH', `/api/v1/nonconformities/${nc.id}/actions/${done.id}`, { version: done.version, isCompleted: true }));

    const cert = await ok<Certificate>(owner.client.request('POST', '/api/v1/certification/certificates', { bodyName: 'Southern Cross Certification', scope: 'The ISMS of the practice', number: 'ISMS-0042', issuedOn: '2026-09-01' }), 201);
    const risk = await ok<{ id: string; ref: string; title: string; nextReviewOn: string }>(
      owner.client.request('POST', '/api/v1/risks', { title: 'Ransomware on the practice system', inherent: { likelihood: 3, impact: 4 }, nextReviewOn: '2027-04-15', ownerUserId: owner.userId }),
      201,
    );
    const evidence = await addEvidence(owner.client, { kind: 'note', title: 'Cyber insurance certificate', note: 'Policy 123', ownerUserId: owner.userId, validUntil: '2027-03-01' });

    const issued = await ok<{ url: string }>(owner.client.request('POST', '/api/v1/calendar-feed'), 201);
    const host = new URL(issued.url).host;
    const reply = await newClient(server.app).get(issued.url.replace(/^https?:\/\/[^/]+/, ''));
    expect(reply.status).toBe(200);
    const feed = parseFeed(reply.raw.body);

    // What each module's own API says is due, and the words a practice manager would read.
    const milestones = (await ok<PlanView>(owner.client.get('/api/v1/plan'))).milestones;
    expect(milestones).toHaveLength(plan.milestones.length);
    const trainingDue = myTraining.items.find((i) => i.itemId === item.id)?.dueOn;
    const certNow = await ok<Certificate>(owner.client.get(`/api/v1/certification/certificates/${cert.id}`));
    const certAudits = certNow.audits.filter((a) => a.heldOn === null && a.dueOn !== null);
    expect(certAudits.map((a) => a.kind)).toEqual(['surveillance1', 'surveillance2', 'recertification']);
    const certWords: Record<string, string> = {
      surveillance1: 'Book and hold the surveillance audit, year 1',
      surveillance2: 'Book and hold the surveillance audit, year 2',
      recertification: 'Book and hold the recertification audit',
    };
    const expected = [
      ...milestones.map((m) => ({ uid: `plan-milestone:${m.id}`, day: m.dueOn, summary: `Milestone: ${m.title}` })),
      { uid: `policy-review:${doc.id}:${approved.nextReviewOn}`, day: approved.nextReviewOn, summary: 'Review the Information security policy' },
      // Acknowledgement is due 14 days after approval, counted from the day in Perth (10/03), not Sydney's 11/03.
      { uid: `policy-acknowledgement:${doc.id}:1:${staff.userId}`, day: '2027-03-24', summary: 'Member staff: read and acknowledge the Information security policy' },
      // Assigned at 01:00 on 11/03 in Perth: due ten days from the 11th, not from UTC's 10th.
      { uid: `training:${item.id}:${staff.userId}:2027-03-21`, day: '2027-03-21', summary: 'Member staff: complete the training “Phishing basics”' },
      { uid: `internal-audit:${audit.id}`, day: audit.plannedStart, summary: 'Carry out the internal audit “Annual ISMS audit”' },
      { uid: `management-review:${review.id}`, day: review.plannedOn, summary: 'Hold the management review “First management review”' },
      { uid: `corrective-action:${action.id}`, day: action.dueOn, summary: `Corrective action for ${nc.ref}: Clear-desk check at closing` },
      ...certAudits.map((a) => ({ uid: `certification-audit:${cert.id}:${a.kind}`, day: a.dueOn ?? '', summary: certWords[a.kind] })),
      { uid: `certificate-expiry:${cert.id}`, day: certNow.expiresOn ?? '', summary: 'Certificate ISMS-0042 expires' },
      { uid: `risk-review:${risk.id}`, day: risk.nextReviewOn, summary: `Review the risk ${risk.ref} Ransomware on the practice system` },
      { uid: `evidence-expiry:${evidence.id}:${evidence.validUntil ?? ''}`, day: evidence.validUntil ?? '', summary: 'Renew the evidence “Cyber insurance certificate”' },
    ].map((e) => ({ ...e, uid: `${e.uid}@${host}` }));
    expect(trainingDue).toBe('2027-03-21');

    const byUid = (a: { uid: string }, b: { uid: string }) => a.uid.localeCompare(b.uid);
    expect(feed.events.map(({ uid, day, summary }) => ({ uid, day, summary })).sort(byUid)).toEqual(expected.sort(byUid));
    // 8 milestones; a review and an acknowledgement; training; an audit; a review; an action; 3 certificate audits and the expiry; a risk; evidence.
    expect(feed.events).toHaveLength(8 + 2 + 1 + 1 + 1 + 1 + 4 + 1 + 1);
    expect(new Set(feed.events.map((e) => e.uid)).size).toBe(feed.events.length);

    // All-day on the organisation's calendar: a date with no time, ending the next day; the calendar names the zone.
    expect(feed.timeZone).toBe('Australia/Perth');
    for (const event of feed.events) {
      expect(event.isDate).toBe(true);
      expect(event.endDay).toBe(nextDay(event.day));
      expect(event.description).toContain(`Due ${auDay(event.day)}.`);
      // Words, not codes: no ids, kinds or empty values in what a person reads.
      expect(event.summary).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|undefined|null|NaN|[a-z]+-[a-z]+:/);
    }
    expect(feed.events.find((e) => e.summary.startsWith('Corrective action'))?.description).toContain('Owner: Member isms_manager.');

    // Done obligations stay out; another organisation's never come in.
    expect(feed.events.some((e) => e.summary.includes('lockable drawer'))).toBe(false);
    const text = reply.raw.body;
    for (const word of [...other.words, ...other.ids]) expect(text).not.toContain(word);
  });
});
