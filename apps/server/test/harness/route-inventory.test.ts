import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-server.ts';
import { checkInventory, loadRouteFacts, openApiOperations, type RouteFacts } from './inventory-check.ts';
import { routeInventory } from './inventory/all.ts';
import { uninventoriedPrefixes } from './route-inventory.ts';

let server: TestServer;
let facts: RouteFacts;
beforeAll(async () => {
  server = await startTestServer();
  facts = await loadRouteFacts(server.app);
});
afterAll(async () => server.close());

describe('route inventory', () => {
  it('has exactly one entry per API operation, with the access rule the route declares', () => {
    expect(checkInventory(facts, routeInventory, uninventoriedPrefixes)).toEqual([]);
  });

  it('covers every operation of the OpenAPI document and every registered API route', () => {
    const operations = [...openApiOperations(facts.openapi).keys()];
    const inventoried = new Set(routeInventory.map((e) => e.route));
    expect(operations.length).toBeGreaterThanOrEqual(30);
    expect(operations.filter((key) => !inventoried.has(key))).toEqual([]);
    const apiRoutes = facts.routes.filter((r) => r.method !== 'HEAD' && !uninventoriedPrefixes.some(({ prefix }) => r.url.startsWith(prefix)));
    expect(apiRoutes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([...inventoried].sort());
  });
});
