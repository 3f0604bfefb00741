import { certificationApi } from '@custodian/shared/contracts/certification.ts';
import JSZip from 'jszip';
import { pdfText } from '../../read-document.ts';
import { send, type SentResponse } from '../http.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter, World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf, xlsxText } from './helpers.ts';

interface CertificateReply {
  id: string;
  version: number;
  isCurrent: boolean;
  audits: Array<{ kind: string; version: number; plannedOn: string | null }>;
}

/** A new certificate of org A (recorded by its owner; it becomes the current one). */
async function freshCertificate(world: World, fields: Record<string, unknown> = {}): Promise<CertificateReply> {
  const reply = await send(world.server.app, world.jars.owner, 'POST', '/api/v1/certification/certificates', { body: { number: 'HARNESS-1', ...fields } });
  if (reply.status !== 201) throw new Error(`could not record a certificate: ${reply.status} ${reply.text}`);
  return json<CertificateReply>(reply);
}

async function certificatesOfA(world: World): Promise<CertificateReply[]> {
  return json<{ items: CertificateReply[] }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/certification/certificates')).items;
}

/** The rule that spans rows: whatever happened, org A has exactly one current certificate. */
async function oneCurrent(world: World): Promise<string[]> {
  return expectEqual('current certificates', (await certificatesOfA(world)).filter((c) => c.isCurrent).length, 1);
}

/** Every text in the pack (manifest, CSV, PDF, workbook), to search it for another organisation's canaries. */
async function packText(raw: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(raw);
  const parts: string[] = [];
  for (const entry of Object.values(zip.files).filter((e) => !e.dir)) {
    const bytes = await entry.async('nodebuffer');
    if (entry.name.endsWith('.pdf')) parts.push(await pdfText(bytes));
    else if (entry.name.endsWith('.xlsx')) parts.push(await xlsxText(bytes));
    else parts.push(bytes.toString('utf8'));
  }
  return parts.join('\n');
}

/** A certificate of org A whose scope carries a canary: nobody outside org A may ever see it. */
export const certificationCanaries: readonly CanaryPlanter[] = [{ kind: 'certificateScope', plant: async (world, text) => void (await freshCertificate(world, { scope: `Scope ${text}` })) }];

const auditPath = (requests: Array<{ spec: { params?: Record<string, string> } }>) => requests[0]?.spec.params?.id ?? '';

/** The certification cycle and the auditor pack. */
export const certificationInventory: readonly InventoryEntry[] = [
  { ...fromRoute(certificationApi.list) },
  { ...fromRoute(certificationApi.get), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshCertificate(world)).id } }) },
  {
    ...fromRoute(certificationApi.create),
    request: () => ({ body: { number: 'MATRIX-1', issuedOn: '2026-03-15' } }),
    race: {
      requests: async () => [{ spec: { body: { number: 'RACE-A' } } }, { spec: { body: { number: 'RACE-B' } } }],
      maxWins: 2,
      verify: async (world) => oneCurrent(world),
    },
  },
  {
    ...fromRoute(certificationApi.update),
    addressesOrgA: true,
    request: async ({ world }) => {
      const cert = await freshCertificate(world);
      return { params: { id: cert.id }, body: { version: cert.version, scope: 'changed by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const cert = await freshCertificate(world);
        const edit = (number: string) => ({ spec: { params: { id: cert.id }, body: { version: cert.version, number } } });
        return [edit('RACE-ONE'), edit('RACE-TWO')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const id = auditPath(requests);
        const final = json<{ number: string }>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/certification/certificates/:id', { params: { id } }));
        const expected = (requests[winnerOf(replies)]?.spec.body as { number: string } | undefined)?.number;
        return [...expectEqual('the saved number', final.number, expected), ...expectEqual('changes recorded', await countEvents(world, 'certification.certificate_changed', id), 1)];
      },
    },
  },
  {
    ...fromRoute(certificationApi.makeCurrent),
    addressesOrgA: true,
    request: async ({ world }) => {
      const older = await freshCertificate(world, { number: 'OLDER' });
      await freshCertificate(world, { number: 'NEWER' });
      const now = (await certificatesOfA(world)).find((c) => c.id === older.id);
      return { params: { id: older.id }, body: { version: now?.version ?? older.version } };
    },
    race: {
      // Two earlier certificates made current at the same moment: they take turns on the organisation's lock.
      requests: async ({ world }) => {
        const [a, b] = [await freshCertificate(world, { number: 'RACE-OLD-A' }), await freshCertificate(world, { number: 'RACE-OLD-B' })];
        await freshCertificate(world, { number: 'RACE-NEW' });
        const all = await certificatesOfA(world);
        const versionOf = (id: string) => all.find((c) => c.id === id)?.version ?? 0;
        return [{ spec: { params: { id: a.id }, body: { version: versionOf(a.id) } } }, { spec: { params: { id: b.id }, body: { version: versionOf(b.id) } } }];
      },
      maxWins: 2,
      verify: async (world) => oneCurrent(world),
    },
  },
  {
    ...fromRoute(certificationApi.remove),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshCertificate(world)).id } }),
    expect: { statuses: { contributor: 403 }, reason: 'only an owner or an ISMS manager deletes a certificate' },
    race: {
      requests: async ({ world }) => {
        const { id } = await freshCertificate(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => expectEqual('deletions recorded', await countEvents(world, 'certification.certificate_deleted', auditPath(requests)), 1),
    },
  },
  {
    ...fromRoute(certificationApi.updateAudit),
    addressesOrgA: true,
    request: async ({ world }) => {
      const cert = await freshCertificate(world);
      return { params: { id: cert.id, kind: 'stage1' }, body: { version: cert.audits[0]?.version ?? 1, plannedOn: '2027-02-01' } };
    },
    race: {
      requests: async ({ world }) => {
        const cert = await freshCertificate(world);
        const plan = (day: string) => ({ spec: { params: { id: cert.id, kind: 'stage2' }, body: { version: cert.audits[1]?.version ?? 1, plannedOn: day } } });
        return [plan('2027-05-01'), plan('2027-05-02')];
      },
      maxWins: 1,
      verify: async (world, replies: [SentResponse, SentResponse], requests) => {
        const id = auditPath(requests);
        const final = json<CertificateReply>(await send(world.server.app, world.jars.owner, 'GET', '/api/v1/certification/certificates/:id', { params: { id } }));
        const expected = (requests[winnerOf(replies)]?.spec.body as { plannedOn: string } | undefined)?.plannedOn;
        return expectEqual('the planned Stage 2 day', final.audits.find((a) => a.kind === 'stage2')?.plannedOn, expected);
      },
    },
  },
  // One call renders every PDF of the pack (a second or more on a busy machine): give the fuzzer time for a few.
  { ...fromRoute(certificationApi.auditorPack), bodyText: packText, fuzz: { minMs: 8000 } },
];
