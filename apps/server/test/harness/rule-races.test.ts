import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/modules/auth/totp.ts';
import { addMemberWithRole, goodPassword, lastMailTo, linkToken, newClient, signUpOwner, uniqueEmail, type TestClient } from '../test-client.ts';
import { addEvidence } from '../evidence-fixtures.ts';
import { startTestServer, type TestServer } from '../test-server.ts';

// The rules that span rows, each raced RACE_ROUNDS times in a row (20 unless set; `npm run races` runs
// this file on PGlite and on the PostgreSQL server). PGlite has one connection, so only the PostgreSQL
// run interleaves the transactions themselves; both interleave the requests' separate steps.

const rounds = Number(process.env.RACE_ROUNDS ?? 20);
const maxFailures = 3;
let server: TestServer;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

beforeAll(async () => {
  server = await startTestServer({ env: { LOGIN_MAX_FAILURES: String(maxFailures) }, clock: now });
});
afterAll(async () => server.close());

const login = (email: string, password: string, client: TestClient = newClient(server.app)) =>
  client.request('POST', '/api/v1/auth/login', { email, password });

async function eventCount(orgId: string, action: string, entityId?: string): Promise<number> {
  const rows = await server.ownerQuery<{ n: string }>(
    `select count(*)::text as n from audit_events where org_id = $1 and action = $2 and ($3::text is null or entity_id = $3)`,
    [orgId, action, entityId ?? null],
  );
  return Number(rows[0]?.n);
}

async function eventSeq(orgId: string, action: string, entityId: string): Promise<number | null> {
  const rows = await server.ownerQuery<{ seq: string }>('select seq::text from audit_events where org_id = $1 and action = $2 and entity_id = $3', [
    orgId,
    action,
    entityId,
  ]);
  return rows[0] ? Number(rows[0].seq) : null;
}

async function ownersAndMembers(orgId: string) {
  const rows = await server.ownerQuery<{ owners: string; members: string }>(
    `select count(*) filter (where role = 'owner')::text as owners, count(*)::text as members from memberships where org_id = $1`,
    [orgId],
  );
  return { owners: Number(rows[0]?.owners), members: Number(rows[0]?.members) };
}

