import { documentsApi } from '@custodian/shared/contracts/documents.ts';
import { roles } from '@custodian/shared/permissions.ts';
import { sendDocumentReminders } from '../../../src/modules/documents/document-reminders.service.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf } from './helpers.ts';

/** A new document of org A (added by its owner) with some text: its id and version. */
async function freshDocument(world: World, name = 'A document'): Promise<{ id: string; version: number }> {
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/documents', { body: { name } });
  if (reply.status !== 201) throw new Error(`could not add a document: ${reply.status} ${reply.text}`);
  const created = json<{ id: string; version: number }>(reply);
  const saved = await send(world.server.app, world.jars.owner, 'PATCH', '/api/v1/documents/:id', { params: { id: created.id }, body: { version: created.version, draftHtml: `<p>${name}: read this.</p>` } });
  if (saved.status !== 200) throw new Error(`could not write a document: ${saved.status} ${saved.text}`);
  return json<{ id: string; version: number }>(saved);
}

/** A document of org A, approved (version 1.0) and assigned to every role: its id. */
async function approvedDocument(world: World, name = 'An approved policy'): Promise<string> {
  const { id, version } = await freshDocument(world, name);
  const approved = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/documents/:id/approve', { params: { id }, body: { version, isMajor: true, changeNote: 'First issue' } });
  if (approved.status !== 200) throw new Error(`could not approve a document: ${approved.status} ${approved.text}`);
  for (const role of roles) await send(world.server.app, world.jars.owner, 'POST', '/api/v1/documents/:id/assignments', { params: { id }, body: { role } });
  return id;
}

async function rowCount(world: World, table: string, documentId: string): Promise<number> {
  const rows = await world.server.ownerQuery<{ n: string }>(`select count(*)::text as n from ${table} where org_id = $1 and document_id = $2`, [world.orgA.id, documentId]);
  return Number(rows[0]?.n ?? 0);
}

/**
 * A document of org A whose name carries a canary, approved, assigned to staff, acknowledged by the
 * staff member, and a reminder sent (so every documents table holds org A rows).
 */
export const documentsCanaries: readonly CanaryPlanter[] = [
  {
    kind: 'documentName',
    plant: async (world, text) => {
      const id = await approvedDocument(world, `Named ${text}`);
      const ack = await send(world.server.app, world.jars.staff, 'POST', '/api/v1/acknowledgements/:id', { params: { id }, body: { number: 1 } });
      if (ack.status !== 200) throw new Error(`could not acknowledge: ${ack.status} ${ack.text}`);
      // Its review falls due in ten days, so the reminder job sends (and records) the owner's reminder.
      await world.server.ownerQuery('update documents set next_review_on = current_date + 10, owner_user_id = coalesce(owner_user_id, $3) where org_id = $1 and id = $2', [world.orgA.id, id, world.userIds.owner]);
      const sent = await sendDocumentReminders(world.server.deps, world.server.app.log);
      if (sent < 1) throw new Error('the review reminder was not sent');
    },
  },
];

