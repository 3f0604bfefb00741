import { createHash, randomUUID } from 'node:crypto';
import { accountApi } from '@custodian/shared/contracts/account.ts';
import { goodPassword, lastMailTo, linkToken, newClient, signUpOwner, uniqueEmail } from '../../test-client.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry, type RaceRequest } from '../route-inventory.ts';
import { freshActor, freshSession, type Actor, type Jar, type World } from '../world.ts';
import { expectEqual, json } from './helpers.ts';

const nextPassword = 'changed harbour phrase 55';

/** A new person (own organisation) with a reset link just mailed to them. */
async function freshResetLink(world: World): Promise<{ email: string; token: string }> {
  const person = await signUpOwner(world.server, { organisationName: 'Reset Clinic' });
  const reply = await newClient(world.server.app).request('POST', '/api/v1/auth/password-reset/request', { email: person.email });
  if (reply.status !== 200) throw new Error(`reset request failed: ${reply.status}`);
  return { email: person.email, token: linkToken((await lastMailTo(world.server, person.email)).body_text, '/reset-password') };
}

/** A second session of the actor (signed in afresh); returns its shown id. */
async function secondSessionId(world: World, actor: Actor, app: Parameters<typeof send>[0]): Promise<string> {
  if (actor === 'anonymous') return randomUUID();
  const jar = await freshSession(world, actor);
  const list = json<{ items: Array<{ id: string; isCurrent: boolean }> }>(await send(app, jar, 'GET', '/api/v1/auth/sessions'));
  const id = list.items.find((s) => s.isCurrent)?.id;
  if (!id) throw new Error(`no session listed for ${actor}`);
  return id;
}

/** A new staff member of org A who asked to move to a new address; the link mailed there. */
async function freshEmailChangeLink(world: World): Promise<{ newEmail: string; token: string }> {
  const jar = await freshActor(world, 'staff');
  const newEmail = uniqueEmail('moved');
  const reply = await send(world.server.app, jar, 'POST', '/api/v1/auth/email-change', { body: { newEmail } });
  if (reply.status !== 200) throw new Error(`e-mail change request failed: ${reply.status} ${reply.text}`);
  return { newEmail, token: linkToken((await lastMailTo(world.server, newEmail)).body_text, '/confirm-email-change') };
}

/** The signed-in person's own address, read with their cookies ('' when nobody is signed in). */
async function ownEmail(app: Parameters<typeof send>[0], jar: Jar): Promise<string> {
  const session = json<{ user: { email: string } | null }>(await send(app, jar, 'GET', '/api/v1/auth/session'));
  return session.user?.email ?? uniqueEmail('nobody');
}

async function sessionCount(world: World, jar: Jar): Promise<number> {
  return json<{ items: unknown[] }>(await send(world.server.app, jar, 'GET', '/api/v1/auth/sessions')).items.length;
}

