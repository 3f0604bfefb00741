import { randomBytes } from 'node:crypto';
import type { Role } from '@custodian/shared/permissions.ts';
import { enrolTotp, goodPassword, lastMailTo, linkToken, newClient, signUpOwner, uniqueEmail, type TestClient } from '../test-client.ts';
import type { TestServer } from '../test-server.ts';

/** Who calls a route in the matrix: every role of org A, nobody, and the owner of another organisation. */
export const actors = ['owner', 'isms_manager', 'contributor', 'staff', 'auditor', 'anonymous', 'other_org'] as const;
export type Actor = (typeof actors)[number];
export type SignedInActor = Exclude<Actor, 'anonymous'>;

/** The actors outside org A: nothing they receive may contain one of org A's canaries. */
export const outsiders: readonly Actor[] = ['anonymous', 'other_org'];

/** The role the other organisation's actor holds there. */
export const otherOrgRole: Role = 'owner';

/** A cookie jar: the session and CSRF cookies of one browser. */
export type Jar = Map<string, string>;

/** Where org A's canaries are planted. */
/** The four canaries every world has; modules plant more (CanaryPlanter in route-inventory.ts). */
export type CanaryKind = 'orgName' | 'gapNotes' | 'memberName' | 'invitationEmail' | (string & {});

/** Plants one more canary in org A: a module's record whose text carries it. */
export interface CanaryPlanter {
  kind: string;
  plant: (world: World, canaryText: string) => Promise<void>;
}

export interface Credentials {
  email: string;
  password: string;
}

/**
 * Org A with a member of every role, a canary-bearing gap item, a pending invitation and a target
 * member; org B with its owner. Built through the API only, like a browser would.
 */
export interface World {
  server: TestServer;
  orgA: { id: string; name: string };
  orgB: { id: string; name: string };
  canaries: Record<string, string>;
  jars: Record<SignedInActor, Jar>;
  credentials: Record<SignedInActor, Credentials>;
  userIds: Record<SignedInActor, string>;
  /** The gap item whose notes carry the canary. */
  gapItemId: string;
  /** A pending invitation of org A, to a canary address. */
  invitationId: string;
  /** A staff member of org A (canary name) whom routes may address; not one of the actors. */
  memberId: string;
  /** The token of another pending invitation of org A (plain address), for the link-preview route. */
  previewToken: string;
  /** A jar with only the anonymous CSRF cookie. */
  anonymousJar: Jar;
  /** The owner of org A as a client on the seeding app (for preparing fresh records). */
  ownerClient: TestClient;
}

function canary(): string {
  return `cnry${randomBytes(8).toString('hex')}`;
}

async function invite(owner: TestClient, server: TestServer, email: string, role: Role): Promise<{ id: string; token: string }> {
  const response = await owner.request('POST', '/api/v1/invitations', { email, role });
  if (response.status !== 201) throw new Error(`invite failed: ${response.status} ${JSON.stringify(response.body)}`);
  const token = linkToken((await lastMailTo(server, email)).body_text, '/accept-invitation');
  return { id: response.json<{ id: string }>().id, token };
}

/** Invites a new person with a role into the owner's organisation and has them accept. */
export async function joinWithRole(
  server: TestServer,
  owner: TestClient,
  role: Role,
  name = `Member ${role}`,
): Promise<{ client: TestClient; email: string; userId: string }> {
  const email = uniqueEmail(role);
  const { token } = await invite(owner, server, email, role);
  const client = newClient(server.app);
  const accept = await client.request('POST', '/api/v1/auth/accept-invitation', { token, name, password: goodPassword });
  if (accept.status !== 200) throw new Error(`accept failed: ${accept.status} ${JSON.stringify(accept.body)}`);
  const userId = (await client.get('/api/v1/auth/session')).json<{ user: { id: string } }>().user.id;
  return { client, email, userId };
}

