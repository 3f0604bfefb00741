import { planApi } from '@custodian/shared/contracts/plan.ts';
import { sha256Hex } from '../../../src/lib/crypto.ts';
import { sendObligationReminders } from '../../../src/modules/plan/obligation-reminders.service.ts';
import { recordAllPlanProjections } from '../../../src/modules/plan/plan-projection.service.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, Jar, World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf } from './helpers.ts';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
let canaryTitle: string | null = null;

/**
 * The caller's plan (org A's by default), started if it has none, and in org A the canary milestone (a
 * plan start elsewhere in the run may have replaced it). A caller without a plan to read (signed out,
 * or a role that may not start one) gets version 1, which its refused request never reaches.
 */
async function ensurePlan(world: World, jar: Jar = world.jars.owner): Promise<{ version: number }> {
  const current = await send(world.server.app, jar, 'GET', '/api/v1/plan');
  if (current.status !== 200) return { version: 1 };
  let view = json<{ plan: { version: number } | null; milestones: Array<{ title: string }> }>(current);
  if (!view.plan) {
    const started = await send(world.server.app, jar, 'POST', '/api/v1/plan', { body: { targetStage2On: inDays(200) } });
    if (started.status !== 201) return { version: 1 };
    view = json(started);
  }
  if (jar === world.jars.owner && canaryTitle && !view.milestones.some((m) => m.title === canaryTitle)) {
    const added = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/plan/milestones', { body: { step: 'documents', title: canaryTitle, ownerUserId: world.userIds.owner, dueOn: '2020-01-31' } });
    if (added.status !== 201) throw new Error(`could not add the canary milestone: ${added.status} ${added.text}`);
  }
  return { version: view.plan?.version ?? 1 };
}

/** A new milestone of org A's plan: its id and version. */
async function freshMilestone(world: World, title = 'A milestone'): Promise<{ id: string; version: number }> {
  await ensurePlan(world);
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/plan/milestones', { body: { step: 'risk', title, dueOn: inDays(30) } });
  if (reply.status !== 201) throw new Error(`could not add a milestone: ${reply.status} ${reply.text}`);
  return json<{ id: string; version: number }>(reply);
}

/** A calendar feed for the person of a jar: its secret. */
async function issuedFeed(world: World, jar: Jar): Promise<string> {
  const reply = await send(world.server.app, jar, 'POST', '/api/v1/calendar-feed');
  if (reply.status !== 201) throw new Error(`could not issue a feed: ${reply.status} ${reply.text}`);
  return new URL(json<{ url: string }>(reply).url).searchParams.get('token') ?? '';
}

async function removePlans(world: World): Promise<void> {
  await world.server.ownerQuery('delete from plans where org_id = any($1::uuid[])', [[world.orgA.id, world.orgB.id]]);
}

/**
 * A milestone of org A whose title carries a canary, owned and overdue, so org A also has a recorded
 * projection naming it, a reminder sent for it, and the owner's calendar feed.
 */
export const planCanaries: readonly CanaryPlanter[] = [
  {
    kind: 'planMilestone',
    plant: async (world, text) => {
      canaryTitle = `Named ${text}`;
      await ensurePlan(world);
      await recordAllPlanProjections(world.server.deps, world.server.app.log);
      await sendObligationReminders(world.server.deps, world.server.app.log);
      await issuedFeed(world, world.jars.owner);
    },
  },
];

