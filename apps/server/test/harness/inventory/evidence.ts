import { evidenceApi } from '@custodian/shared/contracts/evidence.ts';
import { sendEvidenceReminders } from '../../../src/modules/evidence/evidence-reminders.service.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf } from './helpers.ts';

const control = 'iso27001:2022:A.5.1';
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`).toString('base64');

/** New evidence of org A (added by its owner): a note unless a file name is given. Its id and version. */
async function freshEvidence(world: World, title = 'Some evidence', fileName?: string): Promise<{ id: string; version: number }> {
  const body = fileName ? { kind: 'file', title, file: { fileName, contentBase64: pdf(title) } } : { kind: 'note', title, note: 'Checked on site.' };
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/evidence', { body });
  if (reply.status !== 201) throw new Error(`could not add evidence: ${reply.status} ${reply.text}`);
  return json<{ id: string; version: number }>(reply);
}

/** New evidence of org A already linked to a control. */
async function linkedEvidence(world: World): Promise<string> {
  const { id } = await freshEvidence(world, 'Linked evidence');
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/evidence/:id/links', { params: { id }, body: { targetKind: 'control', targetId: control } });
  if (reply.status !== 200) throw new Error(`could not link evidence: ${reply.status} ${reply.text}`);
  return id;
}

async function linkRows(world: World, id: string): Promise<number> {
  const rows = await world.server.ownerQuery<{ n: string }>('select count(*)::text as n from evidence_links where org_id = $1 and evidence_id = $2', [world.orgA.id, id]);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Evidence of org A whose title and file name carry a canary, linked to a control, owned and expired,
 * and its reminder sent (so evidence_links and evidence_reminders hold org A rows too).
 */
export const evidenceCanaries: readonly CanaryPlanter[] = [
  {
    kind: 'evidenceTitle',
    plant: async (world, text) => {
      const { id, version } = await freshEvidence(world, `Named ${text}`, `File ${text}.pdf`);
      await send(world.server.app, world.jars.owner, 'POST', '/api/v1/evidence/:id/links', { params: { id }, body: { targetKind: 'control', targetId: control } });
      const dated = await send(world.server.app, world.jars.owner, 'PATCH', '/api/v1/evidence/:id', { params: { id }, body: { version, ownerUserId: world.userIds.owner, validUntil: '2020-01-31' } });
      if (dated.status !== 200) throw new Error(`could not date evidence: ${dated.status} ${dated.text}`);
      await sendEvidenceReminders(world.server.deps, world.server.app.log);
    },
  },
];

/** Evidence: files, links and notes, their links, the download. */
export const evidenceInventory: readonly InventoryEntry[] = [
  { ...fromRoute(evidenceApi.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(evidenceApi.get), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshEvidence(world)).id } }) },
  {
    ...fromRoute(evidenceApi.download),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshEvidence(world, 'Download me', 'download.pdf')).id } }),
    bodyText: async (raw) => raw.toString('latin1'),
  },
  {
    ...fromRoute(evidenceApi.create),
    request: () => ({ body: { kind: 'link', title: 'Added by the matrix', url: 'https://example.com/policy' } }),
    race: {
      requests: async () => [{ spec: { body: { kind: 'note', title: 'Race one', note: 'one' } } }, { spec: { body: { kind: 'file', title: 'Race two', file: { fileName: 'two.pdf', contentBase64: pdf('race two') } } } }],
      maxWins: 2,
    },
  },
  {
    ...fromRoute(evidenceApi.update),
    addressesOrgA: true,
    request: async ({ world }) => {
      const record = await freshEvidence(world);
      return { params: { id: record.id }, body: { version: record.version, description: 'changed by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const record = await freshEvidence(world);
        const edit = (description: string) => ({ spec: { params: { id: record.id }, body: { version: record.version, description } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        const final = json<{ description: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/evidence/:id', { params: { id } }));
        const expected = (requests[winnerOf(replies)]?.spec.body as { description: string } | undefined)?.description;
        return [...expectEqual('the saved description', final.description, expected), ...expectEqual('changes recorded', await countEvents(world, 'evidence.updated', id), 1)];
      },
    },
  },
  {
    ...fromRoute(evidenceApi.remove),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshEvidence(world)).id } }),
    expect: { statuses: { contributor: 403 }, reason: 'the policy lets a contributor delete only what they added; the owner added this one' },
    race: {
      requests: async ({ world }) => {
        const { id } = await freshEvidence(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('deletions recorded', await countEvents(world, 'evidence.deleted', requests[0].spec.params?.id), 1),
    },
  },
  {
    ...fromRoute(evidenceApi.link),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshEvidence(world)).id }, body: { targetKind: 'requirement', targetId: 'iso27001:2022:6.1.2' } }),
    race: {
      // The same link twice at once: both succeed (linking again changes nothing), one row, one event.
      requests: async ({ world }) => {
        const { id } = await freshEvidence(world);
        const spec = { params: { id }, body: { targetKind: 'control', targetId: control } };
        return [{ spec }, { spec }];
      },
      maxWins: 2,
      verify: async (world, _replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        return [...expectEqual('link rows', await linkRows(world, id), 1), ...expectEqual('links recorded', await countEvents(world, 'evidence.linked', id), 1)];
      },
    },
  },
  {
    ...fromRoute(evidenceApi.unlink),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: await linkedEvidence(world) }, query: { targetKind: 'control', targetId: control } }),
    race: {
      requests: async ({ world }) => {
        const id = await linkedEvidence(world);
        const spec = { params: { id }, query: { targetKind: 'control', targetId: control } };
        return [{ spec }, { spec }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        return [...expectEqual('link rows', await linkRows(world, id), 0), ...expectEqual('removals recorded', await countEvents(world, 'evidence.unlinked', id), 1)];
      },
    },
  },
];