/** Documents and staff acknowledgement. */
export const documentsInventory: readonly InventoryEntry[] = [
  { ...fromRoute(documentsApi.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(documentsApi.templates) },
  { ...fromRoute(documentsApi.mandatory) },
  { ...fromRoute(documentsApi.coverage) },
  { ...fromRoute(documentsApi.peopleCoverage), request: () => ({ query: { limit: '50' } }) },
  { ...fromRoute(documentsApi.get), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshDocument(world)).id } }) },
  {
    ...fromRoute(documentsApi.create),
    request: () => ({ body: { templateKey: 'backup' } }),
    race: { requests: async () => [{ spec: { body: { name: 'Race one' } } }, { spec: { body: { templateKey: 'cryptography' } } }], maxWins: 2 },
  },
  {
    ...fromRoute(documentsApi.update),
    addressesOrgA: true,
    request: async ({ world }) => {
      const record = await freshDocument(world);
      return { params: { id: record.id }, body: { version: record.version, draftHtml: '<p>changed by the matrix</p>' } };
    },
    race: {
      requests: async ({ world }) => {
        const record = await freshDocument(world);
        const edit = (name: string) => ({ spec: { params: { id: record.id }, body: { version: record.version, name } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        const final = json<{ name: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/documents/:id', { params: { id } }));
        const expected = (requests[winnerOf(replies)]?.spec.body as { name: string } | undefined)?.name;
        return [...expectEqual('the saved name', final.name, expected), ...expectEqual('changes recorded', await countEvents(world, 'documents.updated', id), 2)];
      },
    },
  },
  {
    ...fromRoute(documentsApi.remove),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshDocument(world)).id } }),
    expect: { statuses: { contributor: 403 }, reason: 'the policy lets a contributor delete only what they added; the owner added this one' },
    race: {
      requests: async ({ world }) => {
        const { id } = await freshDocument(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('deletions recorded', await countEvents(world, 'documents.deleted', requests[0].spec.params?.id), 1),
    },
  },
  {
    ...fromRoute(documentsApi.approve),
    addressesOrgA: true,
    request: async ({ world }) => {
      const record = await freshDocument(world);
      return { params: { id: record.id }, body: { version: record.version, isMajor: true, changeNote: 'Approved by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const record = await freshDocument(world);
        const approval = (changeNote: string) => ({ spec: { params: { id: record.id }, body: { version: record.version, isMajor: true, changeNote } } });
        return [approval('race one'), approval('race two')];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('versions approved', await rowCount(world, 'document_versions', requests[0].spec.params?.id ?? ''), 1),
    },
  },
  { ...fromRoute(documentsApi.version), addressesOrgA: true, request: async ({ world }) => ({ params: { id: await approvedDocument(world), number: '1' } }) },
  {
    ...fromRoute(documentsApi.versionDocx),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: await approvedDocument(world), number: '1' } }),
    bodyText: async (raw) => raw.toString('latin1'),
  },
  {
    ...fromRoute(documentsApi.versionPdf),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: await approvedDocument(world), number: '1' } }),
    bodyText: async (raw) => raw.toString('latin1'),
  },
  {
    ...fromRoute(documentsApi.assign),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshDocument(world)).id }, body: { role: 'staff' } }),
    race: {
      requests: async ({ world }) => {
        const { id } = await freshDocument(world);
        return [{ spec: { params: { id }, body: { role: 'staff' } } }, { spec: { params: { id }, body: { role: 'staff' } } }];
      },
      maxWins: 2,
      verify: async (world, _replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        return [...expectEqual('assignments kept', await rowCount(world, 'document_assignments', id), 1), ...expectEqual('assignments recorded', await countEvents(world, 'documents.assigned', id), 1)];
      },
    },
  },
  {
    ...fromRoute(documentsApi.unassign),
    addressesOrgA: true,
    request: async ({ world }) => {
      const { id } = await freshDocument(world);
      const assigned = json<{ id: string }>(await send(world.server.app, world.jars.owner, 'POST', '/api/v1/documents/:id/assignments', { params: { id }, body: { role: 'staff' } }));
      return { params: { id, assignmentId: assigned.id } };
    },
    race: {
      requests: async ({ world }) => {
        const { id } = await freshDocument(world);
        const assigned = json<{ id: string }>(await send(world.server.app, world.jars.owner, 'POST', '/api/v1/documents/:id/assignments', { params: { id }, body: { role: 'staff' } }));
        return [{ spec: { params: { id, assignmentId: assigned.id } } }, { spec: { params: { id, assignmentId: assigned.id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('removals recorded', await countEvents(world, 'documents.unassigned', requests[0].spec.params?.id), 1),
    },
  },
  { ...fromRoute(documentsApi.mine) },
  {
    ...fromRoute(documentsApi.acknowledge),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: await approvedDocument(world) }, body: { number: 1 } }),
    race: {
      requests: async ({ world }) => {
        const id = await approvedDocument(world);
        return [{ spec: { params: { id }, body: { number: 1 } } }, { spec: { params: { id }, body: { number: 1 } } }];
      },
      maxWins: 2,
      verify: async (world, _replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        return [...expectEqual('acknowledgements kept', await rowCount(world, 'document_acknowledgements', id), 1), ...expectEqual('acknowledgements recorded', await countEvents(world, 'documents.acknowledged', id), 1)];
      },
    },
  },
];
