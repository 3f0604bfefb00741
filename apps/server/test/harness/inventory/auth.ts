import { authApi } from '@custodian/shared/contracts/auth.ts';
import { currentTotp } from '../../../src/modules/auth/totp.ts';
import { enrolTotp, goodPassword, newClient, signUpOwner, uniqueEmail } from '../../test-client.ts';
import { send } from '../http.ts';
import { fromRoute, signedInActors, type Cell, type InventoryEntry, type RaceRequest } from '../route-inventory.ts';
import { freshActor, freshInvitation, freshSession, freshSignUpToken, type World } from '../world.ts';
import { expectEqual, startMfa, thirtySeconds } from './helpers.ts';

/** A person with MFA in their own organisation, and two sessions of theirs waiting for the code. */
async function twoPendingSessions(world: World) {
  const person = await signUpOwner(world.server, { organisationName: 'Race Mfa Clinic' });
  const { secret } = await enrolTotp(person.client);
  const jars = [];
  for (let i = 0; i < 2; i += 1) {
    const client = newClient(world.server.app);
    await client.request('POST', '/api/v1/auth/login', { email: person.email, password: goodPassword });
    jars.push(client.cookies);
  }
  return { person, secret, jars };
}

/** A fresh owner of org A's role in a new session, MFA set up, for a code both requests send. */
async function freshMfaCell(cell: Cell): Promise<{ jar: Cell['jar']; code: string }> {
  const jar = await freshActor(cell.world, 'owner');
  const secret = await startMfa({ ...cell, jar });
  return { jar, code: secret ? await currentTotp(secret) : '000000' };
}

