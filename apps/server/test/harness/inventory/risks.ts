import { riskMethodApi } from '@custodian/shared/contracts/risk-method.ts';
import { risksApi } from '@custodian/shared/contracts/risks.ts';
import { threatsApi } from '@custodian/shared/contracts/threats.ts';
import { riskMethodPresets } from '@custodian/shared/domain/risk-method-presets.ts';
import { randomUUID } from 'node:crypto';
import { sendRiskReviewReminders } from '../../../src/modules/risks/risk-reminders.service.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf } from './helpers.ts';

const three = riskMethodPresets['3x3'].method;
const five = riskMethodPresets['5x5'].method;

/** A new risk of org A (added and owned by its owner): its id and version. */
async function freshRisk(world: World, title = 'A risk'): Promise<{ id: string; version: number }> {
  const body = { title, inherent: { likelihood: 2, impact: 2 }, residual: { likelihood: 1, impact: 1 }, ownerUserId: world.userIds.owner };
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/risks', { body });
  if (reply.status !== 201) throw new Error(`could not add a risk: ${reply.status} ${reply.text}`);
  return json<{ id: string; version: number }>(reply);
}

/** A new treatment task on a new risk of org A. */
async function freshTask(world: World, title = 'A task'): Promise<{ riskId: string; id: string; version: number }> {
  const risk = await freshRisk(world);
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/risks/:id/tasks', { params: { id: risk.id }, body: { title, controlIds: ['iso27001:2022:A.8.13'] } });
  if (reply.status !== 201) throw new Error(`could not add a task: ${reply.status} ${reply.text}`);
  return { riskId: risk.id, ...json<{ id: string; version: number }>(reply) };
}

/** The accepted risk whose acceptance note carries the canary (its history shows the note). */
let canaryAcceptedRiskId: string | undefined;

/** The risk whose task carries the canary (the task list of org A reads it, so the leak check can fail). */
let canaryTaskRiskId: string | undefined;

/**
 * An accepted risk of org A on an asset, whose acceptance note carries the canary, re-scored by a
 * method change (3 × 3, then back to 5 × 5) and reminded of its overdue review: rows of org A in every
 * table of the register (risk_assets, risk_methods, risk_acceptances, risk_rescores, risk_review_reminders).
 */
async function plantAcceptedRisk(world: World, text: string): Promise<void> {
  const assetId = randomUUID();
  await world.server.ownerQuery(
    `insert into assets (org_id, id, ref, name, kind, classification, confidentiality, integrity, availability, created_at, updated_at)
     values ($1, $2, 'A-RISK-CANARY', 'Practice server', 'system', 'confidential', 3, 3, 3, now(), now())`,
    [world.orgA.id, assetId],
  );
  const app = world.server.app;
  const body = { title: 'Accepted risk', inherent: { likelihood: 5, impact: 5 }, residual: { likelihood: 3, impact: 3 }, ownerUserId: world.userIds.owner, assetIds: [assetId], nextReviewOn: '2020-01-31' };
  const risk = json<{ id: string; version: number }>(await send(app, world.jars.owner, 'POST', '/api/v1/risks', { body }));
  const accepted = await send(app, world.jars.owner, 'POST', '/api/v1/risks/:id/acceptance', { params: { id: risk.id }, body: { version: risk.version, note: `Accepted ${text}` } });
  if (accepted.status !== 200) throw new Error(`could not accept a risk: ${accepted.status} ${accepted.text}`);
  canaryAcceptedRiskId = risk.id;
  for (const method of [three, five]) {
    const current = json<{ version: number }>(await send(app, world.jars.owner, 'GET', '/api/v1/risk-method'));
    const changed = await send(app, world.jars.owner, 'PUT', '/api/v1/risk-method', { body: { ...method, version: current.version, note: 'Planted by the harness' } });
    if (changed.status !== 200) throw new Error(`could not change the method: ${changed.status} ${changed.text}`);
  }
  await sendRiskReviewReminders(world.server.deps, world.server.app.log);
}

