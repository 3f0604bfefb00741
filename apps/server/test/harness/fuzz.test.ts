import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-server.ts';
import { fuzzRoute, fuzzTargets, judgeReply, worldHints, type FuzzOutcome, type FuzzTarget } from './fuzz.ts';
import { orgChecksum } from './org-checksum.ts';
import { fuzzRegressions } from './fuzz-regressions.ts';
import { send, splitRouteKey } from './http.ts';
import { loadRouteFacts } from './inventory-check.ts';
import { canaryPlanters, routeInventory } from './inventory/all.ts';
import type { FuzzActor } from './route-inventory.ts';
import { freshSession, mfaPendingJar, seedWorld, type Jar, type World } from './world.ts';

// Bounded for CI; `npm run fuzz -- --runs N [--seed S] [--route text] [--minutes M]` runs longer.
const runs = Number(process.env.FUZZ_RUNS ?? 100);
const budgetMs = Number(process.env.FUZZ_BUDGET_MS ?? 45_000);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) | 0;
const routeFilter = process.env.FUZZ_ROUTE ?? '';
const replayPath = process.env.FUZZ_PATH;
const entries = routeInventory.filter((entry) => entry.route.includes(routeFilter));
const perRouteMs = Math.max(500, Math.floor(budgetMs / Math.max(1, entries.length)));

let server: TestServer;
let world: World;
let targets: Map<string, FuzzTarget>;
let jars: Record<FuzzActor, Jar>;
const outcomes: FuzzOutcome[] = [];

beforeAll(async () => {
  console.log(
    `fuzz seed=${seed} runs=${runs} per route, budget ${budgetMs} ms (${perRouteMs} ms per route), ${entries.length} routes. Replay: npm run fuzz -- --seed ${seed} --runs ${runs}`,
  );
  server = await startTestServer();
  world = await seedWorld(server, canaryPlanters);
  targets = new Map(fuzzTargets((await loadRouteFacts(server.app)).openapi, entries).map((t) => [t.entry.route, t]));
  jars = { owner: world.jars.owner, anonymous: world.anonymousJar, mfa_pending: await mfaPendingJar(world), other_org: world.jars.other_org };
}, 120_000);

afterAll(async () => {
  const width = Math.max(...outcomes.map((o) => o.route.length));
  const lines = outcomes.map(
    (o) =>
      `${o.route.padEnd(width)} | ${String(o.runs).padStart(5)} runs | ${String(o.accepted).padStart(4)} accepted | ${String(o.rejected).padStart(4)} rejected | ${String(o.ms).padStart(6)} ms | ${JSON.stringify(o.statuses)}${o.failure ? ' | FAILED' : ''}`,
  );
  const total = outcomes.reduce((n, o) => n + o.runs, 0);
  const ms = outcomes.reduce((n, o) => n + o.ms, 0);
  console.log(`fuzz seed=${seed}: ${total} requests over ${outcomes.length} routes in ${ms} ms\n${lines.join('\n')}`);
  await server?.close();
});

describe('requests that once broke the server', () => {
  for (const regression of fuzzRegressions) {
    it(`${regression.route}: ${regression.found}`, async () => {
      const { method, path } = splitRouteKey(regression.route);
      const jar = await freshSession(world, 'owner');
      const before = await orgChecksum(server, world.orgA.id);
      const reply = await send(server.app, jar, method, path, regression.spec);
      expect({ status: reply.status, problems: judgeReply(reply, (await orgChecksum(server, world.orgA.id)) === before || reply.status < 300) }).toEqual({
        status: regression.status,
        problems: [],
      });
    });
  }
});

describe.skipIf(entries.length === 0)(`fuzzing every route (seed ${seed})`, () => {
  for (const entry of entries) {
    it(
      entry.route,
      async () => {
        const target = targets.get(entry.route);
        if (!target) throw new Error(`no fuzz target for ${entry.route}`);
        const outcome = await fuzzRoute(target, {
          app: server.app,
          server,
          orgId: world.orgA.id,
          jar: jars[entry.fuzz?.as ?? 'owner'],
          hints: worldHints(world),
          seed,
          numRuns: runs,
          timeLimitMs: Math.max(perRouteMs, entry.fuzz?.minMs ?? 0),
          ...(replayPath ? { path: replayPath } : {}),
        });
        outcomes.push(outcome);
        const replay = `Replay: npm run fuzz -- --seed ${seed} --runs ${runs} --route "${entry.route}"`;
        expect(outcome.failure, `${replay}\n${outcome.failure ?? ''}`).toBeNull();
        expect(outcome.runs).toBeGreaterThan(0);
      },
      Math.max(perRouteMs, entry.fuzz?.minMs ?? 0) * 3 + 60_000,
    );
  }
});
