import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/read-document.ts';
import { addMemberWithRole, goodPassword, newClient, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { runAsMember } from '../../core/transaction.ts';
import { sendTrainingReminders } from './training-reminders.service.ts';
import { trainingObligations, trainingPackFiles } from './training.service.ts';

let server: TestServer;
let now = new Date('2027-03-01T01:00:00Z'); // 12:00 on 01/03/2027 in Sydney
beforeAll(async () => {
  server = await startTestServer({ clock: () => now });
});
afterAll(async () => server.close());

const path = '/api/v1/training';
interface Item {
  id: string;
  title: string;
  version: number;
  assignments: Array<{ targetKind: string; label: string }>;
}
interface Mine {
  items: Array<{ itemId: string; status: string; dueOn: string | null; lastCompletedOn: string | null }>;
}

async function signIn(email: string) {
  const client = newClient(server.app);
  const login = await client.request('POST', '/api/v1/auth/login', { email, password: goodPassword });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return client;
}

async function addItem(client: Awaited<ReturnType<typeof signIn>>, body: Record<string, unknown>): Promise<Item> {
  const reply = await client.request('POST', path, { kind: 'content', content: 'Lock your screen.\n\nReport phishing.', frequency: 'once', ...body });
  expect(reply.status).toBe(201);
  return reply.json<Item>();
}

const mails = async (orgId: string) =>
  (await server.ownerQuery<{ to_address: string; subject: string }>("select to_address, subject from outbox where org_id = $1 and subject like '%training%' order by created_at, subject", [orgId])).map(
    (m) => `${m.to_address} ${m.subject}`,
  );

describe('awareness training', () => {
  it('keeps items of written content or https links, refuses a stale change and never deletes records', async () => {
    now = new Date('2027-03-01T01:00:00Z');
    const owner = await signUpOwner(server);
    const item = await addItem(owner.client, { title: 'Phishing basics (demo)' });
    const http = await owner.client.request('POST', path, { kind: 'link', title: 'Course', url: 'http://example.com/course', frequency: 'yearly' });
    expect(http.status).toBe(400);
    expect(JSON.stringify(http.json())).toContain('must be a web address starting with https://');
    expect((await owner.client.request('POST', path, { kind: 'link', title: 'Course', url: 'javascript:alert(1)', frequency: 'yearly' })).status).toBe(400);
    const link = await owner.client.request('POST', path, { kind: 'link', title: 'Privacy course', url: 'https://learning.example.com/privacy', frequency: 'yearly', dueDays: 14 });
    expect(link.json()).toMatchObject({ kind: 'link', url: 'https://learning.example.com/privacy', frequency: 'yearly', dueDays: 14 });
    await owner.client.request('PATCH', `${path}/${item.id}`, { version: item.version, title: 'Phishing basics v2 (demo)' });
    const stale = await owner.client.request('PATCH', `${path}/${item.id}`, { version: item.version, dueDays: 5 });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { details: { current: Item } } }>().error.details.current.title).toBe('Phishing basics v2 (demo)');

    await owner.client.request('POST', `${path}/${item.id}/assignments`, { targetKind: 'member', targetId: owner.userId });
    expect((await owner.client.request('POST', `/api/v1/my-training/${item.id}/complete`, { completedOn: '2027-03-01' })).status).toBe(201);
    const refused = await owner.client.request('DELETE', `${path}/${item.id}`);
    expect(refused.status).toBe(409);
    const stranger = await signUpOwner(server);
    expect((await stranger.client.get(`${path}/${item.id}`)).status).toBe(404);
    expect((await stranger.client.request('POST', `/api/v1/my-training/${item.id}/complete`, { completedOn: '2027-03-01' })).status).toBe(404);
  });

  it('counts due and overdue on the organisation’s calendar (Sydney), not UTC’s, and e-mails each stage once', async () => {
    now = new Date('2027-03-01T01:00:00Z');
    const owner = await signUpOwner(server);
    const staff = await addMemberWithRole(server, owner, 'staff');
    const item = await addItem(owner.client, { title: 'Clean desk', dueDays: 10 });
    expect((await owner.client.request('POST', `${path}/${item.id}/assignments`, { targetKind: 'role', targetId: 'staff' })).status).toBe(200);
    const mine = async () => (await (await signIn(staff.email)).get('/api/v1/my-training')).json<Mine>().items;
    expect(await mine()).toMatchObject([{ itemId: item.id, status: 'due', dueOn: '2027-03-11' }]);

    // 20:00 UTC on 10/03 is 07:00 on 11/03 in Sydney: the due day is today there (tomorrow in UTC).
    now = new Date('2027-03-10T20:00:00Z');
    expect(await mine()).toMatchObject([{ status: 'due', dueOn: '2027-03-11' }]);
    const both = await Promise.all([sendTrainingReminders(server.deps, server.app.log), sendTrainingReminders(server.deps, server.app.log)]);
    expect(both[0] + both[1]).toBe(1);
    expect(await mails(owner.orgId)).toEqual([`${staff.email} Due soon: training “Clean desk” (Bayside Physio)`]);

    // 20:00 UTC on 11/03 is still the due day in UTC but the day after in Sydney: overdue.
    now = new Date('2027-03-11T20:00:00Z');
    expect(await mine()).toMatchObject([{ status: 'overdue' }]);
    const coverage = (await (await signIn(owner.email)).get('/api/v1/training-coverage')).json<{ today: string; items: Array<{ overdue: number; percentComplete: number }>; people: Array<{ name: string; overdue: number }> }>();
    expect(coverage.today).toBe('2027-03-12');
    expect(coverage.items).toMatchObject([{ overdue: 1, percentComplete: 0 }]);
    expect(coverage.people).toMatchObject([{ name: 'Member staff', overdue: 1 }]);
    expect(await sendTrainingReminders(server.deps, server.app.log)).toBe(1);
    expect(await sendTrainingReminders(server.deps, server.app.log)).toBe(0);
    expect((await mails(owner.orgId))[1]).toBe(`${staff.email} Overdue: training “Clean desk” (Bayside Physio)`);

    // The organisation's today (12/03) may be recorded, though UTC is still on 11/03; the 13th is the future.
    const staffClient = await signIn(staff.email);
    const future = await staffClient.request('POST', `/api/v1/my-training/${item.id}/complete`, { completedOn: '2027-03-13' });
    expect(future.status).toBe(400);
    expect(future.json<{ error: { message: string } }>().error.message).toBe('The completion date cannot be in the future: today is 12/03/2027.');
    expect((await staffClient.request('POST', `/api/v1/my-training/${item.id}/complete`, { completedOn: '2027-03-12', evidenceNote: 'Read it' })).status).toBe(201);
    expect(await mine()).toMatchObject([{ status: 'complete', dueOn: null, lastCompletedOn: '2027-03-12' }]);
    const again = await staffClient.request('POST', `/api/v1/my-training/${item.id}/complete`, { completedOn: '2027-03-12' });
    expect(again.status).toBe(409);
  });

  it('brings a yearly item due again a year after completion, records one of two completions at once, and lets a manager record with evidence', async () => {
    now = new Date('2027-03-01T01:00:00Z');
    const owner = await signUpOwner(server);
    const staff = await addMemberWithRole(server, owner, 'staff');
    const contributor = await addMemberWithRole(server, owner, 'contributor');
    const item = await addItem(owner.client, { title: 'Privacy refresher', frequency: 'yearly', dueDays: 30 });
    await owner.client.request('POST', `${path}/${item.id}/assignments`, { targetKind: 'member', targetId: staff.userId });
    const body = { completedOn: '2027-03-01' };
    const race = await Promise.all([staff.client.request('POST', `/api/v1/my-training/${item.id}/complete`, body), staff.client.request('POST', `/api/v1/my-training/${item.id}/complete`, body)]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    expect((await owner.client.get(`${path}/${item.id}/completions`)).json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await staff.client.get('/api/v1/my-training')).json<Mine>().items).toMatchObject([{ status: 'complete', dueOn: '2028-03-01' }]);
    const obligations = await runAsMember(
      { deps: server.deps, now, requestId: 'test', log: server.app.log },
      { actor: { userId: owner.userId, userLabel: 'Pat', orgId: owner.orgId, role: 'owner' }, org: { id: owner.orgId, name: 'Bayside Physio', timeZone: 'Australia/Sydney', isDemo: false, isMfaRequired: false }, email: owner.email, name: 'Pat' },
      (ctx) => trainingObligations(ctx),
      true,
    );
    expect(obligations).toMatchObject([{ kind: 'training', dueOn: '2028-03-01', ownerUserId: staff.userId, isDone: true, href: '/my-training' }]);

    // Eleven months on it opens again (30 days before it is due); a manager records it with evidence.
    now = new Date('2028-02-10T01:00:00Z');
    const manager = await signIn(owner.email);
    expect((await (await signIn(staff.email)).get('/api/v1/my-training')).json<Mine>().items).toMatchObject([{ status: 'due', dueOn: '2028-03-01' }]);
    expect((await manager.request('POST', `${path}/${item.id}/completions`, { userId: staff.userId, completedOn: '2028-02-09', evidenceNote: '' })).status).toBe(400);
    expect((await (await signIn(contributor.email)).request('POST', `${path}/${item.id}/completions`, { userId: staff.userId, completedOn: '2028-02-09', evidenceNote: 'Cert 12' })).status).toBe(403);
    const recorded = await manager.request('POST', `${path}/${item.id}/completions`, { userId: staff.userId, completedOn: '2028-02-09', evidenceNote: 'Certificate PR-2028-114' });
    expect(recorded.status).toBe(201);
    expect(recorded.json()).toMatchObject({ forDueOn: '2028-03-01', recordedByName: 'Pat Owner' });
    expect((await (await signIn(staff.email)).get('/api/v1/my-training')).json<Mine>().items).toMatchObject([{ status: 'complete', dueOn: '2029-02-09' }]);
    const trail = (await manager.get(`/api/v1/audit-log?entityId=${item.id}&action=training.completed`)).json<{ items: unknown[] }>();
    expect(trail.items).toHaveLength(2);
  });

  it('assigns to a team and shows coverage per team and per item, in the records PDF too', async () => {
    now = new Date('2027-03-01T01:00:00Z');
    const owner = await signUpOwner(server);
    const alex = await addMemberWithRole(server, owner, 'staff');
    const sam = await addMemberWithRole(server, owner, 'contributor');
    const reception = (await owner.client.request('POST', '/api/v1/training-teams', { name: 'Reception' })).json<{ id: string }>();
    const clinical = (await owner.client.request('POST', '/api/v1/training-teams', { name: 'Clinical' })).json<{ id: string }>();
    expect((await owner.client.request('POST', '/api/v1/training-teams', { name: 'reception' })).status).toBe(409);
    expect((await owner.client.request('PUT', '/api/v1/training-teams/membership', { userId: alex.userId, teamId: reception.id })).status).toBe(200);
    await owner.client.request('PUT', '/api/v1/training-teams/membership', { userId: sam.userId, teamId: clinical.id });
    const item = await addItem(owner.client, { title: 'Front desk privacy' });
    const assigned = await owner.client.request('POST', `${path}/${item.id}/assignments`, { targetKind: 'team', targetId: reception.id });
    expect(assigned.json<Item>().assignments).toMatchObject([{ targetKind: 'team', label: 'Reception' }]);
    expect((await sam.client.get('/api/v1/my-training')).json<Mine>().items).toEqual([]);
    expect((await alex.client.request('POST', `/api/v1/my-training/${item.id}/complete`, { completedOn: '2027-03-01' })).status).toBe(201);

    const coverage = (await owner.client.get('/api/v1/training-coverage')).json<{ teams: Array<Record<string, unknown>>; items: Array<Record<string, unknown>> }>();
    expect(coverage.teams).toEqual([
      { teamId: clinical.id, name: 'Clinical', people: 1, assigned: 0, complete: 0, due: 0, overdue: 0, percentComplete: 0 },
      { teamId: reception.id, name: 'Reception', people: 1, assigned: 1, complete: 1, due: 0, overdue: 0, percentComplete: 100 },
    ]);
    expect(coverage.items).toMatchObject([{ title: 'Front desk privacy', assigned: 1, complete: 1, percentComplete: 100 }]);
    expect((await alex.client.get('/api/v1/training-coverage')).status).toBe(403);

    const files = await runAsMember(
      { deps: server.deps, now, requestId: 'test', log: server.app.log },
      { actor: { userId: owner.userId, userLabel: 'Pat', orgId: owner.orgId, role: 'owner' }, org: { id: owner.orgId, name: 'Bayside Physio', timeZone: 'Australia/Sydney', isDemo: false, isMfaRequired: false }, email: owner.email, name: 'Pat' },
      (ctx) => trainingPackFiles(ctx),
      true,
    );
    expect(files.map((f) => f.path)).toEqual(['training/training-records.pdf']);
    const text = (await pdfText(Buffer.from(files[0]?.bytes ?? []))).replace(/\s+/g, ' ');
    expect(text).toContain('Awareness training records');
    expect(text).toContain('Reception 1 1 1 100 %');
    expect(text).toContain('01/03/2027 Member staff Front desk privacy');
  });
});
