import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Access } from '../../src/http/context.ts';
import { currentTotp } from '../../src/modules/auth/totp.ts';
import { goodPassword, uniqueEmail } from '../test-client.ts';
import { send, type RequestSpec } from './http.ts';
import { freshInvitation, freshMember, freshSignUpToken, type Actor, type CanaryKind, type Jar, type World } from './world.ts';

/** What a request builder gets: the world, who is calling, with which cookies, on which app. */
export interface Cell {
  world: World;
  actor: Actor;
  jar: Jar;
  app: FastifyInstance;
}

/** Which session the fuzzer uses for a route (default: the owner of org A). */
export type FuzzActor = 'owner' | 'anonymous' | 'mfa_pending';

/**
 * One API operation. Add one entry per route; the matrix and the fuzzer need nothing else when the
 * route has zod schemas.
 */
export interface InventoryEntry {
  /** "METHOD /api/v1/path/:param", exactly as the route is registered. */
  route: string;
  /** Must equal the route's config.access. */
  access: Access;
  /** The status an admitted caller gets for the request below. */
  success: number;
  /** Builds the request for one caller; may create fresh records first. Default: no params, query or body. */
  request?: (cell: Cell) => RequestSpec | Promise<RequestSpec>;
  /** The request names a record of org A by id: a member of another organisation must get 404. */
  addressesOrgA?: boolean;
  /**
   * The request ends or replaces the caller's session ('session': sign in afresh first) or changes the
   * caller's own account ('actor': use a brand-new person with the same role).
   */
  isolation?: 'session' | 'actor';
  /** Outcomes that depend on who the caller is, which the access rule cannot tell. */
  expect?: { statuses: Partial<Record<Actor, number>>; reason: string };
  /** Canaries this route may show outside org A, and why. */
  mayReveal?: { canaries: CanaryKind[]; reason: string };
  /** Turns a successful reply into searchable text (binary downloads). */
  bodyText?: (raw: Buffer) => Promise<string>;
  fuzz?: {
    as?: FuzzActor;
    /** Values forced into generated valid bodies, so the run does not lock itself out. */
    pin?: Record<string, unknown>;
  };
}

/** API paths that are not operations of the product (and so have no inventory entry). */
export const uninventoriedPrefixes: ReadonlyArray<{ prefix: string; reason: string }> = [
  { prefix: '/api/v1/docs', reason: 'Swagger UI pages and assets: public, no organisation data' },
];

async function xlsxText(raw: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(raw as unknown as ArrayBuffer);
  return workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flat(2).map(String)).join('\n');
}

/** Starts MFA enrolment with the cell's session; returns the secret, or null when the caller may not. */
async function startMfa(cell: Cell): Promise<string | null> {
  const setup = await send(cell.app, cell.jar, 'POST', '/api/v1/auth/mfa/setup');
  return setup.status === 200 ? (JSON.parse(setup.text) as { secret: string }).secret : null;
}

const thirtySeconds = 30_000;
const signedInActors: Actor[] = ['owner', 'isms_manager', 'contributor', 'staff', 'auditor', 'other_org'];

