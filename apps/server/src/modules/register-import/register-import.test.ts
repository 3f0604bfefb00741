import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemberWithRole, signUpOwner } from '../../../test/test-client.ts';
import { analyse, assetHeader, assetRows, base64, countRows, send, type Problem } from '../../../test/register-import-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe('register import', () => {
  it('suggests a mapping by header name, ignoring case and spacing, and lets the person change it', async () => {
    const { client } = await signUpOwner(server);
    const csv = 'asset NAME,TYPE, classification ,C,I,A,Notes,Owner Email\nPMS,Software,Confidential,5,5,4,Practice software,\n';
    const analysed = await analyse(client, 'assets', 'assets.csv', base64(csv));
    expect(analysed.sheets).toHaveLength(1);
    expect(analysed.sheets[0]?.mapping).toMatchObject({
      ref: null,
      name: 0,
      kind: 1,
      classification: 2,
      confidentiality: 3,
      integrity: 4,
      availability: 5,
      description: 6,
      owner: 7,
    });
    const withoutKind = await send(client, 'preview', 'assets', 'assets.csv', base64(csv), (m) => {
      if (m.assets) m.assets.kind = null;
    });
    expect(withoutKind.json<{ problems: Problem[] }>().problems.map((p) => p.message)).toEqual(['Choose the column that holds Kind.']);
    const preview = await send(client, 'preview', 'assets', 'assets.csv', base64(csv));
    expect(preview.json()).toMatchObject({ rowCount: 1, problemCount: 0, counts: { assets: 1 }, refsAssigned: 1 });
  });

  it('refuses a 50,000-row asset file with bad rows, naming each row and reason and writing nothing; the corrected file commits every row', async () => {
    const owner = await signUpOwner(server);
    const bad = {
      17: ',Old backup drive,Device,Secret,2,2,2,,Store room,',
      2000: ',Rocket,Spaceship,Internal,1,1,1,,,',
      40001: `,Fax,Device,Internal,7,1,1,nobody@example.org,,`,
      45000: ',,Device,Internal,1,1,1,,,',
    };
    const broken = base64(assetRows(50_000, owner.email, bad));
    const preview = await send(owner.client, 'preview', 'assets', 'assets.csv', broken);
    expect(preview.status).toBe(200);
    const previewed = preview.json<{ rowCount: number; problemCount: number; problems: Problem[]; counts: { assets: number } }>();
    expect(previewed.rowCount).toBe(50_000);
    expect(previewed.counts.assets).toBe(0);
    expect(previewed.problems.map((p) => p.message)).toEqual([
      "Row 17: Classification 'Secret' is not one of Public, Internal, Confidential or Sensitive health information.",
      "Row 2000: Kind 'Spaceship' is not one of Information, Software, System, Device, Medical or IoT device, People role, Service, Supplier or Site.",
      "Row 40001: Confidentiality '7' must be a whole number from 1 to 5 (or one of 'Very low', 'Low', 'Moderate', 'High' or 'Very high').",
      "Row 40001: Owner e-mail 'nobody@example.org' is not the e-mail address of a member of this organisation.",
      'Row 45000: Name is empty; every row needs one.',
    ]);
    const refused = await send(owner.client, 'commit', 'assets', 'assets.csv', broken);
    expect(refused.status).toBe(400);
    expect(refused.json<{ error: { message: string; details: { problemCount: number; problems: Problem[] } } }>().error).toMatchObject({
      message: 'Nothing was imported: the file has 5 problems. Fix them and import the file again.',
      details: { problemCount: 5 },
    });
    expect(await countRows(server, 'assets', owner.orgId)).toBe(0);

    const fixed = base64(assetRows(50_000, owner.email));
    const committed = await send(owner.client, 'commit', 'assets', 'assets.csv', fixed);
    expect(committed.status, JSON.stringify(committed.body)).toBe(201);
    expect(committed.json()).toMatchObject({ counts: { assets: 50_000, assetLinks: 0 } });
    expect(await countRows(server, 'assets', owner.orgId)).toBe(50_000);
    const refs = await server.ownerQuery<{ first: string; last: string; distinct: string; owned: string }>(
      `select min(ref) as first, 'A-' || max(substring(ref from 3)::int)::text as last, count(distinct ref)::text as distinct, count(owner_user_id)::text as owned from assets where org_id = $1`,
      [owner.orgId],
    );
    expect(refs[0]).toEqual({ first: 'A-0001', last: 'A-50000', distinct: '50000', owned: '16667' });
    const events = await server.ownerQuery<{ after: { fileSha256: string; assets: number; rows: number } }>(
      `select after from audit_events where org_id = $1 and action = 'register.imported'`,
      [owner.orgId],
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.after).toMatchObject({ assets: 50_000, rows: 50_000, fileSha256: committed.json<{ fileSha256: string }>().fileSha256 });

    // An import adds: the same refs again are refused row by row, and nothing is written.
    const again = await send(owner.client, 'preview', 'assets', 'assets.csv', base64(`${assetHeader}\nA-0002,Copy,Device,Internal,1,1,1,,,\n`));
    expect(again.json<{ problems: Problem[] }>().problems[0]?.message).toMatch(/^Row 2: Ref 'A-0002' is already used by an asset in the register/);
  }, 180_000);

  it('keeps the refs a file gives, gives blank ones the next free ref, and refuses a ref repeated in the file', async () => {
    const owner = await signUpOwner(server);
    const csv = `${assetHeader}\nA-0007,Server,System,Confidential,4,4,4,,,\n,Router,Device,Internal,2,2,2,,,\nPMS,Practice software,Software,Sensitive health information,5,5,5,,,\n`;
    expect((await send(owner.client, 'commit', 'assets', 'a.csv', base64(csv))).status).toBe(201);
    const refs = await server.ownerQuery<{ ref: string; name: string }>(`select ref, name from assets where org_id = $1 order by name`, [owner.orgId]);
    expect(refs).toEqual([
      { ref: 'PMS', name: 'Practice software' },
      { ref: 'A-0008', name: 'Router' },
      { ref: 'A-0007', name: 'Server' },
    ]);
    const twice = await send(
      owner.client,
      'preview',
      'assets',
      'b.csv',
      base64(`${assetHeader}\nX1,One,Device,Internal,1,1,1,,,\nX1,Two,Device,Internal,1,1,1,,,\n`),
    );
    expect(twice.json<{ problems: Problem[] }>().problems.map((p) => p.message)).toEqual(["Row 3: Ref 'X1' is also used on row 2 of this file."]);
  });

  it('brings the acceptance of a risk marked accepted, by the app’s rules: who and when, a member who owns the risk, a residual score, a note above the appetite', async () => {
    const owner = await signUpOwner(server);
    const colleague = await addMemberWithRole(server, owner, 'contributor');
    const me = owner.email;
    const header = 'Title,Owner e-mail,Inherent likelihood,Inherent impact,Residual likelihood,Residual impact,Status,Accepted by,Accepted at,Acceptance note';
    const accepted = 'Residual risk accepted';
    const bad = [
      header,
      `No who or when,${me},3,3,2,2,${accepted},,,`,
      `Stranger,${me},3,3,2,2,${accepted},nobody@example.com,20/11/2026 14:04,`,
      `Colleague,${me},3,3,2,2,${accepted},${colleague.email},20/11/2026 14:04,`,
      `No residual,${me},3,3,,,${accepted},${me},20/11/2026 14:04,`,
      `Above appetite,${me},4,4,3,4,${accepted},${me},20/11/2026 14:04,`,
      `Assessed,${me},3,3,2,2,Assessed,${me},20/11/2026 14:04,Why`,
      `Bad date,${me},3,3,2,2,${accepted},${me},31/02/2026 10:00,`,
      `No owner,,3,3,2,2,${accepted},${me},20/11/2026 14:04,`,
      `Only when,${me},3,3,2,2,${accepted},,20/11/2026 14:04,`,
    ].join('\n');
    const expected = [
      "Row 2: a risk marked 'Residual risk accepted' needs who accepted it (Accepted by) and when (Accepted at).",
      "Row 3: Accepted by 'nobody@example.com' is not the e-mail address of a member of this organisation.",
      `Row 4: Accepted by '${colleague.email.length > 40 ? `${colleague.email.slice(0, 40)}…` : colleague.email}' is not the risk's owner; only its owner (Owner e-mail) can accept it.`,
      "Row 5: a risk marked 'Residual risk accepted' needs its residual score (Residual likelihood and Residual impact).",
      "Row 6: the residual score is above the organisation's risk appetite: say why it was accepted anyway (Acceptance note).",
      "Row 7: Accepted by, Accepted at and Acceptance note are only for a risk marked 'Residual risk accepted'; this risk is 'Assessed'. Clear them or change the status.",
      "Row 8: Accepted at '31/02/2026 10:00' is not a date and time; write it as dd/mm/yyyy hh:mm.",
      "Row 9: a risk marked 'Residual risk accepted' needs an owner (Owner e-mail): only its owner can accept it.",
      "Row 10: a risk marked 'Residual risk accepted' needs who accepted it (Accepted by) and when (Accepted at).",
    ];
    const preview = await send(owner.client, 'preview', 'risks', 'r.csv', base64(bad));
    expect(preview.json<{ problems: Problem[] }>().problems.map((p) => p.message)).toEqual(expected);
    const refused = await send(owner.client, 'commit', 'risks', 'r.csv', base64(bad));
    expect(refused.status).toBe(400);
    expect(await countRows(server, 'risks', owner.orgId)).toBe(0);
    expect(await countRows(server, 'risk_acceptances', owner.orgId)).toBe(0);

    // Sydney wall clock: 20/11/2026 14:04 is 03:04 UTC (summer time); a date-time in ISO form is read too.
    const good = [
      header,
      `Above appetite,${me},4,4,3,4,${accepted},${me},20/11/2026 14:04,Replacement budgeted`,
      `Within appetite,${me},3,3,2,2,${accepted},${me},2026-11-21 09:30:15,`,
    ].join('\n');
    const committed = await send(owner.client, 'commit', 'risks', 'r.csv', base64(good));
    expect(committed.status, JSON.stringify(committed.body)).toBe(201);
    const rows = await server.ownerQuery<Record<string, unknown>>(
      `select r.ref, r.status, c.accepted_by, c.accepted_at, c.method_version, c.likelihood, c.impact, c.level, c.note
       from risk_acceptances c join risks r on r.org_id = c.org_id and r.id = c.risk_id where c.org_id = $1 and c.withdrawn_at is null order by r.ref`,
      [owner.orgId],
    );
    expect(rows).toEqual([
      {
        ref: 'R-0001',
        status: 'accepted',
        accepted_by: owner.userId,
        accepted_at: new Date('2026-11-20T03:04:00Z'),
        method_version: 1,
        likelihood: 3,
        impact: 4,
        level: 'high',
        note: 'Replacement budgeted',
      },
      {
        ref: 'R-0002',
        status: 'accepted',
        accepted_by: owner.userId,
        accepted_at: new Date('2026-11-20T22:30:15Z'),
        method_version: 1,
        likelihood: 2,
        impact: 2,
        level: 'low',
        note: '',
      },
    ]);
    const risk = await server.ownerQuery<{ id: string }>(`select id from risks where org_id = $1 and ref = 'R-0001'`, [owner.orgId]);
    const shown = await owner.client.get(`/api/v1/risks/${risk[0]?.id ?? ''}`);
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).toContain('Replacement budgeted');
  });

  it('keeps the treatment tasks of a workbook in the file’s order', async () => {
    const owner = await signUpOwner(server);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Risks').addRows([
      ['Ref', 'Title', 'Inherent likelihood', 'Inherent impact'],
      ['R-0001', 'Ransomware', 4, 5],
    ]);
    const titles = ['Zebra crossing', 'Apple', 'Mango', 'Kiwi', 'Banana', 'Cherry', 'Fig'];
    const tasks = workbook.addWorksheet('Treatment tasks');
    tasks.addRow(['Risk', 'Task']);
    for (const title of titles) tasks.addRow(['R-0001', title]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const analysed = await analyse(owner.client, 'risks', 'r.xlsx', content.toString('base64'));
    const mapping = Object.fromEntries(analysed.sheets.map((s) => [s.role, s.mapping]));
    const committed = await owner.client.request('POST', '/api/v1/register/imports/commit', {
      kind: 'risks',
      fileName: 'r.xlsx',
      content: content.toString('base64'),
      mapping,
      progressId: randomUUID(),
    });
    expect(committed.status, JSON.stringify(committed.body)).toBe(201);
    const listed = await server.ownerQuery<{ title: string }>(`select title from risk_tasks where org_id = $1 order by created_at, id`, [owner.orgId]);
    expect(listed.map((t) => t.title)).toEqual(titles);
  });

  it('imports risks that point at assets by ref and owners by e-mail, scored with the current method; a member who may not import is refused', async () => {
    const owner = await signUpOwner(server);
    await send(
      owner.client,
      'commit',
      'assets',
      'a.csv',
      base64(`${assetHeader}\nPMS,Practice software,Software,Confidential,5,5,4,,,\nSRV,Server,System,Confidential,4,4,4,,,\n`),
    );
    const header = 'Title,Assets,Owner e-mail,Inherent likelihood,Inherent impact,Residual likelihood,Residual impact,Treatment,Status,Next review';
    const risks = `${header}\nRansomware,PMS; SRV,${owner.email.toUpperCase()},Likely,5,2,3,Reduce (add or improve controls),Assessed,31/03/2027\nLost laptop,NOPE,,3,3,,,,,\nPhishing,PMS,,2,4,2,,,Closed,2027-02-30\n`;
    const preview = await send(owner.client, 'preview', 'risks', 'r.csv', base64(risks));
    expect(preview.json<{ problems: Problem[] }>().problems.map((p) => p.message)).toEqual([
      "Row 3: Asset 'NOPE' is not in the asset register; import the assets first.",
      'Row 4: Residual impact is empty; give both likelihood and impact, or neither.',
      "Row 4: Next review '2027-02-30' is not a date; write it as dd/mm/yyyy.",
    ]);
    const good = `${header}\nRansomware,PMS; SRV,${owner.email.toUpperCase()},Likely,5,2,3,Reduce (add or improve controls),Assessed,31/03/2027\n`;
    const committed = await send(owner.client, 'commit', 'risks', 'r.csv', base64(good));
    expect(committed.status, JSON.stringify(committed.body)).toBe(201);
    const rows = await server.ownerQuery<Record<string, unknown>>(
      `select r.ref, r.inherent_level, r.inherent_rank, r.residual_level, r.method_version, r.owner_user_id, r.treatment, r.status, r.next_review_on::text as next_review,
        (select string_agg(a.ref, ',' order by a.ref) from risk_assets ra join assets a on a.id = ra.asset_id and a.org_id = ra.org_id where ra.risk_id = r.id) as assets
       from risks r where r.org_id = $1`,
      [owner.orgId],
    );
    expect(rows).toEqual([
      {
        ref: 'R-0001',
        inherent_level: 'extreme',
        inherent_rank: 4,
        residual_level: 'medium',
        method_version: 1,
        owner_user_id: owner.userId,
        treatment: 'modify',
        status: 'assessed',
        next_review: '2027-03-31',
        assets: 'PMS,SRV',
      },
    ]);
    expect(await countRows(server, 'risk_methods', owner.orgId)).toBe(1);
    const staff = await addMemberWithRole(server, owner, 'contributor');
    const refused = await staff.client.request('POST', '/api/v1/register/imports/analyse', { kind: 'risks', fileName: 'r.csv', content: base64(good) });
    expect(refused.status).toBe(403);
  });

  it('reports progress under the caller’s id, and only to its own organisation', async () => {
    const owner = await signUpOwner(server);
    const other = await signUpOwner(server);
    const progressId = randomUUID();
    const content = base64(`${assetHeader}\n,One,Device,Internal,1,1,1,,,\n`);
    const analysed = await analyse(owner.client, 'assets', 'a.csv', content);
    const mapping = { assets: analysed.sheets[0]?.mapping ?? {} };
    expect((await owner.client.get(`/api/v1/register/imports/${progressId}/progress`)).json()).toEqual({ phase: 'waiting', done: 0, total: 0 });
    expect(
      (await owner.client.request('POST', '/api/v1/register/imports/commit', { kind: 'assets', fileName: 'a.csv', content, mapping, progressId })).status,
    ).toBe(201);
    expect((await owner.client.get(`/api/v1/register/imports/${progressId}/progress`)).json()).toEqual({ phase: 'done', done: 1, total: 1 });
    expect((await other.client.get(`/api/v1/register/imports/${progressId}/progress`)).json()).toEqual({ phase: 'waiting', done: 0, total: 0 });
  });

  it('reads an XLSX workbook: real numbers and dates in cells, the sheet by its name', async () => {
    const owner = await signUpOwner(server);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Notes').addRow(['Ignored']);
    const sheet = workbook.addWorksheet('Assets');
    sheet.addRow(['Name', 'Kind', 'Classification', 'Confidentiality', 'Integrity', 'Availability', 'Description']);
    sheet.addRow(['Pathology results feed', 'Service', 'Sensitive health information', 5, 5, 3, "'=not a formula"]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const committed = await send(owner.client, 'commit', 'assets', 'assets.xlsx', content);
    expect(committed.status, JSON.stringify(committed.body)).toBe(201);
    const rows = await server.ownerQuery(`select ref, name, kind, classification, confidentiality, availability, description from assets where org_id = $1`, [
      owner.orgId,
    ]);
    expect(rows).toEqual([
      {
        ref: 'A-0001',
        name: 'Pathology results feed',
        kind: 'service',
        classification: 'sensitive_health',
        confidentiality: 5,
        availability: 3,
        description: '=not a formula',
      },
    ]);
    const notXlsx = await owner.client.request('POST', '/api/v1/register/imports/analyse', {
      kind: 'assets',
      fileName: 'x.csv',
      content: base64(Buffer.from([0xff, 0xfe, 0x00, 0x41])),
    });
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.json<{ error: { message: string } }>().error.message).toMatch(/could not be read as CSV/);
  });
});
