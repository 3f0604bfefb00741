import type { FastifyInstance } from 'fastify';
import type { RouteAccessRecord } from '../../src/http/app.ts';
import type { InventoryEntry } from './route-inventory.ts';

export interface OpenApiParameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: unknown;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** What the running app says about its routes: the OpenAPI document and the declared access rules. */
export interface RouteFacts {
  openapi: OpenApiDocument;
  routes: readonly RouteAccessRecord[];
}

const httpMethods = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Reads the OpenAPI document through the API (as a client would) and the app's access records. */
export async function loadRouteFacts(app: FastifyInstance): Promise<RouteFacts> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  if (response.statusCode !== 200) throw new Error(`openapi.json answered ${response.statusCode}`);
  return { openapi: JSON.parse(response.body) as OpenApiDocument, routes: app.routeAccess };
}

/** "/gap/items/{itemId}" → "/gap/items/:itemId" */
export function fromOpenApiPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}

/** Every operation of the OpenAPI document as an inventory key, with its operation. */
export function openApiOperations(doc: OpenApiDocument): Map<string, OpenApiOperation> {
  const operations = new Map<string, OpenApiOperation>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (httpMethods.has(method)) operations.set(`${method.toUpperCase()} ${fromOpenApiPath(path)}`, operation);
    }
  }
  return operations;
}

/**
 * Compares the inventory with the app. Reports: an OpenAPI operation or a registered API route without
 * an entry, an entry without a route, an entry listed twice, and an entry whose access rule differs
 * from the route's declared config.access. HEAD twins of GET routes and excluded prefixes are skipped.
 */
export function checkInventory(facts: RouteFacts, inventory: readonly InventoryEntry[], excluded: ReadonlyArray<{ prefix: string }>): string[] {
  const problems: string[] = [];
  const isExcluded = (url: string) => excluded.some(({ prefix }) => url === prefix || url.startsWith(`${prefix}/`));
  const entries = new Map<string, InventoryEntry>();
  for (const entry of inventory) {
    if (entries.has(entry.route)) problems.push(`${entry.route}: listed twice in the inventory`);
    entries.set(entry.route, entry);
  }
  const registered = new Map<string, RouteAccessRecord>();
  for (const record of facts.routes) {
    if (isExcluded(record.url)) continue;
    const key = `${record.method} ${record.url}`;
    if (record.method === 'HEAD') {
      const twin = facts.routes.find((r) => r.method === 'GET' && r.url === record.url);
      if (twin?.access === record.access) continue;
    }
    registered.set(key, record);
  }
  for (const key of openApiOperations(facts.openapi).keys()) {
    if (!isExcluded(key.split(' ')[1] ?? '') && !entries.has(key)) problems.push(`${key}: in the OpenAPI document but has no inventory entry`);
  }
  for (const [key, record] of registered) {
    if (!entries.has(key)) problems.push(`${key}: registered (access ${record.access}) but has no inventory entry`);
  }
  for (const [key, entry] of entries) {
    const record = registered.get(key);
    if (!record) problems.push(`${key}: in the inventory but no such route is registered`);
    else if (record.access !== entry.access) problems.push(`${key}: the inventory says access ${entry.access}, the route declares ${record.access}`);
  }
  return [...new Set(problems)];
}
