import { auditsApi } from '@custodian/shared/contracts/audits.ts';
import { nonconformitiesApi } from '@custodian/shared/contracts/nonconformities.ts';
import { sendCorrectiveActionReminders } from '../../../src/modules/audits/audits.service.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf } from './helpers.ts';

interface Line {
  itemId: string;
  version: number;
}
interface AuditReply {
  id: string;
  version: number;
  checklist: Line[];
}
interface NcReply {
  id: string;
  number: number;
  version: number;
  actions: Array<{ id: string; version: number }>;
}

async function ok<T>(world: World, method: 'POST' | 'PATCH', path: string, options: { params?: Record<string, string>; body: unknown }): Promise<T> {
  const reply = await send(world.server.app, world.jars.owner, method, path, options);
  if (reply.status !== 200 && reply.status !== 201) throw new Error(`${method} ${path} failed: ${reply.status} ${reply.text}`);
  return json<T>(reply);
}

/** A planned audit of org A covering clause 10, audited by the owner (who owns nothing in scope). */
async function freshAudit(world: World, title = 'A planned audit'): Promise<AuditReply> {
  const body = { title, scopeClauses: ['10'], plannedStart: '2027-03-01', plannedEnd: '2027-03-02', auditorUserId: world.userIds.owner };
  return ok<AuditReply>(world, 'POST', '/api/v1/audits', { body });
}

async function startedAudit(world: World, title = 'A started audit'): Promise<AuditReply> {
  const audit = await freshAudit(world, title);
  return ok<AuditReply>(world, 'PATCH', '/api/v1/audits/:id', { params: { id: audit.id }, body: { version: audit.version, status: 'in_progress' } });
}

/** A started audit with every checklist line recorded: ready to complete. */
async function checkedAudit(world: World): Promise<AuditReply> {
  const audit = await startedAudit(world, 'A checked audit');
  for (const line of audit.checklist) {
    await ok(world, 'PATCH', '/api/v1/audits/:id/checklist/:itemId', { params: { id: audit.id, itemId: line.itemId }, body: { version: line.version, result: 'conforms' } });
  }
  return audit;
}

async function freshNc(world: World, title = 'A nonconformity'): Promise<NcReply> {
  return ok<NcReply>(world, 'POST', '/api/v1/nonconformities', { body: { source: 'complaint', severity: 'minor', title } });
}

async function ncWithAction(world: World, description = 'Fix it', dueOn = '2027-01-01'): Promise<NcReply> {
  const nc = await freshNc(world);
  return ok<NcReply>(world, 'POST', '/api/v1/nonconformities/:id/actions', { params: { id: nc.id }, body: { description, ownerUserId: world.userIds.owner, dueOn } });
}

/** A nonconformity with its root cause and its one action completed: awaiting the effectiveness review. */
async function ncAwaitingReview(world: World): Promise<NcReply> {
  const nc = await ncWithAction(world);
  const action = nc.actions[0] ?? { id: '', version: 0 };
  const done = await ok<NcReply>(world, 'PATCH', '/api/v1/nonconformities/:id/actions/:actionId', { params: { id: nc.id, actionId: action.id }, body: { version: action.version, isCompleted: true } });
  return ok<NcReply>(world, 'PATCH', '/api/v1/nonconformities/:id', { params: { id: nc.id }, body: { version: done.version, rootCause: 'No check in place' } });
}

async function ncNumbers(world: World): Promise<number[]> {
  const rows = await world.server.ownerQuery<{ number: number }>('select number from nonconformities where org_id = $1', [world.orgA.id]);
  return rows.map((row) => Number(row.number));
}

const distinctNumbers = async (world: World) => {
  const numbers = await ncNumbers(world);
  return expectEqual('distinct NC numbers', new Set(numbers).size, numbers.length);
};

/**
 * Org A records carrying a canary: an audit (and its checklist), a finding raising a nonconformity, a
 * corrective action, an effectiveness review, and an overdue reminder sent.
 */