/** Sign-up, sign-in, MFA, sessions, switching organisation and invitations. */
export const authInventory: readonly InventoryEntry[] = [
  { ...fromRoute(authApi.session) },
  {
    ...fromRoute(authApi.signUp),
    request: () => ({ body: { name: 'Sam Signup', email: uniqueEmail('signup'), password: goodPassword, organisationName: 'Signup Clinic' } }),
    // Every sign-up takes at least 450 ms (signUpMinimumMs): a longer slice, so the fuzzer sends several.
    fuzz: { minMs: 3000 },
    race: {
      requests: async () => {
        const body = { name: 'Sam Race', email: uniqueEmail('race-signup'), password: goodPassword, organisationName: 'Race Clinic' };
        return [{ spec: { body } }, { spec: { body } }];
      },
      // Both answer alike (one answer whether or not the address has an account); one account is made.
      maxWins: 2,
      verify: async (world, _replies, requests) => {
        const email = (requests[0].spec.body as { email: string }).email;
        const rows = await world.server.ownerQuery<{ n: string }>('select count(*)::text as n from users where email = $1', [email]);
        return expectEqual('accounts with the address', Number(rows[0]?.n), 1);
      },
    },
  },
  {
    ...fromRoute(authApi.verifyEmail),
    request: async ({ world }) => ({ body: { token: await freshSignUpToken(world) } }),
    race: {
      requests: async ({ world }) => {
        const token = await freshSignUpToken(world);
        return [{ spec: { body: { token } } }, { spec: { body: { token } } }];
      },
      // The second opening of a used link answers "already confirmed"; only one of them confirms.
      maxWins: 2,
      verify: async (_world, replies) => {
        const confirmed = replies.filter((reply) => reply.status === 200 && reply.text.includes('"alreadyConfirmed":false')).length;
        return expectEqual('replies that confirmed the address', confirmed, 1);
      },
    },
  },
  {
    ...fromRoute(authApi.resendVerification),
    request: () => ({ body: { email: uniqueEmail('resend') } }),
    race: { skip: 'sending a second link changes nothing the first promised; both links work' },
  },
  {
    ...fromRoute(authApi.logIn),
    isolation: 'session',
    request: ({ world, actor }) => ({ body: world.credentials[actor === 'anonymous' ? 'staff' : actor] }),
    fuzz: { as: 'anonymous' },
    race: {
      requests: async ({ world }) => {
        const spec = { body: world.credentials.staff };
        return [
          { spec, jar: await freshSession(world, 'anonymous') },
          { spec, jar: await freshSession(world, 'anonymous') },
        ];
      },
      maxWins: 2,
    },
  },
  {
    ...fromRoute(authApi.mfaChallenge),
    request: () => ({ body: { code: '123456' } }),
    fuzz: { as: 'mfa_pending' },
    race: {
      // One code, two sessions waiting for it: a code works once.
      requests: async ({ world }) => {
        const { secret, jars } = await twoPendingSessions(world);
        const code = await currentTotp(secret, new Date(Date.now() + thirtySeconds));
        return jars.map((jar): RaceRequest => ({ spec: { body: { code } }, jar })) as [RaceRequest, RaceRequest];
      },
      maxWins: 1,
    },
  },
  {
    ...fromRoute(authApi.logOut),
    isolation: 'session',
    fuzz: { as: 'anonymous' },
    race: { skip: 'signing out twice ends the same session; the second has nothing left to do' },
  },
  {
    ...fromRoute(authApi.mfaSetup),
    // Needs a recent step-up: a brand-new person has just signed in.
    isolation: 'actor',
    race: { skip: 'starting enrolment twice replaces a pending secret nobody has confirmed; the person scans the latest code' },
  },
  {
    ...fromRoute(authApi.mfaConfirm),
    isolation: 'actor',
    request: async (cell) => {
      const secret = await startMfa(cell);
      return { body: { code: secret ? await currentTotp(secret) : '000000' } };
    },
    race: {
      // Two windows confirming the same enrolment: one set of recovery codes, not two where the first stops working.
      requests: async (cell) => {
        const { jar, code } = await freshMfaCell(cell);
        return [
          { spec: { body: { code } }, jar },
          { spec: { body: { code } }, jar },
        ];
      },
      maxWins: 1,
    },
  },
  {
    ...fromRoute(authApi.mfaDisable),
    isolation: 'actor',
    request: async (cell) => {
      const secret = await startMfa(cell);
      if (secret) await send(cell.app, cell.jar, 'POST', '/api/v1/auth/mfa/confirm', { body: { code: await currentTotp(secret) } });
      return {};
    },
    race: {
      // Turning the app off from two windows at once: it is off once.
      requests: async (cell) => {
        const jar = await freshActor(cell.world, 'owner');
        const secret = await startMfa({ ...cell, jar });
        await send(cell.app, jar, 'POST', '/api/v1/auth/mfa/confirm', { body: { code: await currentTotp(secret ?? '') } });
        return [
          { spec: {}, jar },
          { spec: {}, jar },
        ];
      },
      maxWins: 1,
    },
  },
  {
    ...fromRoute(authApi.recoveryCodes),
    isolation: 'actor',
    request: async (cell) => {
      const secret = await startMfa(cell);
      if (!secret) return { body: { code: '000000' } };
      await send(cell.app, cell.jar, 'POST', '/api/v1/auth/mfa/confirm', { body: { code: await currentTotp(secret) } });
      // A code may be used once: the next time window's code is still accepted and is not a replay.
      return { body: { code: await currentTotp(secret, new Date(Date.now() + thirtySeconds)) } };
    },
    race: {
      requests: async (cell) => {
        const jar = await freshActor(cell.world, 'owner');
        const secret = await startMfa({ ...cell, jar });
        await send(cell.app, jar, 'POST', '/api/v1/auth/mfa/confirm', { body: { code: await currentTotp(secret ?? '') } });
        const code = await currentTotp(secret ?? '', new Date(Date.now() + thirtySeconds));
        return [
          { spec: { body: { code } }, jar },
          { spec: { body: { code } }, jar },
        ];
      },
      maxWins: 1,
    },
  },
  {
    ...fromRoute(authApi.switchOrg),
    addressesOrgA: true,
    request: ({ world }) => ({ body: { orgId: world.orgA.id } }),
    race: { skip: 'switching twice at once: the session ends in one of two organisations the person belongs to, either is right' },
  },
  {
    ...fromRoute(authApi.invitationPreview),
    request: ({ world }) => ({ query: { token: world.previewToken } }),
    mayReveal: { canaries: ['orgName'], reason: 'the link token is the capability: whoever holds an invitation link sees which organisation sent it' },
  },
  {
    ...fromRoute(authApi.acceptInvitation),
    isolation: 'session',
    request: async ({ world }) => ({ body: { token: (await freshInvitation(world)).token, name: 'Nell Newcomer', password: goodPassword } }),
    expect: {
      statuses: Object.fromEntries(signedInActors.map((actor) => [actor, 403])),
      reason: 'a signed-in person may accept only an invitation sent to their own address; the fresh invitation is for someone new',
    },
    fuzz: { as: 'anonymous' },
    race: {
      requests: async ({ world }) => {
        const { token } = await freshInvitation(world);
        const spec = { body: { token, name: 'Rae Race', password: goodPassword } };
        return [
          { spec, jar: await freshSession(world, 'anonymous') },
          { spec, jar: await freshSession(world, 'anonymous') },
        ];
      },
      maxWins: 1,
    },
  },
];
