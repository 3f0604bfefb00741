import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-server.ts';
import { describeProblems, formatMatrix, runMatrix, type MatrixResult } from './authz.ts';
import { canaryPlanters, routeInventory } from './inventory/all.ts';
import { actors, seedWorld, type World } from './world.ts';

let server: TestServer;
let world: World;
let result: MatrixResult;

beforeAll(async () => {
  server = await startTestServer();
  world = await seedWorld(server, canaryPlanters);
  const started = Date.now();
  result = await runMatrix(server.app, world, routeInventory);
  console.log(
    `Authorisation matrix: ${routeInventory.length} routes × ${actors.length} actors = ${result.cells.length} requests in ${Date.now() - started} ms\n${formatMatrix(result, routeInventory)}`,
  );
}, 240_000); // about 80 s on a quiet 2-core machine; the limit leaves room for a loaded one
afterAll(async () => server.close());

describe('authorisation matrix', () => {
  it('gives every actor exactly the status its role allows on every route', () => {
    expect(result.cells).toHaveLength(routeInventory.length * actors.length);
    expect(describeProblems({ ...result, leaks: [], badEnvelopes: [] })).toEqual([]);
  });

  it('never lets an org A canary reach anyone outside org A', () => {
    expect(result.leaks.map((c) => `${c.route} as ${c.actor}: ${c.leaked.join(', ')}`)).toEqual([]);
  });

  it('shows every canary to org A itself, so the leak check can fail', () => {
    expect([...result.seenInOrgA].sort()).toEqual(Object.keys(world.canaries).sort());
  });

  it('answers every refusal with the error envelope', () => {
    expect(result.badEnvelopes.map((c) => `${c.route} as ${c.actor}: ${c.envelope.join('; ')}`)).toEqual([]);
  });
});
