import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '@custodian/shared/errors.ts';
import { sql } from 'kysely';
import { apiRoute } from '@custodian/shared/contracts/api-route.ts';
import type { Tx } from '../../src/db/with-org.ts';
import { buildApp } from '../../src/http/app.ts';
import { defineRoute } from '../../src/http/route-kit.ts';
import { startTestServer, testDatabaseKind, type TestServer } from '../test-server.ts';
import { runRace } from './race.ts';
import { describeProblems, runMatrix } from './authz.ts';
import { fuzzRoute, fuzzTargets, worldHints } from './fuzz.ts';
import { checkInventory, loadRouteFacts, type RouteFacts } from './inventory-check.ts';
import { canaryPlanters, routeInventory } from './inventory/all.ts';
import { uninventoriedPrefixes, type InventoryEntry } from './route-inventory.ts';
import { seedWorld, type World } from './world.ts';

// The harness must fail when the product is wrong. These tests build a second app on the same
// database, add deliberately broken routes, and expect each check to report them.

let server: TestServer;
let world: World;
let app: FastifyInstance;
let facts: RouteFacts;

async function orgANotes(): Promise<string[]> {
  return (await server.ownerQuery<{ notes: string }>('select notes from gap_entries where org_id = $1', [world.orgA.id])).map((row) => row.notes);
}

const brokenApi = {
  unlisted: apiRoute({ method: 'GET', path: '/test-only/unlisted', access: 'gap.read', tag: 'test', summary: 'A route nobody added to the inventory', reply: z.object({ ok: z.boolean() }) }),
  leaky: apiRoute({ method: 'GET', path: '/test-only/leaky', access: 'session', tag: 'test', summary: 'Leaks', reply: z.object({ notes: z.array(z.string()) }) }),
  members: apiRoute({ method: 'DELETE', path: '/test-only/members/:userId', access: 'session', tag: 'test', summary: 'Wrong access', params: z.object({ userId: z.string() }), reply: z.object({ ok: z.boolean() }) }),
  fragile: apiRoute({ method: 'POST', path: '/test-only/fragile', access: 'session', tag: 'test', summary: 'Crashes', body: z.strictObject({ name: z.string().max(50) }), reply: z.object({ ok: z.boolean() }) }),
  claim: apiRoute({ method: 'POST', path: '/test-only/claim', access: 'session', tag: 'test', summary: 'Checks, waits, then acts', reply: z.object({ ok: z.boolean() }) }),
  sloppy: apiRoute({ method: 'POST', path: '/test-only/sloppy', access: 'session', tag: 'test', summary: 'Commits, then refuses', body: z.strictObject({ name: z.string().max(50) }), reply: z.object({ ok: z.boolean() }) }),
};

/** Leaves the application role inside the request's transaction: what a route escaping tenancy would do. */
async function escapeTenancy(tx: Tx): Promise<void> {
  await sql`reset role`.execute(tx);
}

const brokenRoutes = [
  defineRoute(brokenApi.unlisted, { handler: async () => ({ ok: true }) }),
  // Reads org A's gap notes whoever asks: a tenancy leak.
  defineRoute(brokenApi.leaky, {
    handler: async (ctx) => {
      await escapeTenancy(ctx.tx);
      const rows = await sql<{ notes: string }>`select notes from gap_entries where org_id = ${world.orgA.id}`.execute(ctx.tx);
      return { notes: rows.rows.map((row) => row.notes) };
    },
  }),
  // Claims to need gap.write but only checks for a session, and ignores whose member it removes.
  defineRoute(brokenApi.members, { handler: async () => ({ ok: true }) }),
  // Crashes on any valid request.
  defineRoute(brokenApi.fragile, {
    handler: async () => {
      throw new Error('unexpected');
    },
  }),
  // A rule checked without a lock: "the name gets one mark, once". Two requests at once both see it
  // unmarked and both succeed.
  defineRoute(brokenApi.claim, {
    handler: async (ctx) => {
      await escapeTenancy(ctx.tx);
      const row = await sql<{ name: string }>`select name from orgs where org_id = ${world.orgA.id}`.execute(ctx.tx);
      if (row.rows[0]?.name.endsWith('#')) throw new AppError('conflict', 'Already claimed.');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await sql`update orgs set name = name || '#' where org_id = ${world.orgA.id}`.execute(ctx.tx);
      ctx.skipAudit('a deliberately broken route');
      return { ok: true };
    },
  }),
  // Commits a change to org A in a transaction of its own, then refuses the request.
  defineRoute(brokenApi.sloppy, {
    steps: async (ctx) => {
      await ctx.transaction(async (tx) => {
        await escapeTenancy(tx.tx);
        await sql`update orgs set name = name || '!' where org_id = ${world.orgA.id}`.execute(tx.tx);
        tx.skipAudit('a deliberately broken route');
      });
      throw new AppError('conflict', 'Refused after writing.');
    },
  }),
];

beforeAll(async () => {
  server = await startTestServer();
  world = await seedWorld(server, canaryPlanters);
  app = await buildApp(server.deps, { logger: false, isValidatingReplies: true, extraRoutes: brokenRoutes });
  // Refuses with its own shape instead of the envelope.
  app.get('/api/v1/test-only/shapeless', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => reply.status(400).send({ message: 'bad' }));
  facts = await loadRouteFacts(app);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await server?.close();
});