/** A risk, a treatment task and an acceptance of org A whose texts carry canaries. */
export const risksCanaries: readonly CanaryPlanter[] = [
  { kind: 'riskAcceptanceNote', plant: plantAcceptedRisk },
  { kind: 'riskTitle', plant: async (world, text) => void (await freshRisk(world, `Risk ${text}`)) },
  {
    kind: 'riskTaskTitle',
    plant: async (world, text) => {
      canaryTaskRiskId = (await freshTask(world, `Task ${text}`)).riskId;
    },
  },
];

let methodChanges = 0;

/** The risk method, the risk register and the threat library. */
export const risksInventory: readonly InventoryEntry[] = [
  { ...fromRoute(risksApi.list), request: () => ({ query: { limit: '200', sort: 'residual', order: 'desc' } }) },
  { ...fromRoute(risksApi.get), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshRisk(world)).id } }) },
  {
    ...fromRoute(risksApi.create),
    request: () => ({ body: { title: 'Added by the matrix', inherent: { likelihood: 1, impact: 1 } } }),
    race: {
      // Two risks at once: both are added, each with its own reference.
      requests: async () => [{ spec: { body: { title: 'Race one', inherent: { likelihood: 1, impact: 1 } } } }, { spec: { body: { title: 'Race two', inherent: { likelihood: 1, impact: 1 } } } }],
      maxWins: 2,
      verify: async (_world, replies) => {
        const refs = replies.filter((r) => r.status === 201).map((r) => json<{ ref: string }>(r).ref);
        return new Set(refs).size === refs.length ? [] : [`two risks got the same reference: ${refs.join(', ')}`];
      },
    },
  },
  {
    ...fromRoute(risksApi.update),
    addressesOrgA: true,
    request: async ({ world }) => {
      const risk = await freshRisk(world);
      return { params: { id: risk.id }, body: { version: risk.version, treatmentNotes: 'changed by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const risk = await freshRisk(world);
        const edit = (treatmentNotes: string) => ({ spec: { params: { id: risk.id }, body: { version: risk.version, treatmentNotes } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        const final = json<{ treatmentNotes: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/risks/:id', { params: { id } }));
        const expected = (requests[winnerOf(replies)]?.spec.body as { treatmentNotes: string } | undefined)?.treatmentNotes;
        return [...expectEqual('the saved notes', final.treatmentNotes, expected), ...expectEqual('changes recorded', await countEvents(world, 'risk.updated', id), 1)];
      },
    },
  },
  {
    ...fromRoute(risksApi.remove),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshRisk(world)).id } }),
    expect: { statuses: { contributor: 403 }, reason: 'the policy lets a contributor delete only what they added; the owner added this one' },
    race: {
      requests: async ({ world }) => {
        const { id } = await freshRisk(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('deletions recorded', await countEvents(world, 'risk.deleted', requests[0].spec.params?.id), 1),
    },
  },
  {
    ...fromRoute(risksApi.accept),
    addressesOrgA: true,
    request: async ({ world }) => {
      const risk = await freshRisk(world);
      return { params: { id: risk.id }, body: { version: risk.version, note: 'accepted by the matrix' } };
    },
    expect: { statuses: { isms_manager: 403, contributor: 403 }, reason: "only the risk's owner accepts its residual risk; the owner of org A owns this one" },
    race: {
      // The owner accepts twice at once: one acceptance stands, the other is refused.
      requests: async ({ world }) => {
        const risk = await freshRisk(world);
        const accept = (note: string) => ({ spec: { params: { id: risk.id }, body: { version: risk.version, note } } });
        return [accept('race one'), accept('race two')];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        const rows = await world.server.ownerQuery<{ n: string }>('select count(*)::text as n from risk_acceptances where risk_id = $1', [id]);
        return [...expectEqual('acceptances recorded', rows[0]?.n, '1'), ...expectEqual('acceptance events', await countEvents(world, 'risk.accepted', id), 1)];
      },
    },
  },
  { ...fromRoute(risksApi.history), addressesOrgA: true, request: async ({ world }) => ({ params: { id: canaryAcceptedRiskId ?? (await freshRisk(world)).id } }) },
  { ...fromRoute(risksApi.tasks), addressesOrgA: true, request: async ({ world }) => ({ params: { id: canaryTaskRiskId ?? (await freshTask(world)).riskId } }) },
  {
    ...fromRoute(risksApi.addTask),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshRisk(world)).id }, body: { title: 'Added by the matrix', controlIds: ['iso27001:2022:A.5.15'] } }),
    race: {
      requests: async ({ world }) => {
        const { id } = await freshRisk(world);
        return [{ spec: { params: { id }, body: { title: 'Race one' } } }, { spec: { params: { id }, body: { title: 'Race two' } } }];
      },
      maxWins: 2,
      verify: async (world, _replies, requests) => expectEqual('tasks recorded', await countEvents(world, 'risk_task.added', requests[0].spec.params?.id), 2),
    },
  },
  {
    ...fromRoute(risksApi.updateTask),
    addressesOrgA: true,
    request: async ({ world }) => {
      const task = await freshTask(world);
      return { params: { id: task.riskId, taskId: task.id }, body: { version: task.version, status: 'in_progress' } };
    },
    race: {
      requests: async ({ world }) => {
        const task = await freshTask(world);
        const edit = (notes: string) => ({ spec: { params: { id: task.riskId, taskId: task.id }, body: { version: task.version, notes } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('task changes recorded', await countEvents(world, 'risk_task.updated', requests[0].spec.params?.id), 1),
    },
  },
  {
    ...fromRoute(risksApi.removeTask),
    addressesOrgA: true,
    request: async ({ world }) => {
      const task = await freshTask(world);
      return { params: { id: task.riskId, taskId: task.id } };
    },
    race: {
      requests: async ({ world }) => {
        const task = await freshTask(world);
        const remove = { spec: { params: { id: task.riskId, taskId: task.id } } };
        return [remove, remove];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('task removals recorded', await countEvents(world, 'risk_task.removed', requests[0].spec.params?.id), 1),
    },
  },
  { ...fromRoute(riskMethodApi.get) },
  { ...fromRoute(riskMethodApi.history) },
  {
    ...fromRoute(riskMethodApi.preview),
    request: () => ({ body: { ...three, version: 1, note: 'Previewed by the matrix' } }),
    race: { skip: 'a preview changes nothing' },
  },
  {
    ...fromRoute(riskMethodApi.change),
    // Each caller sends the version it can read (its own organisation's method), alternating 3 × 3 and 5 × 5.
    request: async ({ app, jar }) => {
      const current = await send(app, jar, 'GET', '/api/v1/risk-method');
      const version = current.status === 200 ? json<{ version: number }>(current).version : 1;
      methodChanges += 1;
      return { body: { ...(methodChanges % 2 === 0 ? five : three), version, note: 'Changed by the matrix' } };
    },
    race: {
      // Two managers change the method from the same version: one version is saved, the other is told (409).
      requests: async ({ world, app }) => {
        const current = json<{ version: number }>(await send(app, world.jars.owner, 'GET', '/api/v1/risk-method'));
        const change = (method: typeof three, note: string) => ({ spec: { body: { ...method, version: current.version, note } } });
        return [change(three, 'race one'), change(five, 'race two')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const final = json<{ version: number; changeNote: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/risk-method'));
        const sent = (requests[0].spec.body as { version: number }).version;
        const expected = (requests[winnerOf(replies)]?.spec.body as { note: string } | undefined)?.note;
        return [...expectEqual('the version saved', final.version, sent + 1), ...expectEqual('the note saved', final.changeNote, expected)];
      },
    },
  },
  { ...fromRoute(threatsApi.list) },
];
