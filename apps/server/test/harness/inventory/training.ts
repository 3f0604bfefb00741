import { randomUUID } from 'node:crypto';
import { trainingApi } from '@custodian/shared/contracts/training.ts';
import { todayIn } from '../../../src/lib/dates.ts';
import { sendTrainingReminders } from '../../../src/modules/training/training-reminders.service.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf } from './helpers.ts';

const orgAMembers = ['owner', 'isms_manager', 'contributor', 'staff', 'auditor'] as const;
const today = () => todayIn('Australia/Sydney', new Date());

/** A new training item of org A (added by its owner), assigned to `assignTo` (member user ids, or a role). */
async function freshItem(world: World, options: { title?: string; members?: string[]; role?: string; dueDays?: number } = {}): Promise<{ id: string; version: number }> {
  const body = { kind: 'content', title: options.title ?? 'A training', content: 'Lock your screen.', frequency: 'yearly', dueDays: options.dueDays ?? 30 };
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/training', { body });
  if (reply.status !== 201) throw new Error(`could not add a training item: ${reply.status} ${reply.text}`);
  const item = json<{ id: string; version: number }>(reply);
  const targets = [...(options.members ?? []).map((id) => ({ targetKind: 'member', targetId: id })), ...(options.role ? [{ targetKind: 'role', targetId: options.role }] : [])];
  let version = item.version;
  for (const target of targets) {
    const assigned = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/training/:id/assignments', { params: { id: item.id }, body: target });
    if (assigned.status !== 200) throw new Error(`could not assign: ${assigned.status} ${assigned.text}`);
    version = json<{ version: number }>(assigned).version;
  }
  return { id: item.id, version };
}

async function freshTeam(world: World, name = `Team ${randomUUID().slice(0, 8)}`): Promise<string> {
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/training-teams', { body: { name } });
  if (reply.status !== 201) throw new Error(`could not add a team: ${reply.status} ${reply.text}`);
  return json<{ id: string }>(reply).id;
}

async function rows(world: World, sql: string, params: unknown[]): Promise<number> {
  return Number((await world.server.ownerQuery<{ n: string }>(sql, params))[0]?.n ?? 0);
}

/**
 * A training item of org A whose title carries a canary, in a team whose name carries it, assigned,
 * completed with a canary in the evidence, and overdue with its reminder sent: every training table
 * holds org A rows.
 */
export const trainingCanaries: readonly CanaryPlanter[] = [
  {
    kind: 'trainingTitle',
    plant: async (world, text) => {
      const team = await freshTeam(world, `Team ${text}`);
      await send(world.server.app, world.jars.owner, 'PUT', '/api/v1/training-teams/membership', { body: { userId: world.userIds.staff, teamId: team } });
      const item = await freshItem(world, { title: `Named ${text}`, members: [world.userIds.owner] });
      await send(world.server.app, world.jars.owner, 'POST', '/api/v1/training/:id/assignments', { params: { id: item.id }, body: { targetKind: 'team', targetId: team } });
      const done = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/training/:id/completions', { params: { id: item.id }, body: { userId: world.userIds.owner, completedOn: today(), evidenceNote: `Note ${text}` } });
      if (done.status !== 201) throw new Error(`could not record a completion: ${done.status} ${done.text}`);
      await freshItem(world, { title: `Soon ${text}`, members: [world.userIds.owner], dueDays: 1 });
      await sendTrainingReminders(world.server.deps, world.server.app.log);
    },
  },
];

