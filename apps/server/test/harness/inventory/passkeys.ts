import { randomBytes, randomUUID } from 'node:crypto';
import { passkeyApi } from '@custodian/shared/contracts/passkeys.ts';
import { SoftAuthenticator } from '../../soft-authenticator.ts';
import { goodPassword, newClient, signUpOwner } from '../../test-client.ts';
import { send } from '../http.ts';
import { fromRoute, type Cell, type InventoryEntry, type RaceRequest } from '../route-inventory.ts';
import { freshActor, freshSession, type Jar, type World } from '../world.ts';
import { expectEqual, json } from './helpers.ts';

type App = Cell['app'];
type CreationOptions = Parameters<SoftAuthenticator['register']>[0];
type RequestOptions = Parameters<SoftAuthenticator['assert']>[0];

function authenticatorFor(world: World): SoftAuthenticator {
  return new SoftAuthenticator(new URL(world.server.deps.config.publicUrl).origin);
}

/** A well-formed answer nobody asked for (for callers who cannot get options). */
function strayAnswer(world: World) {
  const device = authenticatorFor(world);
  device.register({ challenge: randomBytes(32).toString('base64url'), rp: { id: 'localhost' }, user: { id: 'stray' } });
  return device.assert({ challenge: randomBytes(32).toString('base64url'), rpId: 'localhost' });
}

/** A new passkey's answer to registration options fetched with the jar (a stray one when the caller may not). */
async function registrationAnswer(world: World, app: App, jar: Jar, device = authenticatorFor(world)) {
  const options = await send(app, jar, 'POST', '/api/v1/auth/passkeys/options');
  const challenge = options.status === 200 ? json<CreationOptions>(options) : { challenge: randomBytes(32).toString('base64url'), rp: { id: 'localhost' }, user: { id: 'stray' } };
  return device.register(challenge);
}

/** Adds a passkey to the jar's person (a freshly signed-in one: a recent step-up); its id and version, or a random id. */
async function ownPasskey(world: World, app: App, jar: Jar, device = authenticatorFor(world)): Promise<{ id: string; version: number }> {
  const added = await send(app, jar, 'POST', '/api/v1/auth/passkeys', { body: { name: 'Harness key', response: await registrationAnswer(world, app, jar, device) } });
  return added.status === 201 ? json<{ id: string; version: number }>(added) : { id: randomUUID(), version: 1 };
}

/** A person with a passkey, in an organisation of their own (so what they do never touches org A). */
async function personWithPasskey(world: World) {
  const person = await signUpOwner(world.server, { organisationName: 'Passkey Clinic' });
  const device = authenticatorFor(world);
  const options = (await person.client.request('POST', '/api/v1/auth/passkeys/options')).json<CreationOptions>();
  const added = await person.client.request('POST', '/api/v1/auth/passkeys', { name: 'Phone', response: device.register(options) });
  if (added.status !== 201) throw new Error(`adding a passkey failed: ${added.status}`);
  return { ...person, device };
}

/** A passwordless sign-in answer of a person with a passkey. */
async function signInAnswer(world: World) {
  const { device } = await personWithPasskey(world);
  const options = await newClient(world.server.app).request('POST', '/api/v1/auth/passkey-sign-in/options');
  return device.assert(options.json<RequestOptions>());
}

async function passkeyCount(world: World, jar: Jar): Promise<number> {
  return json<{ items: unknown[] }>(await send(world.server.app, jar, 'GET', '/api/v1/auth/passkeys')).items.length;
}

