import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-server.ts';
import type { MatrixResult } from './authz.ts';
import { formatTokenMatrix, issueTokens, runTokenMatrix, tokenCallers } from './bearer-matrix.ts';
import { canaryPlanters, routeInventory as allRoutes } from './inventory/all.ts';
const routeInventory = allRoutes.filter((entry) => entry.route.includes('/scope'));
import { seedWorld, type World } from './world.ts';

let server: TestServer;
let world: World;
let result: MatrixResult;

beforeAll(async () => {
  server = await startTestServer();
  world = await seedWorld(server, canaryPlanters);
  const secrets = await issueTokens(server.app, world);
  const started = Date.now();
  result = await runTokenMatrix(server.app, world, routeInventory, secrets);
  console.log(`API token matrix: ${routeInventory.length} routes × ${tokenCallers.length} token callers in ${Date.now() - started} ms\n${formatTokenMatrix(result, routeInventory)}`);
}, 300_000);
afterAll(async () => server.close());

describe('authorisation matrix with API tokens', () => {
  it('gives every token exactly what both its person’s role and its scopes allow, and nothing outside organisation data', () => {
    expect(result.cells).toHaveLength(routeInventory.length * tokenCallers.length);
    expect(result.mismatches.map((c) => `${c.route} with ${c.actor}'s token: got ${c.actual}, expected ${c.expected}`)).toEqual([]);
  });

  it('reaches at least one read and one write route, and is refused on account routes', () => {
    const owner = result.cells.filter((c) => c.actor === 'owner');
    expect(owner.some((c) => c.route.startsWith('GET ') && c.actual === 200)).toBe(true);
    expect(owner.some((c) => c.route === 'PATCH /api/v1/gap/items/:itemId' && c.actual === 200)).toBe(true);
    expect(owner.filter((c) => c.route.includes('/api-tokens') || c.route.includes('/auth/')).every((c) => c.actual === 403)).toBe(true);
  });

  it('never lets an org A canary reach the token of another organisation', () => {
    expect(result.leaks.map((c) => `${c.route} with ${c.actor}'s token: ${c.leaked.join(', ')}`)).toEqual([]);
    expect(result.seenInOrgA.size).toBeGreaterThan(0);
  });

  it('answers every refusal with the error envelope', () => {
    expect(result.badEnvelopes.map((c) => `${c.route} with ${c.actor}'s token: ${c.envelope.join('; ')}`)).toEqual([]);
  });
});
