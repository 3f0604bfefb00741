import { controlsApi } from '@custodian/shared/contracts/controls.ts';
import { soaApi } from '@custodian/shared/contracts/soa.ts';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { docxParagraphs, pdfText } from '../../read-document.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, Jar, World } from '../world.ts';
import { expectEqual, json, xlsxText } from './helpers.ts';

const a51 = 'iso27001:2022:A.5.1';

/** A new control of org A's own (added by its owner): its id and version. */
async function freshControl(world: World, title = 'A control of our own'): Promise<{ controlId: string; version: number }> {
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/controls', { body: { title } });
  if (reply.status !== 201) throw new Error(`could not add a control: ${reply.status} ${reply.text}`);
  return json<{ controlId: string; version: number }>(reply);
}

const controlOf = async (app: FastifyInstance, jar: Jar, controlId: string) => json<{ version: number; reasons: string[] }>(await send(app, jar, 'GET', '/api/v1/controls/:controlId', { params: { controlId } }));

/**
 * The caller's own statement made approvable (every control given a reason) and different from its latest
 * approved version (A.5.1's implementation changed): the fingerprint to approve it with. A caller who may
 * not read or write gets a fingerprint that matches nothing.
 */
async function approvableStatement(app: FastifyInstance, jar: Jar): Promise<string> {
  const all = await send(app, jar, 'GET', '/api/v1/controls', { query: { limit: '200' } });
  if (all.status !== 200) return '0'.repeat(64);
  const controlIds = json<{ items: Array<{ controlId: string }> }>(all).items.map((item) => item.controlId);
  await send(app, jar, 'POST', '/api/v1/controls/reasons', { body: { controlIds, reasons: ['good_practice'] } });
  const { version } = await controlOf(app, jar, a51);
  await send(app, jar, 'PATCH', '/api/v1/controls/:controlId', { params: { controlId: a51 }, body: { version, implementation: `Policy set, revision ${randomUUID()}` } });
  // Whatever else the run left in the way (an implemented control without evidence, one excluded that a task names) is put right.
  for (;;) {
    const draft = json<{ checksum: string; checks: Array<{ kind: string; controlId: string }> }>(await send(app, jar, 'GET', '/api/v1/soa'));
    const check = draft.checks[0];
    if (!check) return draft.checksum;
    const params = { controlId: check.controlId };
    const current = await controlOf(app, jar, check.controlId);
    const fix = { implemented_without_evidence: { noEvidenceReason: 'Shown live at audit' }, excluded_treats_risk: { status: 'partial' }, included_without_reason: { reasons: ['good_practice'] } }[check.kind];
    const fixed = await send(app, jar, 'PATCH', '/api/v1/controls/:controlId', { params, body: { version: current.version, ...fix } });
    if (fixed.status !== 200) throw new Error(`could not resolve the check on ${check.controlId}: ${fixed.status} ${fixed.text}`);
  }
}

async function approve(app: FastifyInstance, jar: Jar, note: string): Promise<void> {
  const checksum = await approvableStatement(app, jar);
  const reply = await send(app, jar, 'POST', '/api/v1/soa/approve', { body: { checksum, note } });
  if (reply.status !== 201) throw new Error(`could not approve the statement: ${reply.status} ${reply.text}`);
}

/** Version 1 exists in the caller's organisation: org A's from its canary; another organisation's owner approves their own. */
async function callersVersion({ app, jar, actor }: { app: FastifyInstance; jar: Jar; actor: string }): Promise<{ params: { version: string } }> {
  if (actor === 'other_org') {
    const versions = json<{ items: unknown[] }>(await send(app, jar, 'GET', '/api/v1/soa/versions'));
    if (versions.items.length === 0) await approve(app, jar, 'Approved by the matrix');
  }
  return { params: { version: '1' } };
}

/** A control of org A's own, and an approved version of its statement, carry canaries. */
export const controlsCanaries: readonly CanaryPlanter[] = [
  { kind: 'orgControl', plant: async (world, text) => void (await freshControl(world, `Control ${text}`)) },
  { kind: 'soaApproval', plant: async (world, text) => approve(world.server.app, world.jars.owner, `Approved ${text}`) },
];