const testOnly = (route: string): InventoryEntry => ({ route, access: 'session', success: 200 });

describe('the inventory check', () => {
  it('reports a route added without an inventory entry', () => {
    const withKnownTestRoutes = [
      ...routeInventory,
      ...['GET /api/v1/test-only/leaky', 'DELETE /api/v1/test-only/members/:userId', 'POST /api/v1/test-only/fragile', 'POST /api/v1/test-only/claim', 'POST /api/v1/test-only/sloppy'].map(
        testOnly,
      ),
      { route: 'GET /api/v1/test-only/shapeless', access: 'public' as const, success: 400 },
    ];
    expect(checkInventory(facts, withKnownTestRoutes, uninventoriedPrefixes)).toEqual([
      'GET /api/v1/test-only/unlisted: in the OpenAPI document but has no inventory entry',
      'GET /api/v1/test-only/unlisted: registered (access gap.read) but has no inventory entry',
    ]);
  });

  it('reports an entry without a route, an entry listed twice, and an access rule that differs', async () => {
    const real = await loadRouteFacts(server.app);
    const [first, second, ...rest] = routeInventory;
    if (!first || !second) throw new Error('empty inventory');
    const wrong = [first, first, { ...second, access: 'gap.write' as const }, ...rest, testOnly('GET /api/v1/nowhere')];
    expect(checkInventory(real, wrong, uninventoriedPrefixes)).toEqual([
      `${first.route}: listed twice in the inventory`,
      `${second.route}: the inventory says access gap.write, the route declares ${second.access}`,
      'GET /api/v1/nowhere: in the inventory but no such route is registered',
    ]);
    expect(checkInventory(real, routeInventory, uninventoriedPrefixes)).toEqual([]);
  });
});

describe('the authorisation matrix', () => {
  it('reports a route that returns another organisation’s record', async () => {
    expect((await orgANotes()).join(' ')).toContain(world.canaries.gapNotes);
    const result = await runMatrix(app, world, [testOnly('GET /api/v1/test-only/leaky')]);
    expect(result.mismatches).toEqual([]);
    expect(result.leaks.map((cell) => [cell.actor, cell.leaked])).toEqual([['other_org', ['gapNotes']]]);
    expect(describeProblems(result)).toEqual(['GET /api/v1/test-only/leaky as other_org: reply contains org A canary gapNotes']);
  });

  it('reports a route that lets the wrong roles in, or reaches into another organisation', async () => {
    const entry: InventoryEntry = {
      route: 'DELETE /api/v1/test-only/members/:userId',
      access: 'gap.write',
      success: 200,
      addressesOrgA: true,
      request: ({ world: w }) => ({ params: { userId: w.memberId } }),
    };
    const result = await runMatrix(app, world, [entry]);
    expect(result.mismatches.map((cell) => `${cell.actor} ${cell.actual}≠${cell.expected}`)).toEqual(['staff 200≠403', 'auditor 200≠403', 'other_org 200≠404']);
  });
});

describe('the fuzzer', () => {
  const options = () => ({ app, server, orgId: world.orgA.id, jar: world.jars.owner, hints: worldHints(world), seed: 7, numRuns: 30, timeLimitMs: 20_000 });
  const target = (route: string) => {
    const found = fuzzTargets(facts.openapi, [testOnly(route)])[0];
    if (!found) throw new Error(route);
    return { ...found, body: { type: 'object', properties: { name: { type: 'string', maxLength: 50 } }, required: ['name'], additionalProperties: false } };
  };

  it('reports a 5xx', async () => {
    const outcome = await fuzzRoute(target('POST /api/v1/test-only/fragile'), options());
    expect(outcome.failure).toMatch(/server error 500/);
    expect(outcome.failure).toMatch(/fast-check seed -?\d+, path "[\d:]*"/);
  });

  it('reports a rejected request that changed stored data', async () => {
    const outcome = await fuzzRoute(target('POST /api/v1/test-only/sloppy'), options());
    expect(outcome.failure).toMatch(/409: a rejected request changed stored data/);
  });

  it('reports an error reply that is not the envelope', async () => {
    const outcome = await fuzzRoute({ ...target('GET /api/v1/test-only/shapeless'), body: null }, options());
    expect(outcome.failure).toMatch(/body is not \{"error":\{…\}\}/);
  });
});

describe('the race check', () => {
  // Only PostgreSQL interleaves two transactions; PGlite has one connection and runs them in turn.
  it.skipIf(testDatabaseKind !== 'postgresql')('reports a rule that two requests at once both pass', async () => {
    const entry = testOnly('POST /api/v1/test-only/claim');
    const problems = await runRace(app, world, entry, { requests: async () => [{ spec: {} }, { spec: {} }], maxWins: 1 });
    expect(problems.join('\n')).toMatch(/2 requests succeeded where at most 1 may/);
  });

  it('reports a refusal that is not the envelope, and a race nobody wins', async () => {
    const entry = testOnly('POST /api/v1/test-only/fragile');
    const problems = await runRace(app, world, entry, { requests: async () => [{ spec: { body: { name: 'a' } } }, { spec: { body: { name: 'b' } } }], maxWins: 1 });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^neither request succeeded/), expect.stringMatching(/^server error: 500/)]));
  });
});