/** Seeds a world on a running test server; the planters add their modules' canaries to org A. */
export async function seedWorld(server: TestServer, planters: readonly CanaryPlanter[] = []): Promise<World> {
  const canaries: Record<string, string> = { orgName: canary(), gapNotes: canary(), memberName: canary(), invitationEmail: canary() };
  const owner = await signUpOwner(server, { organisationName: `Alpha Clinic ${canaries.orgName}` });
  const other = await signUpOwner(server, { organisationName: 'Bravo Clinic' });
  const members = {
    isms_manager: await joinWithRole(server, owner.client, 'isms_manager'),
    contributor: await joinWithRole(server, owner.client, 'contributor'),
    staff: await joinWithRole(server, owner.client, 'staff'),
    auditor: await joinWithRole(server, owner.client, 'auditor'),
  };
  const target = await joinWithRole(server, owner.client, 'staff', `Target ${canaries.memberName}`);
  const gapItemId = 'iso27001:2022:A.5.1';
  const gap = await owner.client.request('PATCH', `/api/v1/gap/items/${gapItemId}`, { version: 0, status: 'implemented', notes: `Reviewed ${canaries.gapNotes}` });
  if (gap.status !== 200) throw new Error(`gap seed failed: ${gap.status}`);
  const pending = await invite(owner.client, server, `${canaries.invitationEmail}@clinic.example`, 'auditor');
  const preview = await invite(owner.client, server, uniqueEmail('preview'), 'staff');
  const anonymous = newClient(server.app);
  await anonymous.get('/api/v1/auth/session');
  const otherOrgId = other.orgId;
  const jars = {
    owner: owner.client.cookies,
    isms_manager: members.isms_manager.client.cookies,
    contributor: members.contributor.client.cookies,
    staff: members.staff.client.cookies,
    auditor: members.auditor.client.cookies,
    other_org: other.client.cookies,
  };
  const credentials = {
    owner: { email: owner.email, password: goodPassword },
    isms_manager: { email: members.isms_manager.email, password: goodPassword },
    contributor: { email: members.contributor.email, password: goodPassword },
    staff: { email: members.staff.email, password: goodPassword },
    auditor: { email: members.auditor.email, password: goodPassword },
    other_org: { email: other.email, password: goodPassword },
  };
  const userIds = {
    owner: owner.userId,
    isms_manager: members.isms_manager.userId,
    contributor: members.contributor.userId,
    staff: members.staff.userId,
    auditor: members.auditor.userId,
    other_org: other.userId,
  };
  const world: World = {
    server,
    orgA: { id: owner.orgId, name: `Alpha Clinic ${canaries.orgName}` },
    orgB: { id: otherOrgId, name: 'Bravo Clinic' },
    canaries,
    jars,
    credentials,
    userIds,
    gapItemId,
    invitationId: pending.id,
    memberId: target.userId,
    previewToken: preview.token,
    anonymousJar: anonymous.cookies,
    ownerClient: owner.client,
  };
  for (const planter of planters) {
    const text = canary();
    await planter.plant(world, text);
    world.canaries[planter.kind] = text;
  }
  return world;
}

/** A new pending invitation of org A (to a plain address): its id and link token. */
export async function freshInvitation(world: World): Promise<{ id: string; token: string; email: string }> {
  const email = uniqueEmail('fresh');
  return { ...(await invite(world.ownerClient, world.server, email, 'staff')), email };
}

/** A new staff member of org A that a route may change or remove. */
export async function freshMember(world: World): Promise<string> {
  return (await joinWithRole(world.server, world.ownerClient, 'staff')).userId;
}

/** A new session for an actor (signing in again), for requests that replace or end the session. */
export async function freshSession(world: World, actor: Actor): Promise<Jar> {
  if (actor === 'anonymous') return new Map(world.anonymousJar);
  const client = newClient(world.server.app);
  const login = await client.request('POST', '/api/v1/auth/login', world.credentials[actor]);
  if (login.status !== 200) throw new Error(`login of ${actor} failed: ${login.status}`);
  return client.cookies;
}

/**
 * A brand-new person in the actor's place (same organisation, same role), for requests that change the
 * caller's own account (turning on MFA).
 */
export async function freshActor(world: World, actor: Actor): Promise<Jar> {
  if (actor === 'anonymous') return new Map(world.anonymousJar);
  if (actor === 'other_org') {
    const otherOwner = newClient(world.server.app);
    for (const [k, v] of world.jars.other_org) otherOwner.cookies.set(k, v);
    return (await joinWithRole(world.server, otherOwner, otherOrgRole)).client.cookies;
  }
  return (await joinWithRole(world.server, world.ownerClient, actor)).client.cookies;
}

/** A confirmation token from a new sign-up (its own organisation). */
export async function freshSignUpToken(world: World): Promise<string> {
  const client = newClient(world.server.app);
  const email = uniqueEmail('verify');
  const signUp = await client.request('POST', '/api/v1/auth/signup', { name: 'Val Verify', email, password: goodPassword, organisationName: 'Verify Clinic' });
  if (signUp.status !== 201) throw new Error(`sign-up failed: ${signUp.status}`);
  return linkToken((await lastMailTo(world.server, email)).body_text, '/verify-email');
}

/**
 * A session half-way through signing in (password done, MFA code awaited), of a person with MFA in an
 * organisation of their own (so failed codes never touch org A).
 */
export async function mfaPendingJar(world: World): Promise<Jar> {
  const person = await signUpOwner(world.server, { organisationName: 'Mfa Pending Clinic' });
  await enrolTotp(person.client);
  const client = newClient(world.server.app);
  const login = await client.request('POST', '/api/v1/auth/login', { email: person.email, password: goodPassword });
  if (login.json<{ status: string }>().status !== 'mfa_required') throw new Error(`expected an MFA challenge, got ${login.status}`);
  return client.cookies;
}
