import type { FastifyInstance } from 'fastify';
import { routeKey, type ApiRoute } from '@custodian/shared/contracts/api-route.ts';
import type { Access } from '@custodian/shared/permissions.ts';
import type { RequestSpec, SentResponse } from './http.ts';
import type { Actor, CanaryKind, Jar, World } from './world.ts';

/** What a request builder gets: the world, who is calling, with which cookies, on which app. */
export interface Cell {
  world: World;
  actor: Actor;
  jar: Jar;
  app: FastifyInstance;
}

/**
 * Which session the fuzzer uses for a route (default: the owner of org A). 'other_org' (the owner of
 * org B) is for routes whose refusals are rightly recorded in the caller's own audit trail (a wrong
 * current password), which would otherwise count as a change to org A.
 */
export type FuzzActor = 'owner' | 'anonymous' | 'mfa_pending' | 'other_org';

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
    /** The least time to fuzz the route: one that renders several documents per call needs more than the default share. */
    minMs?: number;
  };
  /** For every state-changing route: two conflicting requests at once, or why a race means nothing here. */
  race?: RaceSpec | { skip: string };
}

/** One of two racing requests: what to send, and with whose cookies (default the owner of org A). */
export interface RaceRequest {
  spec: RequestSpec;
  jar?: Jar;
}

/**
 * Two conflicting requests sent at the same moment. At most `maxWins` may succeed; every refusal is a
 * 4xx in the envelope (an edit conflict with the current record); `verify` checks that nothing a
 * successful reply promised was lost.
 */
export interface RaceSpec {
  requests: (cell: Cell) => Promise<[RaceRequest, RaceRequest]>;
  maxWins: 1 | 2;
  verify?: (world: World, replies: [SentResponse, SentResponse], requests: [RaceRequest, RaceRequest]) => Promise<string[]>;
}

/** The inventory fields a contract already says: the route key, its access rule, its success status. */
export function fromRoute(route: ApiRoute): Pick<InventoryEntry, 'route' | 'access' | 'success'> {
  return { route: routeKey(route), access: route.access, success: route.status ?? 200 };
}

/** The actors signed in to some organisation. */
export const signedInActors: readonly Actor[] = ['owner', 'isms_manager', 'contributor', 'staff', 'auditor', 'other_org'];

/** API paths that are not operations of the product (and so have no inventory entry). */
export const uninventoriedPrefixes: ReadonlyArray<{ prefix: string; reason: string }> = [
  { prefix: '/api/v1/docs', reason: 'Swagger UI pages and assets: public, no organisation data' },
];