/** Passkeys, passwordless sign-in, the passkey as the second sign-in step, and step-up. */
export const passkeyInventory: readonly InventoryEntry[] = [
  { ...fromRoute(passkeyApi.list) },
  {
    ...fromRoute(passkeyApi.registrationOptions),
    isolation: 'actor',
    race: { skip: 'each call hands out its own single-use challenge; a second call takes nothing from the first' },
  },
  {
    ...fromRoute(passkeyApi.register),
    isolation: 'actor',
    request: async ({ world, app, jar }) => ({ body: { name: 'Harness key', response: await registrationAnswer(world, app, jar) } }),
    race: {
      // One answer sent twice at once: one passkey, the challenge spent once.
      requests: async ({ world, app }) => {
        const jar = await freshActor(world, 'owner');
        const spec = { body: { name: 'Raced key', response: await registrationAnswer(world, app, jar) } };
        return [
          { spec, jar },
          { spec, jar },
        ];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('passkeys added', await passkeyCount(world, requests[0].jar ?? new Map()), 1),
    },
  },
  {
    ...fromRoute(passkeyApi.rename),
    isolation: 'actor',
    request: async ({ world, app, jar }) => {
      const passkey = await ownPasskey(world, app, jar);
      return { params: { passkeyId: passkey.id }, body: { name: 'Renamed key', version: passkey.version } };
    },
    race: {
      // Two renames from the same version: one wins, the other gets the current name back.
      requests: async ({ world, app }) => {
        const jar = await freshActor(world, 'owner');
        const passkey = await ownPasskey(world, app, jar);
        return [
          { spec: { params: { passkeyId: passkey.id }, body: { name: 'First name', version: passkey.version } }, jar },
          { spec: { params: { passkeyId: passkey.id }, body: { name: 'Second name', version: passkey.version } }, jar },
        ];
      },
      maxWins: 1,
    },
  },
  {
    ...fromRoute(passkeyApi.remove),
    isolation: 'actor',
    request: async ({ world, app, jar }) => ({ params: { passkeyId: (await ownPasskey(world, app, jar)).id } }),
    race: {
      requests: async ({ world, app }) => {
        const jar = await freshActor(world, 'owner');
        const spec = { params: { passkeyId: (await ownPasskey(world, app, jar)).id } };
        return [
          { spec, jar },
          { spec, jar },
        ];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('passkeys left', await passkeyCount(world, requests[0].jar ?? new Map()), 0),
    },
  },
  {
    ...fromRoute(passkeyApi.signInOptions),
    race: { skip: 'each call hands out its own single-use challenge; a second call takes nothing from the first' },
  },
  {
    ...fromRoute(passkeyApi.signIn),
    isolation: 'session',
    request: async ({ world }) => ({ body: { response: await signInAnswer(world) } }),
    fuzz: { as: 'anonymous' },
    race: {
      // One signed challenge sent from two browsers at once: one session, not two.
      requests: async ({ world }) => {
        const spec = { body: { response: await signInAnswer(world) } };
        return [
          { spec, jar: await freshSession(world, 'anonymous') },
          { spec, jar: await freshSession(world, 'anonymous') },
        ];
      },
      maxWins: 1,
    },
  },
  {
    ...fromRoute(passkeyApi.mfaOptions),
    fuzz: { as: 'mfa_pending' },
    race: { skip: 'each call hands out its own single-use challenge for the waiting session' },
  },
  {
    ...fromRoute(passkeyApi.mfaPasskey),
    request: ({ world }) => ({ body: { response: strayAnswer(world) } }),
    fuzz: { as: 'mfa_pending' },
    race: {
      // One signed challenge sent twice from the waiting session: the second step completes once.
      requests: async ({ world }) => {
        const person = await personWithPasskey(world);
        const browser = newClient(world.server.app);
        await browser.request('POST', '/api/v1/auth/login', { email: person.email, password: goodPassword });
        const options = (await browser.request('POST', '/api/v1/auth/mfa/passkey/options')).json<RequestOptions>();
        const spec = { body: { response: person.device.assert(options) } };
        return [{ spec, jar: browser.cookies }, { spec, jar: new Map(browser.cookies) }] as [RaceRequest, RaceRequest];
      },
      maxWins: 1,
    },
  },
  {
    ...fromRoute(passkeyApi.stepUpOptions),
    isolation: 'actor',
    request: async ({ world, app, jar }) => (await ownPasskey(world, app, jar), {}),
    race: { skip: 'each call hands out its own single-use challenge for this session' },
  },
  {
    ...fromRoute(passkeyApi.stepUp),
    request: () => ({ body: { password: goodPassword } }),
    fuzz: { as: 'other_org' },
    race: {
      // Confirming twice at once: both may succeed; the session is stepped up either way.
      requests: async ({ world }) => {
        const jar = await freshActor(world, 'owner');
        const spec = { body: { password: goodPassword } };
        return [
          { spec, jar },
          { spec, jar },
        ];
      },
      maxWins: 2,
    },
  },
];
