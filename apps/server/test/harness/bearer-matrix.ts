import type { FastifyInstance } from 'fastify';
import { apiScopes, hasScope } from '@custodian/shared/api-scopes.ts';
import { isAction, permissions, type Role } from '@custodian/shared/permissions.ts';
import { envelopeProblems } from './envelope.ts';
import { send, splitRouteKey } from './http.ts';
import { findCanaries, type MatrixCell, type MatrixResult } from './authz.ts';
import type { InventoryEntry } from './route-inventory.ts';
import { freshActor, freshSession, otherOrgRole, type SignedInActor, type World } from './world.ts';

/**
 * The authorisation matrix for callers with an API token instead of a browser session: every route ×
 * a token of every role of org A with every scope, the owner of org B with every scope, and two tokens
 * of org A's owner with only the read or only the write scopes. A token reaches only routes of
 * organisation data (a permission), as far as both its person's role and its scopes allow.
 */
export const tokenCallers = ['owner', 'isms_manager', 'contributor', 'staff', 'auditor', 'other_org', 'owner_read_only', 'owner_write_only'] as const;
export type TokenCaller = (typeof tokenCallers)[number];

function personOf(caller: TokenCaller): SignedInActor {
  return caller === 'owner_read_only' || caller === 'owner_write_only' ? 'owner' : caller;
}

function scopesOf(caller: TokenCaller): string[] {
  if (caller === 'owner_read_only') return apiScopes.filter((s) => s.endsWith(':read'));
  if (caller === 'owner_write_only') return apiScopes.filter((s) => s.endsWith(':write'));
  return [...apiScopes];
}

/** Makes each caller's token through the API (as the person, with their browser session); returns the secrets. */
export async function issueTokens(app: FastifyInstance, world: World): Promise<Record<TokenCaller, string>> {
  const secrets: Partial<Record<TokenCaller, string>> = {};
  for (const caller of tokenCallers) {
    const reply = await send(app, world.jars[personOf(caller)], 'POST', '/api/v1/api-tokens', { body: { name: `Matrix ${caller}`, scopes: scopesOf(caller) } });
    if (reply.status !== 201) throw new Error(`token for ${caller} failed: ${reply.status} ${reply.text}`);
    secrets[caller] = (JSON.parse(reply.text) as { secret: string }).secret;
  }
  return secrets as Record<TokenCaller, string>;
}

/** The status a token caller must get, from the route's access rule, the person's role and the token's scopes. */
export function expectedTokenStatus(entry: InventoryEntry, caller: TokenCaller): number {
  const { method } = splitRouteKey(entry.route);
  // The OpenAPI document is served outside the route runner, to anyone, whatever credentials they send.
  if (entry.route === 'GET /api/v1/openapi.json') return entry.success;
  if (!isAction(entry.access)) return 403;
  const person = personOf(caller);
  const role: Role = person === 'other_org' ? otherOrgRole : person;
  if (!(permissions[entry.access] as readonly Role[]).includes(role)) return 403;
  if (!hasScope(scopesOf(caller), entry.access, method)) return 403;
  if (caller === 'other_org' && entry.addressesOrgA) return 404;
  return entry.expect?.statuses[personOf(caller)] ?? entry.success;
}

/** Every route × every token caller, one request each, without cookies. */
export async function runTokenMatrix(app: FastifyInstance, world: World, inventory: readonly InventoryEntry[], secrets: Record<TokenCaller, string>): Promise<MatrixResult> {
  const cells: MatrixCell[] = [];
  for (const entry of inventory) {
    const { method, path } = splitRouteKey(entry.route);
    for (const caller of tokenCallers) {
      const actor = personOf(caller);
      // Request builders that change the caller's own account or session get a person or session of their own, as in the cookie matrix.
      const jar = entry.isolation === 'actor' ? await freshActor(world, actor) : entry.isolation === 'session' ? await freshSession(world, actor) : new Map(world.jars[actor]);
      const spec = entry.request ? await entry.request({ world, actor, jar, app }) : {};
      const response = await send(app, new Map(), method, path, { ...spec, headers: { ...spec.headers, authorization: `Bearer ${secrets[caller]}` } });
      const text = entry.bodyText && response.status < 300 ? await entry.bodyText(response.raw) : response.text;
      const seen = findCanaries(text, world.canaries);
      const allowed = entry.mayReveal?.canaries ?? [];
      cells.push({
        route: entry.route,
        actor: caller as MatrixCell['actor'],
        expected: expectedTokenStatus(entry, caller),
        actual: response.status,
        leaked: caller === 'other_org' ? seen.filter((kind) => !allowed.includes(kind)) : [],
        seen,
        envelope: response.status >= 400 ? envelopeProblems(response) : [],
      });
    }
  }
  return {
    cells,
    mismatches: cells.filter((c) => c.actual !== c.expected),
    leaks: cells.filter((c) => c.leaked.length > 0),
    badEnvelopes: cells.filter((c) => c.envelope.length > 0),
    seenInOrgA: new Set(cells.filter((c) => c.actor !== 'other_org').flatMap((c) => c.seen)),
  };
}

/** The token matrix as a text table (one row per route, one column per caller). */
export function formatTokenMatrix(result: MatrixResult, inventory: readonly InventoryEntry[]): string {
  const header = ['route', 'access', ...tokenCallers];
  const rows = inventory.map((entry) => [
    entry.route,
    entry.access,
    ...tokenCallers.map((caller) => {
      const cell = result.cells.find((c) => c.route === entry.route && (c.actor as string) === caller);
      return cell ? `${cell.actual}${cell.actual === cell.expected ? '' : `≠${cell.expected}`}${cell.leaked.length > 0 ? ' LEAK' : ''}` : '-';
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