describe(`rules that span rows, ${rounds} rounds each`, () => {
  it('counts failed sign-ins atomically: of 20 parallel wrong passwords at most the limit are checked, for accounts and unknown addresses', async () => {
    for (let round = 0; round < rounds; round += 1) {
      const owner = await signUpOwner(server);
      const unknown = uniqueEmail('nobody');
      const replies = await Promise.all([
        ...Array.from({ length: 20 }, () => login(owner.email, 'wrong password here')),
        ...Array.from({ length: 20 }, () => login(unknown, 'wrong password here')),
      ]);
      const statuses = replies.map((r) => r.status);
      expect({ round, unexpected: statuses.filter((s) => ![401, 423, 429].includes(s)) }).toEqual({ round, unexpected: [] });
      const checked = (await eventCount(owner.orgId, 'user.sign_in_failed')) + (await eventCount(owner.orgId, 'user.locked'));
      expect({ round, checked, locked: await eventCount(owner.orgId, 'user.locked') }).toEqual({ round, checked: maxFailures, locked: 1 });
      expect({ round, known: statuses.slice(0, 20).filter((s) => s === 401).length, unknown: statuses.slice(20).filter((s) => s === 401).length }).toEqual({
        round,
        known: maxFailures - 1,
        unknown: maxFailures - 1,
      });
      expect((await login(owner.email, goodPassword)).status).toBe(423);
      expect((await login(unknown, goodPassword)).status).toBe(423);
    }
  }, 600_000);

  it('claims a TOTP time step once: one fresh code sent on six sessions at once signs in one of them', async () => {
    const owner = await signUpOwner(server);
    const setup = await owner.client.request('POST', '/api/v1/auth/mfa/setup');
    const secret = setup.json<{ secret: string }>().secret;
    expect((await owner.client.request('POST', '/api/v1/auth/mfa/confirm', { code: await currentTotp(secret, now()) })).status).toBe(200);
    for (let round = 0; round < rounds; round += 1) {
      offsetMs += 30_000; // the next time step: unused so far
      const clients = Array.from({ length: 6 }, () => newClient(server.app));
      for (const client of clients) expect((await login(owner.email, goodPassword, client)).json()).toEqual({ status: 'mfa_required' });
      const code = await currentTotp(secret, now());
      const statuses = (await Promise.all(clients.map((client) => client.request('POST', '/api/v1/auth/mfa/challenge', { code })))).map((r) => r.status);
      expect({ round, signedIn: statuses.filter((s) => s === 200).length, refused: statuses.filter((s) => s === 401 || s === 423).length }).toEqual({
        round,
        signedIn: 1,
        refused: 5,
      });
      // The refused replays count as failures (the later ones answer that the account is locked); the
      // next round starts clean.
      await server.ownerQuery('update users set failed_logins = 0, locked_until = null where id = $1', [owner.userId]);
    }
  }, 600_000);

  it('keeps the last owner under the organisation lock: of two owners demoting or removing each other at once, one wins', async () => {
    for (let round = 0; round < rounds; round += 1) {
      const first = await signUpOwner(server);
      const second = await addMemberWithRole(server, first, 'owner');
      const isRemoval = round % 2 === 1;
      const act = (client: TestClient, target: string) =>
        isRemoval ? client.request('DELETE', `/api/v1/members/${target}`) : client.request('PATCH', `/api/v1/members/${target}`, { version: 1, role: 'staff' });
      const statuses = (await Promise.all([act(first.client, second.userId), act(second.client, first.userId)])).map((r) => r.status).sort();
      // The loser is refused as the last owner (409), or, when the winner committed before the loser's
      // request began, because the loser is no longer an owner or member (403/401).
      expect({ round, isRemoval, winner: statuses[0], loserRefused: [401, 403, 409].includes(statuses[1] ?? 0) }).toEqual({
        round,
        isRemoval,
        winner: 200,
        loserRefused: true,
      });
      const left = await ownersAndMembers(first.orgId);
      expect({ round, ...left }).toEqual({ round, owners: 1, members: isRemoval ? 1 : 2 });
    }
  }, 600_000);

  it('revokes invitations with their sender: an acceptance racing the sender’s removal or demotion happens wholly before it or is refused', async () => {
    const owner = await signUpOwner(server);
    const outcomes = { acceptedFirst: 0, acceptedBeforeDemotion: 0, refused: 0 };
    for (let round = 0; round < rounds; round += 1) {
      const manager = await addMemberWithRole(server, owner, 'isms_manager');
      const invitee = uniqueEmail('invitee');
      const sent = await manager.client.request('POST', '/api/v1/invitations', { email: invitee, role: 'contributor' });
      expect(sent.status).toBe(201);
      const invitationId = sent.json<{ id: string }>().id;
      const token = linkToken((await lastMailTo(server, invitee)).body_text, '/accept-invitation');
      const isRemoval = round % 2 === 0;
      const members = (await owner.client.get('/api/v1/members?limit=200')).json<{ items: Array<{ userId: string; version: number }> }>().items;
      const version = members.find((m) => m.userId === manager.userId)?.version ?? 1;
      // The sender's loss of the right starts up to ~150 ms after the acceptance (which hashes a password
      // between its transactions), so some rounds land before, during and after its transaction.
      const delay = (round * 37) % 150;
      const [accepted, changed] = await Promise.all([
        newClient(server.app).request('POST', '/api/v1/auth/accept-invitation', { token, name: 'Invited Person', password: goodPassword }),
        new Promise((resolve) => setTimeout(resolve, delay)).then(() =>
          isRemoval
            ? owner.client.request('DELETE', `/api/v1/members/${manager.userId}`)
            : owner.client.request('PATCH', `/api/v1/members/${manager.userId}`, { version, role: 'staff' }),
        ),
      ]);
      expect({ round, changed: changed.status }).toEqual({ round, changed: 200 });
      const [row] = await server.ownerQuery<{ accepted: boolean; revoked: boolean }>(
        'select accepted_at is not null as accepted, revoked_at is not null as revoked from invitations where org_id = $1 and id = $2',
        [owner.orgId, invitationId],
      );
      const [joined] = await server.ownerQuery<{ n: string }>(
        'select count(*)::text as n from memberships m join users u on u.id = m.user_id where m.org_id = $1 and u.email = $2',
        [owner.orgId, invitee],
      );
      const lossSeq = await eventSeq(owner.orgId, isRemoval ? 'member.removed' : 'member.role_changed', manager.userId);
      if (accepted.status === 200) {
        outcomes.acceptedFirst += 1;
        if (!isRemoval) outcomes.acceptedBeforeDemotion += 1;
        const acceptSeq = await eventSeq(owner.orgId, 'invitation.accepted', invitationId);
        expect({ round, row, joined: joined?.n, acceptedBeforeLoss: acceptSeq !== null && lossSeq !== null && acceptSeq < lossSeq }).toEqual({
          round,
          row: { accepted: true, revoked: false },
          joined: '1',
          acceptedBeforeLoss: true,
        });
      } else {
        outcomes.refused += 1;
        expect({
          round,
          status: accepted.status,
          row,
          joined: joined?.n,
          audited: await eventCount(owner.orgId, 'invitation.revoked_with_sender', invitationId),
        }).toEqual({
          round,
          status: 404,
          row: { accepted: false, revoked: true },
          joined: '0',
          audited: 1,
        });
      }
    }
    expect(outcomes.acceptedFirst + outcomes.refused).toBe(rounds);
    console.info(
      `invitation races: ${outcomes.acceptedFirst} accepted before the sender lost the right (${outcomes.acceptedBeforeDemotion} of them before a demotion), ${outcomes.refused} refused`,
    );
  }, 600_000);
  it('links evidence to a control of the practice’s own while the control is deleted: the link is refused or the deletion is, never a link to a deleted control', async () => {
    const owner = await signUpOwner(server);
    const outcomes = { linkedFirst: 0, deletedFirst: 0 };
    for (let round = 0; round < rounds; round += 1) {
      const control = (await owner.client.request('POST', '/api/v1/controls', { title: `Own control ${round}` })).json<{ controlId: string }>();
      const item = await addEvidence(owner.client, { kind: 'note', title: `Checked ${round}`, note: 'Checked at the team meeting.' });
      const url = `/api/v1/controls/${encodeURIComponent(control.controlId)}`;
      const [linked, deleted] = await Promise.all([
        owner.client.request('POST', `/api/v1/evidence/${item.id}/links`, { targetKind: 'control', targetId: control.controlId }),
        owner.client.request('DELETE', url),
      ]);
      expect({ round, statuses: [linked.status, deleted.status].sort() }).toSatisfy(({ statuses }: { statuses: number[] }) => ['200,409', '200,400'].includes(statuses.join(',')));
      const orphans = await server.ownerQuery<{ n: string }>(
        `select count(*)::text as n from evidence_links l where l.target_id = $1 and not exists (select 1 from org_controls c where 'org:' || c.id::text = l.target_id)`,
        [control.controlId],
      );
      expect({ round, orphans: Number(orphans[0]?.n) }).toEqual({ round, orphans: 0 });
      if (deleted.status === 409) outcomes.linkedFirst += 1;
      else outcomes.deletedFirst += 1;
    }
    console.info(`own-control link races: ${outcomes.linkedFirst} linked first (deletion refused), ${outcomes.deletedFirst} deleted first (link refused)`);
  }, 600_000);
});