/** Password reset by e-mail, password change, e-mail address change and a person's own sessions. */
export const accountInventory: readonly InventoryEntry[] = [
  {
    ...fromRoute(accountApi.requestPasswordReset),
    request: () => ({ body: { email: uniqueEmail('forgot') } }),
    race: {
      // Two requests for one address at once: both answer alike and each sends its own link.
      requests: async ({ world }) => {
        const person = await signUpOwner(world.server, { organisationName: 'Race Reset Clinic' });
        const spec = { body: { email: person.email } };
        return [{ spec }, { spec }];
      },
      maxWins: 2,
      verify: async (world, _replies, requests) => {
        const email = (requests[0].spec.body as { email: string }).email;
        const rows = await world.server.ownerQuery<{ n: string }>('select count(*)::text as n from password_resets r join users u on u.id = r.user_id where u.email = $1', [email]);
        return expectEqual('reset links sent', Number(rows[0]?.n), 2);
      },
    },
  },
  {
    ...fromRoute(accountApi.checkPasswordReset),
    request: async ({ world }) => ({ body: { token: (await freshResetLink(world)).token } }),
    race: { skip: 'only reads whether a link can still be used; changes nothing' },
  },
  {
    ...fromRoute(accountApi.resetPassword),
    request: async ({ world }) => ({ body: { token: (await freshResetLink(world)).token, password: nextPassword } }),
    fuzz: { as: 'anonymous' },
    race: {
      // One link used twice at once: one new password, not two.
      requests: async ({ world }) => {
        const { token } = await freshResetLink(world);
        return [{ spec: { body: { token, password: 'first racing phrase 101' } } }, { spec: { body: { token, password: 'second racing phrase 202' } } }] as [RaceRequest, RaceRequest];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const winner = replies.findIndex((r) => r.status < 300);
        if (winner < 0) return [];
        const token = (requests[0].spec.body as { token: string }).token;
        const rows = await world.server.ownerQuery<{ email: string }>('select u.email from password_resets r join users u on u.id = r.user_id where r.token_hash = $1', [createHash('sha256').update(token).digest('hex')]);
        const password = (requests[winner]?.spec.body as { password: string }).password;
        const login = await newClient(world.server.app).request('POST', '/api/v1/auth/login', { email: rows[0]?.email, password });
        return expectEqual('sign-in with the winning password', login.status, 200);
      },
    },
  },
  {
    ...fromRoute(accountApi.changePassword),
    isolation: 'actor',
    request: () => ({ body: { currentPassword: goodPassword, newPassword: nextPassword } }),
    fuzz: { as: 'other_org' },
    race: {
      requests: async ({ world }) => {
        const jar = await freshActor(world, 'owner');
        return [
          { spec: { body: { currentPassword: goodPassword, newPassword: 'first parallel phrase 303' } }, jar },
          { spec: { body: { currentPassword: goodPassword, newPassword: 'second parallel phrase 404' } }, jar },
        ];
      },
      maxWins: 1,
    },
  },
  {
    ...fromRoute(accountApi.requestEmailChange),
    request: () => ({ body: { newEmail: uniqueEmail('new-address') } }),
    race: {
      // One person asks for two new addresses at once: both answer, and one link stays usable (the later one).
      requests: async ({ world }) => {
        const jar = await freshActor(world, 'owner');
        return [{ spec: { body: { newEmail: uniqueEmail('race-a') } }, jar }, { spec: { body: { newEmail: uniqueEmail('race-b') } }, jar }];
      },
      maxWins: 2,
      verify: async (world, _replies, requests) => {
        const addresses = requests.map((r) => (r.spec.body as { newEmail: string }).newEmail);
        const rows = await world.server.ownerQuery<{ n: string }>('select count(*)::text as n from email_changes where new_email = any($1) and used_at is null', [addresses]);
        return expectEqual('usable e-mail change links', Number(rows[0]?.n), 1);
      },
    },
  },
  {
    ...fromRoute(accountApi.confirmEmailChange),
    request: async ({ world }) => ({ body: { token: (await freshEmailChangeLink(world)).token } }),
    fuzz: { as: 'anonymous' },
    race: {
      // One link opened twice at once: the address changes once.
      requests: async ({ world }) => {
        const { token } = await freshEmailChangeLink(world);
        return [{ spec: { body: { token } } }, { spec: { body: { token } } }];
      },
      maxWins: 1,
      verify: async (world, replies) => {
        const winner = replies.find((r) => r.status === 200);
        if (!winner) return [];
        const { email } = JSON.parse(winner.text) as { email: string };
        const login = await newClient(world.server.app).request('POST', '/api/v1/auth/login', { email, password: goodPassword });
        return expectEqual('sign-in with the new address', login.status, 200);
      },
    },
  },
  { ...fromRoute(accountApi.listSessions) },
  {
    ...fromRoute(accountApi.endOtherSessions),
    isolation: 'actor',
    race: {
      requests: async ({ world }) => {
        const jar = await freshActor(world, 'owner');
        return [{ spec: {}, jar }, { spec: {}, jar }];
      },
      maxWins: 2,
      verify: async (world, _replies, requests) => expectEqual('sessions left', await sessionCount(world, requests[0].jar ?? new Map()), 1),
    },
  },
  {
    ...fromRoute(accountApi.endSession),
    request: async ({ world, actor, app }) => ({ params: { sessionId: await secondSessionId(world, actor, app) } }),
    race: {
      requests: async ({ world, app }) => {
        const spec = { params: { sessionId: await secondSessionId(world, 'owner', app) } };
        return [{ spec }, { spec }];
      },
      maxWins: 1,
    },
  },
  { ...fromRoute(accountApi.deletionPreview) },
  {
    // Each caller is a brand-new person with the role (org A keeps its owner), deleting their own account.
    ...fromRoute(accountApi.deleteAccount),
    isolation: 'actor',
    request: async ({ app, jar }) => ({ body: { email: await ownEmail(app, jar) } }),
    race: {
      // The same account deleted twice at once: deleted once, recorded once; the other is refused.
      requests: async ({ world, app }) => {
        const jar = await freshActor(world, 'contributor');
        const spec = { body: { email: await ownEmail(app, jar) } };
        return [{ spec, jar }, { spec, jar }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => {
        const email = (requests[0].spec.body as { email: string }).email;
        const live = await world.server.ownerQuery<{ n: string }>('select count(*)::text as n from users where email = $1', [email]);
        const rows = await world.server.ownerQuery<{ n: string }>(
          `select count(*)::text as n from audit_events e join users u on u.id = e.actor_user_id where e.org_id = $1 and e.action = 'user.account_deleted' and u.deleted_at is not null and e.occurred_at > now() - interval '1 minute'`,
          [world.orgA.id],
        );
        return [...expectEqual('accounts left with the address', Number(live[0]?.n), 0), ...(Number(rows[0]?.n) >= 1 ? [] : ['the deletion was not recorded'])];
      },
    },
  },
];
