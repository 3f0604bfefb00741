import type { HttpMethod } from './contracts/api-route.ts';
import { permissions, type Action } from './permissions.ts';

/**
 * What an API token may reach: read or write, per module. The modules are the prefixes of the actions
 * in permissions.ts ("gap" from "gap.read" and "gap.write"), so a new module's actions bring their
 * scopes with them. A GET route needs the module's read scope; any other method its write scope. A
 * token's request is allowed only when the person's current role allows the action too.
 */

type ModuleOf<A extends string> = A extends `${infer M}.${string}` ? M : never;

/** A module of the permission list ("gap", "audit_log", …). */
export type ScopeModule = ModuleOf<Action>;
export type ApiScope = `${ScopeModule}:read` | `${ScopeModule}:write`;

const actions = Object.keys(permissions) as Action[];

/** The module an action belongs to: "gap.write" → "gap". */
export function moduleOf(action: Action): ScopeModule {
  return action.slice(0, action.indexOf('.')) as ScopeModule;
}

/** Every module, in the order permissions.ts lists them. */
export const scopeModules: readonly ScopeModule[] = [...new Set(actions.map(moduleOf))];

/** True when the module has an action beyond reading (so a write scope means something). */
function hasWrites(module: ScopeModule): boolean {
  return actions.some((action) => moduleOf(action) === module && !action.endsWith('.read'));
}

/** Every scope a token can hold: each module's read scope, and its write scope where it has writes. */
export const apiScopes = scopeModules.flatMap((module) => (hasWrites(module) ? [`${module}:read`, `${module}:write`] : [`${module}:read`])) as [ApiScope, ...ApiScope[]];

/** The scope a request needs: the module of the route's permission, read for GET and write otherwise. */
export function scopeNeeded(access: Action, method: HttpMethod | string): ApiScope {
  return `${moduleOf(access)}:${method === 'GET' || method === 'HEAD' ? 'read' : 'write'}`;
}

/** True when the token's scopes cover the request (a write scope does not include reading). */
export function hasScope(scopes: readonly string[], access: Action, method: HttpMethod | string): boolean {
  return scopes.includes(scopeNeeded(access, method));
}

/** Modules in plain words; a module without an entry is named from its key ("demo_widgets" → "Demo widgets"). */
const moduleLabels: Partial<Record<ScopeModule, string>> = {
  org: 'Organisation settings',
  members: 'Members and invitations',
  catalogue: 'ISO 27001 catalogue',
  gap: 'Gap analysis',
  audit_log: 'Audit trail',
  outbox: 'Outbox (e-mail sent)',
  scope: 'Context and scope',
};

export function scopeModuleLabel(module: ScopeModule): string {
  const label = moduleLabels[module];
  if (label) return label;
  const words = module.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Gap analysis: read and change" — a token's scopes in words, one entry per module. */
export function describeScopes(scopes: readonly string[]): string[] {
  return scopeModules
    .filter((module) => scopes.includes(`${module}:read`) || scopes.includes(`${module}:write`))
    .map((module) => {
      const canRead = scopes.includes(`${module}:read`);
      const canWrite = scopes.includes(`${module}:write`);
      return `${scopeModuleLabel(module)}: ${canRead && canWrite ? 'read and change' : canWrite ? 'change' : 'read'}`;
    });
}

/** The prefix every API token starts with, so a leaked one is recognisable (and secret scanners can find it). */
export const apiTokenPrefix = 'cust_';

/**
 * An API token as it is sent: the prefix and 47 base64url characters (35 random bytes, 280 bits; the
 * first 4 characters are shown in lists to tell tokens apart, and the 256 bits after them stay secret).
 */
export const apiTokenPattern = /^cust_[A-Za-z0-9_-]{47}$/;

/** Random bytes in a new token. */
export const apiTokenBytes = 35;