/** The guided path: the plan, its milestones, the calendar feed. */
export const planInventory: readonly InventoryEntry[] = [
  {
    ...fromRoute(planApi.get),
    request: async ({ world }) => {
      await ensurePlan(world);
      return {};
    },
  },
  {
    ...fromRoute(planApi.create),
    // One plan per organisation: each call starts from none (org B's too, for its owner).
    request: async ({ world }) => {
      await removePlans(world);
      return { body: { targetStage2On: inDays(180) } };
    },
    race: {
      requests: async ({ world }) => {
        await removePlans(world);
        return [{ spec: { body: { targetStage2On: inDays(150) } } }, { spec: { body: { targetStage2On: inDays(160) } } }];
      },
      maxWins: 1,
      verify: async (world) => {
        const rows = await world.server.ownerQuery<{ n: string }>('select count(*)::text as n from plan_milestones where org_id = $1', [world.orgA.id]);
        return expectEqual('default milestones of the one plan started', rows[0]?.n, '8');
      },
    },
  },
  {
    ...fromRoute(planApi.update),
    // Org B's owner changes org B's own plan (started for it when it has none).
    request: async ({ world, jar, actor }) => ({ body: { version: (await ensurePlan(world, actor === 'other_org' ? world.jars.other_org : jar)).version, targetStage2On: inDays(190) } }),
    race: {
      requests: async ({ world }) => {
        const { version } = await ensurePlan(world);
        return [{ spec: { body: { version, targetStage2On: inDays(210) } } }, { spec: { body: { version, targetStage2On: inDays(220) } } }];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const final = json<{ plan: { targetStage2On: string } }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/plan'));
        const expected = (requests[winnerOf(replies)]?.spec.body as { targetStage2On: string } | undefined)?.targetStage2On;
        return expectEqual('the saved Stage 2 date', final.plan.targetStage2On, expected);
      },
    },
  },
  {
    ...fromRoute(planApi.addMilestone),
    request: async ({ world, actor }) => {
      await ensurePlan(world);
      if (actor === 'other_org') await ensurePlan(world, world.jars.other_org);
      return { body: { step: 'scope', title: 'Added by the matrix', dueOn: inDays(20) } };
    },
    race: {
      requests: async ({ world }) => {
        await ensurePlan(world);
        return [{ spec: { body: { step: 'scope', title: 'Race one', dueOn: inDays(21) } } }, { spec: { body: { step: 'risk', title: 'Race two', dueOn: inDays(22) } } }];
      },
      maxWins: 2,
    },
  },
  {
    ...fromRoute(planApi.updateMilestone),
    addressesOrgA: true,
    request: async ({ world }) => {
      const record = await freshMilestone(world);
      return { params: { id: record.id }, body: { version: record.version, isDone: true } };
    },
    race: {
      requests: async ({ world }) => {
        const record = await freshMilestone(world);
        const edit = (title: string) => ({ spec: { params: { id: record.id }, body: { version: record.version, title } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        const rows = await world.server.ownerQuery<{ title: string }>('select title from plan_milestones where org_id = $1 and id = $2', [world.orgA.id, id]);
        const expected = (requests[winnerOf(replies)]?.spec.body as { title: string } | undefined)?.title;
        return [...expectEqual('the saved title', rows[0]?.title, expected), ...expectEqual('changes recorded', await countEvents(world, 'plan.milestone_updated', id), 1)];
      },
    },
  },
  {
    ...fromRoute(planApi.removeMilestone),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshMilestone(world)).id } }),
    race: {
      requests: async ({ world }) => {
        const { id } = await freshMilestone(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('deletions recorded', await countEvents(world, 'plan.milestone_deleted', requests[0].spec.params?.id), 1),
    },
  },
  { ...fromRoute(planApi.feedStatus) },
  {
    ...fromRoute(planApi.issueFeed),
    race: {
      requests: async () => [{ spec: {} }, { spec: {} }],
      maxWins: 2,
      // Both succeed; the later one replaces the earlier: exactly one of the two addresses still works.
      verify: async (world, replies) => {
        const rows = await world.server.ownerQuery<{ token_hash: string }>('select token_hash from calendar_feeds where org_id = $1 and user_id = $2', [world.orgA.id, world.userIds.owner]);
        const hashes = replies.map((r) => sha256Hex(new URL(json<{ url: string }>(r).url).searchParams.get('token') ?? ''));
        return expectEqual('addresses that still work', hashes.filter((h) => h === rows[0]?.token_hash).length, 1);
      },
    },
  },
  {
    ...fromRoute(planApi.revokeFeed),
    // The caller's own feed, issued first when the caller may have one (others are refused anyway).
    request: async ({ world, jar }) => {
      await send(world.server.app, jar, 'POST', '/api/v1/calendar-feed');
      return {};
    },
    race: {
      requests: async ({ world }) => {
        await issuedFeed(world, world.jars.owner);
        return [{ spec: {} }, { spec: {} }];
      },
      maxWins: 1,
    },
  },
  {
    ...fromRoute(planApi.feed),
    request: async ({ world }) => {
      await ensurePlan(world);
      return { query: { token: await issuedFeed(world, world.jars.owner) } };
    },
    // The feed holds every dated obligation the owner sees: the organisation's and people's names and the
    // titles of risks, evidence, policies, audits, reviews, training and milestones, each a canary of org A.
    mayReveal: {
      canaries: ['planMilestone', 'orgName', 'memberName', 'riskTitle', 'evidenceTitle', 'documentName', 'managementReviewTitle', 'auditTitle', 'trainingTitle'],
      reason: 'the secret address is the credential: whoever holds the owner’s feed address reads the owner’s feed',
    },
  },
];