export const routeInventory: readonly InventoryEntry[] = [
  { route: 'GET /api/v1/health', access: 'public', success: 200 },
  { route: 'GET /api/v1/openapi.json', access: 'public', success: 200 },
  { route: 'GET /api/v1/auth/session', access: 'public', success: 200 },
  {
    route: 'POST /api/v1/auth/signup',
    access: 'public',
    success: 201,
    request: () => ({ body: { name: 'Sam Signup', email: uniqueEmail('signup'), password: goodPassword, organisationName: 'Signup Clinic' } }),
  },
  {
    route: 'POST /api/v1/auth/verify-email',
    access: 'public',
    success: 200,
    request: async ({ world }) => ({ body: { token: await freshSignUpToken(world) } }),
  },
  { route: 'POST /api/v1/auth/resend-verification', access: 'public', success: 200, request: () => ({ body: { email: uniqueEmail('resend') } }) },
  {
    route: 'POST /api/v1/auth/login',
    access: 'public',
    success: 200,
    isolation: 'session',
    request: ({ world, actor }) => ({ body: world.credentials[actor === 'anonymous' ? 'staff' : actor] }),
    fuzz: { as: 'anonymous' },
  },
  { route: 'POST /api/v1/auth/mfa/challenge', access: 'mfa_pending', success: 200, request: () => ({ body: { code: '123456' } }), fuzz: { as: 'mfa_pending' } },
  { route: 'POST /api/v1/auth/logout', access: 'public', success: 200, isolation: 'session', fuzz: { as: 'anonymous' } },
  { route: 'POST /api/v1/auth/mfa/setup', access: 'session', success: 200 },
  {
    route: 'POST /api/v1/auth/mfa/confirm',
    access: 'session',
    success: 200,
    isolation: 'actor',
    request: async (cell) => {
      const secret = await startMfa(cell);
      return { body: { code: secret ? await currentTotp(secret) : '000000' } };
    },
  },
  {
    route: 'POST /api/v1/auth/mfa/recovery-codes',
    access: 'session',
    success: 200,
    isolation: 'actor',
    request: async (cell) => {
      const secret = await startMfa(cell);
      if (!secret) return { body: { code: '000000' } };
      await send(cell.app, cell.jar, 'POST', '/api/v1/auth/mfa/confirm', { body: { code: await currentTotp(secret) } });
      // A code may be used once: the next time window's code is still accepted and is not a replay.
      return { body: { code: await currentTotp(secret, new Date(Date.now() + thirtySeconds)) } };
    },
  },
  { route: 'POST /api/v1/auth/switch-org', access: 'session', success: 200, addressesOrgA: true, request: ({ world }) => ({ body: { orgId: world.orgA.id } }) },
  {
    route: 'GET /api/v1/invitations/preview',
    access: 'public',
    success: 200,
    request: ({ world }) => ({ query: { token: world.previewToken } }),
    mayReveal: { canaries: ['orgName'], reason: 'the link token is the capability: whoever holds an invitation link sees which organisation sent it' },
  },
  {
    route: 'POST /api/v1/auth/accept-invitation',
    access: 'public',
    success: 200,
    isolation: 'session',
    request: async ({ world }) => ({ body: { token: (await freshInvitation(world)).token, name: 'Nell Newcomer', password: goodPassword } }),
    expect: {
      statuses: Object.fromEntries(signedInActors.map((actor) => [actor, 403])),
      reason: 'a signed-in person may accept only an invitation sent to their own address; the fresh invitation is for someone new',
    },
    fuzz: { as: 'anonymous' },
  },
  { route: 'GET /api/v1/orgs', access: 'session', success: 200 },
  // "Zulu" sorts after org A and org B, so signing in again still lands in the actor's organisation.
  { route: 'POST /api/v1/orgs', access: 'session', success: 201, request: () => ({ body: { name: 'Zulu Extra Clinic' } }) },
  { route: 'GET /api/v1/org', access: 'org.read', success: 200 },
  {
    route: 'PATCH /api/v1/org',
    access: 'org.update',
    success: 200,
    request: () => ({ body: { timeZone: 'Australia/Sydney' } }),
    fuzz: { pin: { isMfaRequired: false } },
  },
  { route: 'GET /api/v1/members', access: 'members.read', success: 200, request: () => ({ query: { pageSize: '200' } }) },
  {
    route: 'PATCH /api/v1/members/:userId',
    access: 'members.manage',
    success: 200,
    addressesOrgA: true,
    request: ({ world }) => ({ params: { userId: world.memberId }, body: { role: 'staff' } }),
  },
  {
    route: 'DELETE /api/v1/members/:userId',
    access: 'members.manage',
    success: 200,
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { userId: await freshMember(world) } }),
  },
  { route: 'GET /api/v1/invitations', access: 'members.invite', success: 200 },
  { route: 'POST /api/v1/invitations', access: 'members.invite', success: 201, request: () => ({ body: { email: uniqueEmail('invitee'), role: 'staff' } }) },
  {
    route: 'DELETE /api/v1/invitations/:id',
    access: 'members.invite',
    success: 200,
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshInvitation(world)).id } }),
  },
  { route: 'GET /api/v1/outbox', access: 'outbox.read', success: 200, request: () => ({ query: { pageSize: '200' } }) },
  { route: 'GET /api/v1/catalogue', access: 'catalogue.read', success: 200 },
  { route: 'GET /api/v1/catalogue/search', access: 'catalogue.read', success: 200, request: () => ({ query: { q: 'access' } }) },
  { route: 'GET /api/v1/catalogue/items/:itemId', access: 'catalogue.read', success: 200, request: ({ world }) => ({ params: { itemId: world.gapItemId } }) },
  { route: 'GET /api/v1/gap/items', access: 'gap.read', success: 200, request: () => ({ query: { pageSize: '200', q: 'reviewed' } }) },
  { route: 'GET /api/v1/gap/items/:itemId', access: 'gap.read', success: 200, request: ({ world }) => ({ params: { itemId: world.gapItemId } }) },
  {
    route: 'PUT /api/v1/gap/items/:itemId',
    access: 'gap.write',
    success: 200,
    request: () => ({ params: { itemId: 'iso27001:2022:A.5.2' }, body: { status: 'partial', notes: 'written by the matrix' } }),
  },
  { route: 'GET /api/v1/gap/readiness', access: 'gap.read', success: 200 },
  { route: 'GET /api/v1/gap/export.xlsx', access: 'gap.export', success: 200, bodyText: xlsxText },
  { route: 'GET /api/v1/audit-log', access: 'audit_log.read', success: 200, request: () => ({ query: { pageSize: '200' } }) },
  { route: 'GET /api/v1/audit-log/verify', access: 'audit_log.verify', success: 200 },
];