const documentText = async (raw: Buffer) => (await docxParagraphs(raw)).join('\n');

/** The controls register and the Statement of Applicability. */
export const controlsInventory: readonly InventoryEntry[] = [
  { ...fromRoute(controlsApi.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(controlsApi.get), addressesOrgA: true, request: async ({ world }) => ({ params: { controlId: (await freshControl(world)).controlId } }) },
  {
    ...fromRoute(controlsApi.update),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { controlId: (await freshControl(world)).controlId }, body: { version: 0, implementation: 'changed by the matrix' } }),
    race: {
      // Two people edit the same control from the same version: one is saved, the other is told.
      requests: async ({ world }) => {
        const { controlId } = await freshControl(world);
        const edit = (implementation: string) => ({ spec: { params: { controlId }, body: { version: 0, implementation } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => {
        const controlId = requests[0]?.spec.params?.controlId ?? '';
        return expectEqual('the version after one save', (await controlOf(world.server.app, world.jars.owner, controlId)).version, 1);
      },
    },
  },
  {
    ...fromRoute(controlsApi.addReasons),
    request: () => ({ body: { controlIds: ['iso27001:2022:A.5.2'], reasons: ['business'] } }),
    race: {
      // Two people add different reasons at once: adding is order-free, so both reasons stay.
      requests: async () => [
        { spec: { body: { controlIds: ['iso27001:2022:A.6.3'], reasons: ['legal'] } } },
        { spec: { body: { controlIds: ['iso27001:2022:A.6.3'], reasons: ['contractual'] } } },
      ],
      maxWins: 2,
      verify: async (world) => {
        const { reasons } = await controlOf(world.server.app, world.jars.owner, 'iso27001:2022:A.6.3');
        return expectEqual('both reasons kept', ['legal', 'contractual'].every((reason) => reasons.includes(reason)), true);
      },
    },
  },
  {
    ...fromRoute(controlsApi.create),
    request: () => ({ body: { title: 'Added by the matrix' } }),
    race: {
      requests: async () => [{ spec: { body: { title: 'Race one' } } }, { spec: { body: { title: 'Race two' } } }],
      maxWins: 2,
      verify: async (_world, replies) => {
        const refs = replies.filter((r) => r.status === 201).map((r) => json<{ ref: string }>(r).ref);
        return new Set(refs).size === refs.length ? [] : [`two controls got the same reference: ${refs.join(', ')}`];
      },
    },
  },
  {
    ...fromRoute(controlsApi.remove),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { controlId: (await freshControl(world)).controlId } }),
    race: { skip: 'deleting one control twice: the second is a 404, the delete is one statement under the row' },
  },
  { ...fromRoute(soaApi.draft) },
  {
    ...fromRoute(soaApi.approve),
    request: async ({ app, jar }) => ({ body: { checksum: await approvableStatement(app, jar), note: 'Approved by the matrix' } }),
    race: {
      // Two approvals of the same statement at once: one version, the other told nothing changed since.
      requests: async ({ world }) => {
        const checksum = await approvableStatement(world.server.app, world.jars.owner);
        return [{ spec: { body: { checksum } } }, { spec: { body: { checksum } } }];
      },
      maxWins: 1,
      verify: async (world, replies) => {
        const versions = json<{ items: Array<{ version: number }> }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/soa/versions')).items;
        const won = replies.find((reply) => reply.status === 201);
        return expectEqual('the latest version is the approval that won', versions[0]?.version, won ? json<{ version: number }>(won).version : undefined);
      },
    },
  },
  { ...fromRoute(soaApi.versions) },
  { ...fromRoute(soaApi.version), request: callersVersion },
  { ...fromRoute(soaApi.diff), request: async (cell) => ({ query: { from: '1', to: (await callersVersion(cell)).params.version } }) },
  { ...fromRoute(soaApi.exportXlsx), request: callersVersion, bodyText: xlsxText },
  { ...fromRoute(soaApi.exportDocx), request: callersVersion, bodyText: documentText },
  { ...fromRoute(soaApi.exportPdf), request: callersVersion, bodyText: pdfText },
];
