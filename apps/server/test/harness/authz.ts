import type { FastifyInstance } from 'fastify';
import { permissions, type Action, type Role } from '@custodian/shared/permissions.ts';
import { envelopeProblems } from './envelope.ts';
import { send, splitRouteKey } from './http.ts';
import type { InventoryEntry } from './route-inventory.ts';
import { actors, freshActor, freshSession, otherOrgRole, outsiders, type Actor, type CanaryKind, type Jar, type World } from './world.ts';

/** One route called by one actor. */
export interface MatrixCell {
  route: string;
  actor: Actor;
  expected: number;
  actual: number;
  /** Org A canaries in a reply to someone outside org A (not allowed by the entry). */
  leaked: CanaryKind[];
  /** Canaries in the reply at all (org A members are meant to see them). */
  seen: CanaryKind[];
  /** Problems with an error reply's envelope. */
  envelope: string[];
}

export interface MatrixResult {
  cells: MatrixCell[];
  mismatches: MatrixCell[];
  leaks: MatrixCell[];
  badEnvelopes: MatrixCell[];
  /** Canary kinds that some member of org A did see: proof the canaries are findable at all. */
  seenInOrgA: Set<CanaryKind>;
}

function roleOf(actor: Exclude<Actor, 'anonymous'>): Role {
  return actor === 'other_org' ? otherOrgRole : actor;
}

function isPermitted(role: Role, access: Action): boolean {
  return (permissions[access] as readonly Role[]).includes(role);
}

/**
 * The status an actor must get, derived from the route's access rule: public → everyone succeeds;
 * otherwise nobody signed in → 401; 'mfa_pending' → 400 for a completed sign-in; 'session' → every
 * signed-in person; 'operator' → 403 (nobody in the world is the platform operator); a permission → the roles in permissions[action], others 403. A member of another
 * organisation gets 404 when the route names a record of org A. Entry overrides come last.
 */
export function expectedStatus(entry: InventoryEntry, actor: Actor): number {
  const override = entry.expect?.statuses[actor];
  if (override !== undefined) return override;
  if (entry.access === 'public') return entry.success;
  if (actor === 'anonymous') return 401;
  if (entry.access === 'mfa_pending') return 400;
  // Nobody in the world is the platform operator.
  if (entry.access === 'operator') return 403;
  if (entry.access !== 'session' && !isPermitted(roleOf(actor), entry.access)) return 403;
  if (actor === 'other_org' && entry.addressesOrgA) return 404;
  return entry.success;
}

/** Which of the world's canaries occur in a text. */
export function findCanaries(text: string, canaries: Record<string, string>): CanaryKind[] {
  return Object.keys(canaries).filter((kind) => text.includes(canaries[kind] ?? '\u0000'));
}

async function jarFor(world: World, entry: InventoryEntry, actor: Actor): Promise<Jar> {
  if (entry.isolation === 'actor') return freshActor(world, actor);
  if (entry.isolation === 'session') return freshSession(world, actor);
  return new Map(actor === 'anonymous' ? world.anonymousJar : world.jars[actor]);
}

/** Calls one route as one actor and judges the reply. */
export async function runCell(app: FastifyInstance, world: World, entry: InventoryEntry, actor: Actor): Promise<MatrixCell> {
  const { method, path } = splitRouteKey(entry.route);
  const expected = expectedStatus(entry, actor);
  const jar = await jarFor(world, entry, actor);
  const spec = entry.request ? await entry.request({ world, actor, jar, app }) : {};
  const response = await send(app, jar, method, path, spec);
  const text = entry.bodyText && response.status < 300 ? await entry.bodyText(response.raw) : response.text;
  const seen = findCanaries(text, world.canaries);
  const allowed = entry.mayReveal?.canaries ?? [];
  const leaked = outsiders.includes(actor) ? seen.filter((kind) => !allowed.includes(kind)) : [];
  const envelope = response.status >= 400 ? envelopeProblems(response) : [];
  return { route: entry.route, actor, expected, actual: response.status, leaked, seen, envelope };
}

/** Every route × every actor, one request each, in inventory order. */
export async function runMatrix(
  app: FastifyInstance,
  world: World,
  inventory: readonly InventoryEntry[],
  who: readonly Actor[] = actors,
): Promise<MatrixResult> {
  const cells: MatrixCell[] = [];
  for (const entry of inventory) for (const actor of who) cells.push(await runCell(app, world, entry, actor));
  const seenInOrgA = new Set(cells.filter((c) => !outsiders.includes(c.actor)).flatMap((c) => c.seen));
  return {
    cells,
    mismatches: cells.filter((c) => c.actual !== c.expected),
    leaks: cells.filter((c) => c.leaked.length > 0),
    badEnvelopes: cells.filter((c) => c.envelope.length > 0),
    seenInOrgA,
  };
}

const shortNames: Record<Actor, string> = {
  owner: 'owner',
  isms_manager: 'isms_mgr',
  contributor: 'contrib',
  staff: 'staff',
  auditor: 'auditor',
  anonymous: 'anon',
  other_org: 'other_org',
};

/**
 * The matrix as a text table: one row per route, one column per actor. A cell shows the status; "≠N"
 * marks a status that should have been N, and "LEAK" a reply that carried a canary out of org A.
 */
export function formatMatrix(result: MatrixResult, inventory: readonly InventoryEntry[], who: readonly Actor[] = actors): string {
  const header = ['route', 'access', ...who.map((a) => shortNames[a])];
  const rows = inventory.map((entry) => [
    entry.route,
    entry.access,
    ...who.map((actor) => {
      const cell = result.cells.find((c) => c.route === entry.route && c.actor === actor);
      if (!cell) return '-';
      return `${cell.actual}${cell.actual === cell.expected ? '' : `≠${cell.expected}`}${cell.leaked.length > 0 ? ' LEAK' : ''}`;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

/** A one-line-per-problem description of a failed matrix, for assertion messages. */
export function describeProblems(result: MatrixResult): string[] {
  return [
    ...result.mismatches.map((c) => `${c.route} as ${c.actor}: got ${c.actual}, expected ${c.expected}`),
    ...result.leaks.map((c) => `${c.route} as ${c.actor}: reply contains org A canary ${c.leaked.join(', ')}`),
    ...result.badEnvelopes.map((c) => `${c.route} as ${c.actor}: ${c.envelope.join('; ')}`),
  ];
}
