import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpOwner } from '../../../test/test-client.ts';
import { assetHeader, assetRows, base64, countRows, send, type Problem } from '../../../test/register-import-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe('register import commits', () => {
  it('takes back rows already written when a problem is found further down the file, and numbers blank refs after the file’s highest', async () => {
    const owner = await signUpOwner(server);
    // Written 5,000 rows at a time as they are checked: row 3's ref is written with the first slice,
    // and its repeat on row 11,000 (third slice) refuses the file.
    const repeated = base64(
      assetRows(12_000, owner.email, { 3: 'DUP-1,Kept first,Device,Internal,1,1,1,,,', 11_000: 'DUP-1,Repeat,Device,Internal,1,1,1,,,' }),
    );
    const refused = await send(owner.client, 'commit', 'assets', 'assets.csv', repeated);
    expect(refused.status).toBe(400);
    expect(refused.json<{ error: { details: { problems: Problem[] } } }>().error.details.problems.map((p) => p.message)).toEqual([
      "Row 11000: Ref 'DUP-1' is also used on row 3 of this file.",
    ]);
    expect(await countRows(server, 'assets', owner.orgId)).toBe(0);
    expect(await server.ownerQuery(`select 1 from audit_events where org_id = $1 and action = 'register.imported'`, [owner.orgId])).toHaveLength(0);
    // A given ref in the last slice moves the numbering of the blank refs in the first.
    const numbered = base64(assetRows(12_000, owner.email, { 11_500: 'A-20000,Given late,Device,Internal,1,1,1,,,' }));
    expect((await send(owner.client, 'commit', 'assets', 'assets.csv', numbered)).status).toBe(201);
    const [first] = await server.ownerQuery<{ ref: string }>(`select ref from assets where org_id = $1 and name = 'Workstation 0'`, [owner.orgId]);
    expect(first?.ref).toBe('A-20001');
    expect(await countRows(server, 'assets', owner.orgId)).toBe(12_000);
  }, 120_000);

  it('numbers an import and additions by hand made at the same moment one after another, and lets only one of them have a given ref', async () => {
    const base = { kind: 'device', classification: 'internal', confidentiality: 2, integrity: 2, availability: 2 };
    for (let round = 0; round < 3; round += 1) {
      const owner = await signUpOwner(server);
      const file = [
        assetHeader,
        'SRV-1,File server,System,Internal,3,3,3,,,',
        ...Array.from({ length: 20 }, (_, i) => `,Imported ${i},Device,Internal,2,2,2,,,`),
      ].join('\n');
      const [imported, ...added] = await Promise.all([
        send(owner.client, 'commit', 'assets', 'race.csv', base64(file)),
        ...Array.from({ length: 5 }, (_, i) => owner.client.request('POST', '/api/v1/assets', { ...base, name: `By hand ${i}` })),
        owner.client.request('POST', '/api/v1/assets', { ...base, name: 'Server by hand', ref: 'SRV-1' }),
      ]);
      const byHandWithRef = added.pop();
      expect(added.map((r) => r.status)).toEqual(Array(5).fill(201));
      // Whichever came first keeps SRV-1; the other is refused in plain words and writes nothing.
      const statuses = [imported?.status, byHandWithRef?.status].sort();
      expect(statuses).toEqual([201, 400]);
      const holders = await server.ownerQuery<{ name: string }>(`select name from assets where org_id = $1 and ref = 'SRV-1'`, [owner.orgId]);
      expect(holders).toHaveLength(1);
      const refs = (await server.ownerQuery<{ ref: string }>(`select ref from assets where org_id = $1 and ref like 'A-%' order by ref`, [owner.orgId])).map(
        (r) => r.ref,
      );
      const numbered = imported?.status === 201 ? 25 : 5;
      expect(refs).toEqual(Array.from({ length: numbered }, (_, i) => `A-${String(i + 1).padStart(4, '0')}`));
      expect(await countRows(server, 'assets', owner.orgId)).toBe(numbered + 1);
    }
  });
});