export const auditsCanaries: readonly CanaryPlanter[] = [
  {
    kind: 'auditTitle',
    plant: async (world, text) => {
      const audit = await startedAudit(world, `Audit ${text}`);
      await ok(world, 'POST', '/api/v1/audits/:id/findings', { params: { id: audit.id }, body: { type: 'minor', description: `Finding ${text}` } });
      const nc = await ncWithAction(world, `Action ${text}`, '2020-01-01');
      await sendCorrectiveActionReminders(world.server.deps, world.server.app.log);
      const review = await ncAwaitingReview(world);
      await ok(world, 'POST', '/api/v1/nonconformities/:id/reviews', { params: { id: review.id }, body: { version: review.version, isEffective: true, notes: `Review ${text}` } });
      await ok(world, 'PATCH', '/api/v1/nonconformities/:id', { params: { id: nc.id }, body: { version: nc.version, rootCause: `Cause ${text}` } });
    },
  },
];

/** Internal audits and nonconformities. */
export const auditsInventory: readonly InventoryEntry[] = [
  { ...fromRoute(auditsApi.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(auditsApi.programme), request: () => ({}) },
  { ...fromRoute(auditsApi.get), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshAudit(world)).id } }) },
  {
    ...fromRoute(auditsApi.create),
    // The auditor is a member of the caller's own organisation (org B's owner when org B calls).
    request: ({ world, actor }) => ({ body: { title: 'Added by the matrix', scopeClauses: ['4'], plannedStart: '2027-01-01', plannedEnd: '2027-01-01', auditorUserId: world.userIds[actor === 'other_org' ? 'other_org' : 'owner'] } }),
    race: { requests: async () => [{ spec: { body: { title: 'Race one', scopeClauses: ['4'], plannedStart: '2027-01-01', plannedEnd: '2027-01-01' } } }, { spec: { body: { title: 'Race two', scopeClauses: ['5'], plannedStart: '2027-01-01', plannedEnd: '2027-01-01' } } }], maxWins: 2 },
  },
  {
    ...fromRoute(auditsApi.update),
    addressesOrgA: true,
    request: async ({ world }) => {
      const audit = await freshAudit(world);
      return { params: { id: audit.id }, body: { version: audit.version, criteria: 'changed by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const audit = await freshAudit(world);
        const edit = (criteria: string) => ({ spec: { params: { id: audit.id }, body: { version: audit.version, criteria } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        const final = json<{ criteria: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/audits/:id', { params: { id } }));
        const expected = (requests[winnerOf(replies)]?.spec.body as { criteria: string } | undefined)?.criteria;
        return [...expectEqual('the saved criteria', final.criteria, expected), ...expectEqual('changes recorded', await countEvents(world, 'audits.updated', id), 1)];
      },
    },
  },
  {
    ...fromRoute(auditsApi.complete),
    addressesOrgA: true,
    request: async ({ world }) => {
      const audit = await checkedAudit(world);
      const current = json<AuditReply>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/audits/:id', { params: { id: audit.id } }));
      return { params: { id: audit.id }, body: { version: current.version, conclusion: 'Conforms.' } };
    },
    race: {
      requests: async ({ world }) => {
        const audit = await checkedAudit(world);
        const current = json<AuditReply>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/audits/:id', { params: { id: audit.id } }));
        const complete = (conclusion: string) => ({ spec: { params: { id: audit.id }, body: { version: current.version, conclusion } } });
        return [complete('one'), complete('two')];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('completions recorded', await countEvents(world, 'audits.completed', requests[0].spec.params?.id), 1),
    },
  },
  {
    ...fromRoute(auditsApi.remove),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshAudit(world)).id } }),
    race: {
      requests: async ({ world }) => {
        const { id } = await freshAudit(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('deletions recorded', await countEvents(world, 'audits.deleted', requests[0].spec.params?.id), 1),
    },
  },
  {
    ...fromRoute(auditsApi.updateChecklist),
    addressesOrgA: true,
    request: async ({ world }) => {
      const audit = await startedAudit(world);
      const line = audit.checklist[0] ?? { itemId: 'none', version: 1 };
      return { params: { id: audit.id, itemId: line.itemId }, body: { version: line.version, result: 'conforms', notes: 'Seen' } };
    },
    race: {
      requests: async ({ world }) => {
        const audit = await startedAudit(world);
        const line = audit.checklist[0] ?? { itemId: 'none', version: 1 };
        const record = (result: string) => ({ spec: { params: { id: audit.id, itemId: line.itemId }, body: { version: line.version, result } } });
        return [record('conforms'), record('observation')];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('checklist results recorded', await countEvents(world, 'audits.checklist_recorded', requests[0].spec.params?.id), 1),
    },
  },
  {
    ...fromRoute(auditsApi.addFinding),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await startedAudit(world)).id }, body: { type: 'observation', description: 'Seen by the matrix' } }),
    race: {
      requests: async ({ world }) => {
        const { id } = await startedAudit(world);
        const finding = (description: string) => ({ spec: { params: { id }, body: { type: 'major', description } } });
        return [finding('Race one'), finding('Race two')];
      },
      maxWins: 2,
      verify: async (world) => distinctNumbers(world),
    },
  },
  { ...fromRoute(auditsApi.reportDocx), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshAudit(world)).id } }), bodyText: async (raw) => raw.toString('latin1') },
  { ...fromRoute(auditsApi.reportPdf), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshAudit(world)).id } }), bodyText: async (raw) => raw.toString('latin1') },
  { ...fromRoute(nonconformitiesApi.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(nonconformitiesApi.get), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshNc(world)).id } }) },
  {
    ...fromRoute(nonconformitiesApi.create),
    request: () => ({ body: { source: 'incident', severity: 'major', title: 'Added by the matrix' } }),
    race: {
      requests: async () => [{ spec: { body: { source: 'incident', severity: 'minor', title: 'Race one' } } }, { spec: { body: { source: 'complaint', severity: 'minor', title: 'Race two' } } }],
      maxWins: 2,
      verify: async (world) => distinctNumbers(world),
    },
  },
  {
    ...fromRoute(nonconformitiesApi.update),
    addressesOrgA: true,
    request: async ({ world }) => {
      const nc = await freshNc(world);
      return { params: { id: nc.id }, body: { version: nc.version, correction: 'changed by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const nc = await freshNc(world);
        const edit = (correction: string) => ({ spec: { params: { id: nc.id }, body: { version: nc.version, correction } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('changes recorded', await countEvents(world, 'nonconformities.updated', requests[0].spec.params?.id), 1),
    },
  },
  {
    ...fromRoute(nonconformitiesApi.addAction),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshNc(world)).id }, body: { description: 'Added by the matrix', dueOn: '2027-02-01' } }),
    race: {
      // Two actions added at once are both kept, and the nonconformity's status is settled once for both.
      requests: async ({ world }) => {
        const { id } = await freshNc(world);
        const action = (description: string) => ({ spec: { params: { id }, body: { description, dueOn: '2027-02-01' } } });
        return [action('Race one'), action('Race two')];
      },
      maxWins: 2,
      verify: async (world, _replies, requests) => {
        const nc = json<{ status: string; actions: unknown[] }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/nonconformities/:id', { params: { id: requests[0].spec.params?.id ?? '' } }));
        return [...expectEqual('actions kept', nc.actions.length, 2), ...expectEqual('status', nc.status, 'action_planned')];
      },
    },
  },
  {
    ...fromRoute(nonconformitiesApi.updateAction),
    addressesOrgA: true,
    request: async ({ world }) => {
      const nc = await ncWithAction(world);
      const action = nc.actions[0] ?? { id: '', version: 0 };
      return { params: { id: nc.id, actionId: action.id }, body: { version: action.version, isCompleted: true } };
    },
    race: {
      requests: async ({ world }) => {
        const nc = await ncWithAction(world);
        const action = nc.actions[0] ?? { id: '', version: 0 };
        const edit = (dueOn: string) => ({ spec: { params: { id: nc.id, actionId: action.id }, body: { version: action.version, dueOn } } });
        return [edit('2027-05-01'), edit('2027-06-01')];
      },
      maxWins: 1,
    },
  },
  {
    ...fromRoute(nonconformitiesApi.addReview),
    addressesOrgA: true,
    request: async ({ world }) => {
      const nc = await ncAwaitingReview(world);
      return { params: { id: nc.id }, body: { version: nc.version, isEffective: true, notes: 'Checked by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const nc = await ncAwaitingReview(world);
        const review = (isEffective: boolean) => ({ spec: { params: { id: nc.id }, body: { version: nc.version, isEffective, notes: 'Raced' } } });
        return [review(true), review(false)];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('reviews recorded', await countEvents(world, 'nonconformities.reviewed', requests[0].spec.params?.id), 1),
    },
  },
  { ...fromRoute(nonconformitiesApi.registerPdf), request: () => ({}), bodyText: async (raw) => raw.toString('latin1') },
];
