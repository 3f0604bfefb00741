import { randomUUID } from 'node:crypto';
import { registerImportApi, suggestMapping } from '@custodian/shared/contracts/register-import.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import { xlsxText } from './helpers.ts';

const header = 'Ref,Name,Kind,Classification,Confidentiality,Integrity,Availability';
const csv = (rows: string[]) => Buffer.from([header, ...rows].join('\n')).toString('base64');
const mapping = { assets: suggestMapping('assets', header.split(',')) };
/** A one-row asset file with a blank ref (so every admitted caller adds one asset). */
const oneAsset = () => ({ kind: 'assets', fileName: 'assets.csv', content: csv([',Matrix laptop,Device,Internal,2,2,2']) });

let raced = 0;

/** Import of the registers (analyse, preview, commit, progress) and their export. */
export const registerImportInventory: readonly InventoryEntry[] = [
  { ...fromRoute(registerImportApi.analyse), request: () => ({ body: oneAsset() }), race: { skip: 'reads the file and writes nothing' } },
  { ...fromRoute(registerImportApi.preview), request: () => ({ body: { ...oneAsset(), mapping } }), race: { skip: 'checks the rows and writes nothing' } },
  {
    ...fromRoute(registerImportApi.commit),
    request: () => ({ body: { ...oneAsset(), mapping, progressId: randomUUID() } }),
    race: {
      // Two imports of files that give the same ref at once: the organisation's lock makes them take
      // turns, so the second finds the ref taken and adds nothing.
      requests: async () => {
        raced += 1;
        const ref = `RACE-${raced}-${randomUUID().slice(0, 8)}`;
        const body = (name: string) => ({
          spec: {
            body: { kind: 'assets', fileName: `${name}.csv`, content: csv([`${ref},${name},Device,Internal,1,1,1`]), mapping, progressId: randomUUID() },
          },
        });
        return [body('First laptop'), body('Second laptop')];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) => {
        const content = (requests[0].spec.body as { content: string }).content;
        const ref = /\n([^,]+),/.exec(Buffer.from(content, 'base64').toString())?.[1] ?? '';
        const rows = await world.server.ownerQuery<{ n: string }>(`select count(*)::text as n from assets where org_id = $1 and ref = $2`, [
          world.orgA.id,
          ref,
        ]);
        return rows[0]?.n === '1' ? [] : [`assets with ref ${ref}: expected 1, found ${rows[0]?.n ?? 0}`];
      },
    },
  },
  { ...fromRoute(registerImportApi.progress), request: () => ({ params: { progressId: randomUUID() } }) },
  { ...fromRoute(registerImportApi.export), bodyText: xlsxText },
];
