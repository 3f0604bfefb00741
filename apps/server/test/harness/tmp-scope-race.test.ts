import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-server.ts';
import { canaryPlanters, routeInventory as allRoutes } from './inventory/all.ts';
const routeInventory = allRoutes.filter((entry) => entry.route.includes('/scope'));
import { runRace } from './race.ts';
import { seedWorld, type World } from './world.ts';

// Every state-changing route, raced: two conflicting requests at the same moment. Rules that hold one
// request at a time must hold here too, and a refused request must say so (never a silent overwrite).
// On PGlite requests queue for its one connection, so only the PostgreSQL run truly interleaves them.

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer();
  world = await seedWorld(server, canaryPlanters);
}, 120_000);
afterAll(async () => server?.close());

const mutating = routeInventory.filter((entry) => !entry.route.startsWith('GET '));

describe('racing every state-changing route', () => {
  it('has a race, or a reason for none, for every state-changing route', () => {
    expect(mutating.filter((entry) => !entry.race).map((entry) => entry.route)).toEqual([]);
  });

  for (const entry of mutating) {
    const race = entry.race;
    if (!race || 'skip' in race) continue;
    it(entry.route, async () => {
      expect(await runRace(server.app, world, entry, race)).toEqual([]);
    }, 60_000);
  }
});