/** Awareness training: items, assignments, completions, teams, coverage and a person's own training. */
export const trainingInventory: readonly InventoryEntry[] = [
  { ...fromRoute(trainingApi.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(trainingApi.get), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshItem(world)).id } }) },
  {
    ...fromRoute(trainingApi.create),
    request: () => ({ body: { kind: 'link', title: 'Added by the matrix', url: 'https://example.com/course', frequency: 'once' } }),
    race: { requests: async () => [{ spec: { body: { kind: 'content', title: 'Race one', content: 'one', frequency: 'once' } } }, { spec: { body: { kind: 'content', title: 'Race two', content: 'two', frequency: 'yearly' } } }], maxWins: 2 },
  },
  {
    ...fromRoute(trainingApi.update),
    addressesOrgA: true,
    request: async ({ world }) => {
      const item = await freshItem(world);
      return { params: { id: item.id }, body: { version: item.version, title: 'Changed by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const item = await freshItem(world);
        const edit = (title: string) => ({ spec: { params: { id: item.id }, body: { version: item.version, title } } });
        return [edit('Race one'), edit('Race two')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        const final = json<{ title: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/training/:id', { params: { id } }));
        const expected = (requests[winnerOf(replies)]?.spec.body as { title: string } | undefined)?.title;
        return [...expectEqual('the saved title', final.title, expected), ...expectEqual('changes recorded', await countEvents(world, 'training.updated', id), 1)];
      },
    },
  },
  {
    ...fromRoute(trainingApi.remove),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshItem(world)).id } }),
    race: {
      requests: async ({ world }) => {
        const { id } = await freshItem(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('deletions recorded', await countEvents(world, 'training.deleted', requests[0].spec.params?.id), 1),
    },
  },
  {
    ...fromRoute(trainingApi.assign),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshItem(world)).id }, body: { targetKind: 'role', targetId: 'staff' } }),
    race: {
      requests: async ({ world }) => {
        const { id } = await freshItem(world);
        const spec = { spec: { params: { id }, body: { targetKind: 'role', targetId: 'staff' } } };
        return [spec, spec];
      },
      maxWins: 2,
      verify: async (world, _replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        return [
          ...expectEqual('assignments kept', await rows(world, 'select count(*)::text as n from training_assignments where org_id = $1 and item_id = $2', [world.orgA.id, id]), 1),
          ...expectEqual('assignments recorded', await countEvents(world, 'training.assigned', id), 1),
        ];
      },
    },
  },
  {
    ...fromRoute(trainingApi.unassign),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshItem(world, { role: 'staff' })).id }, query: { targetKind: 'role', targetId: 'staff' } }),
    race: {
      requests: async ({ world }) => {
        const { id } = await freshItem(world, { role: 'staff' });
        const spec = { spec: { params: { id }, query: { targetKind: 'role', targetId: 'staff' } } };
        return [spec, spec];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('removals recorded', await countEvents(world, 'training.unassigned', requests[0].spec.params?.id), 1),
    },
  },
  { ...fromRoute(trainingApi.completions), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshItem(world)).id } }) },
  {
    ...fromRoute(trainingApi.record),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshItem(world, { members: [world.userIds.staff] })).id }, body: { userId: world.userIds.staff, completedOn: today(), evidenceNote: 'Certificate 1' } }),
    race: {
      requests: async ({ world }) => {
        const { id } = await freshItem(world, { members: [world.userIds.staff] });
        const spec = (note: string) => ({ spec: { params: { id }, body: { userId: world.userIds.staff, completedOn: today(), evidenceNote: note } } });
        return [spec('Certificate one'), spec('Certificate two')];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        return expectEqual('completions kept', await rows(world, 'select count(*)::text as n from training_completions where org_id = $1 and item_id = $2', [world.orgA.id, id]), 1);
      },
    },
  },
  { ...fromRoute(trainingApi.teams) },
  {
    ...fromRoute(trainingApi.createTeam),
    request: () => ({ body: { name: `Matrix ${randomUUID().slice(0, 8)}` } }),
    race: {
      requests: async () => {
        const name = `Race ${randomUUID().slice(0, 8)}`;
        return [{ spec: { body: { name } } }, { spec: { body: { name: name.toUpperCase() } } }];
      },
      maxWins: 1,
    },
  },
  {
    ...fromRoute(trainingApi.setTeam),
    addressesOrgA: true,
    request: async ({ world }) => ({ body: { userId: world.userIds.auditor, teamId: await freshTeam(world) } }),
    race: {
      requests: async ({ world }) => {
        const [one, two] = [await freshTeam(world), await freshTeam(world)];
        return [{ spec: { body: { userId: world.userIds.contributor, teamId: one } } }, { spec: { body: { userId: world.userIds.contributor, teamId: two } } }];
      },
      maxWins: 2,
      verify: async (world, _replies, requests) => {
        const teams = requests.map((r) => (r.spec.body as { teamId: string }).teamId);
        const found = await world.server.ownerQuery<{ team_id: string }>('select team_id from training_team_members where org_id = $1 and user_id = $2', [world.orgA.id, world.userIds.contributor]);
        return found.length === 1 && teams.includes(found[0]?.team_id ?? '') ? [] : ['the member is in exactly one of the two teams'];
      },
    },
  },
  { ...fromRoute(trainingApi.coverage) },
  { ...fromRoute(trainingApi.mine) },
  {
    ...fromRoute(trainingApi.completeMine),
    addressesOrgA: true,
    request: async ({ world, actor }) => {
      const member = (orgAMembers as readonly string[]).includes(actor) ? world.userIds[actor as (typeof orgAMembers)[number]] : undefined;
      return { params: { id: (await freshItem(world, { members: member ? [member] : [] })).id }, body: { completedOn: today() } };
    },
    race: {
      requests: async ({ world }) => {
        const { id } = await freshItem(world, { members: [world.userIds.owner] });
        const spec = { spec: { params: { id }, body: { completedOn: today() } } };
        return [spec, spec];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        return expectEqual('completions kept', await rows(world, 'select count(*)::text as n from training_completions where org_id = $1 and item_id = $2', [world.orgA.id, id]), 1);
      },
    },
  },
];
