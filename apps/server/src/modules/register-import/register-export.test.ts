import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRiskMethod } from '@custodian/shared/domain/risk-matrix.ts';
import { addMemberWithRole, signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

/** A register written straight into the database (not through the import), so the round trip proves the export too. */
async function plantRegister(orgId: string, ownerId: string, colleagueId: string): Promise<void> {
  const q = server.ownerQuery;
  const m = defaultRiskMethod;
  await q(
    `insert into risk_methods (org_id, version, likelihood, impact, levels, matrix, acceptable_level, review_months, created_at) values ($1, 1, $2, $3, $4, $5, $6, $7, now())`,
    [orgId, JSON.stringify(m.likelihood), JSON.stringify(m.impact), JSON.stringify(m.levels), JSON.stringify(m.matrix), m.acceptableLevel, m.reviewMonths],
  );
  const ids = { pms: randomUUID(), srv: randomUUID(), nbn: randomUUID(), r1: randomUUID(), r2: randomUUID(), r3: randomUUID() };
  const asset = (
    id: string,
    ref: string,
    name: string,
    kind: string,
    cls: string,
    cia: number[],
    owner: string | null,
    location: string,
    description: string,
  ) =>
    q(
      `insert into assets (org_id, id, ref, name, kind, classification, confidentiality, integrity, availability, owner_user_id, location, description, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now(), now())`,
      [orgId, id, ref, name, kind, cls, ...cia, owner, location, description],
    );
  await asset(
    ids.pms,
    'PMS',
    'Practice management system',
    'software',
    'sensitive_health',
    [5, 5, 4],
    ownerId,
    'Cloud (Sydney)',
    '=HYPERLINK("x") is text, not a formula',
  );
  await asset(ids.srv, 'A-0002', 'Clinic server', 'system', 'confidential', [4, 4, 5], colleagueId, 'Comms cupboard', 'Dell tower, 2019');
  await asset(ids.nbn, 'A-0003', 'NBN service', 'service', 'internal', [1, 2, 5], null, '', '');
  for (const [from, to, relation] of [
    [ids.pms, ids.srv, 'runs_on'],
    [ids.srv, ids.nbn, 'depends_on'],
  ]) {
    await q(`insert into asset_links (org_id, from_asset_id, to_asset_id, relation, created_at) values ($1, $2, $3, $4, now())`, [orgId, from, to, relation]);
  }
  await q(
    `insert into risks (org_id, id, ref, title, threat, vulnerability, description, threat_id, owner_user_id, method_version,
       inherent_likelihood, inherent_impact, inherent_level, inherent_rank, current_likelihood, current_impact, current_level, current_rank,
       residual_likelihood, residual_impact, residual_level, residual_rank, treatment, treatment_notes, status, next_review_on, created_at, updated_at)
     values ($1, $2, 'R-0001', 'Ransomware locks the practice system', 'Ransomware', 'Unpatched server', 'Clinics stop for days', 'threat:ransomware-pms', $3, 1,
       4, 5, 'extreme', 4, 3, 5, 'high', 3, 2, 3, 'medium', 2, 'modify', 'Backups offline', 'in_treatment', '2027-03-31', now(), now()),
       ($1, $4, 'R-0002', 'Fax sent to the wrong number', '', '', '', null, null, 1, 3, 2, 'medium', 2, null, null, null, null, null, null, null, null, null, '', 'identified', null, now(), now())`,
    [orgId, ids.r1, ownerId, ids.r2],
  );
  // A risk formally accepted by its owner, above the appetite (so with a note), and an earlier acceptance since withdrawn.
  await q(
    `insert into risks (org_id, id, ref, title, owner_user_id, method_version, inherent_likelihood, inherent_impact, inherent_level, inherent_rank,
       residual_likelihood, residual_impact, residual_level, residual_rank, treatment, status, created_at, updated_at)
     values ($1, $2, 'R-0003', 'Old server out of support', $3, 1, 4, 4, 'high', 3, 3, 4, 'high', 3, 'retain', 'accepted', now(), now())`,
    [orgId, ids.r3, colleagueId],
  );
  await q(
    `insert into risk_acceptances (org_id, id, risk_id, accepted_by, accepted_at, method_version, likelihood, impact, level, note, withdrawn_at, withdrawn_reason) values
       ($1, $2, $3, $4, '2026-06-01T00:00:00Z', 1, 2, 2, 'low', '', '2026-07-01T00:00:00Z', 'Rescored'),
       ($1, $5, $3, $4, '2026-11-20T03:04:05.678Z', 1, 3, 4, 'high', 'Replacement budgeted for July 2027', null, null)`,
    [orgId, randomUUID(), ids.r3, colleagueId, randomUUID()],
  );
  for (const [risk, asset] of [
    [ids.r1, ids.pms],
    [ids.r1, ids.srv],
  ]) {
    await q(`insert into risk_assets (org_id, risk_id, asset_id) values ($1, $2, $3)`, [orgId, risk, asset]);
  }
  await q(
    `insert into risk_tasks (org_id, id, risk_id, title, owner_user_id, due_on, status, control_ids, notes, created_at, updated_at) values
       ($1, $2, $3, 'Offline backups', $4, '2027-01-15', 'in_progress', '{iso27001:2022:A.8.13}', 'Weekly test restore', now(), now()),
       ($1, $5, $3, 'Patch the server', null, null, 'not_started', '{iso27001:2022:A.8.8,iso27001:2022:A.8.7}', '', now(), now()),
       ($1, $6, $7, '+61 fax numbers checked', $8, '2026-12-24', 'done', '{}', '@reception', now(), now())`,
    [orgId, randomUUID(), ids.r1, ownerId, randomUUID(), randomUUID(), ids.r2, colleagueId],
  );
}

/** Every field of the register except ids and timestamps, by ref, with people by e-mail. */
async function registerOf(orgId: string) {
  const q = server.ownerQuery;
  const assets = await q(
    `select a.ref, a.name, a.kind, a.description, u.email as owner, a.classification, a.confidentiality, a.integrity, a.availability, a.location
     from assets a left join users u on u.id = a.owner_user_id where a.org_id = $1 order by a.ref`,
    [orgId],
  );
  const links = await q(
    `select f.ref as from_ref, l.relation, t.ref as to_ref from asset_links l join assets f on f.id = l.from_asset_id join assets t on t.id = l.to_asset_id
     where l.org_id = $1 order by 1, 2, 3`,
    [orgId],
  );
  const risks = await q(
    `select r.ref, r.title, r.threat, r.vulnerability, r.description, r.threat_id, u.email as owner, r.method_version,
       r.inherent_likelihood, r.inherent_impact, r.inherent_level, r.inherent_rank, r.current_likelihood, r.current_impact, r.current_level, r.current_rank,
       r.residual_likelihood, r.residual_impact, r.residual_level, r.residual_rank, r.treatment, r.treatment_notes, r.status, r.next_review_on::text as next_review_on,
       (select array_agg(a.ref order by a.ref) from risk_assets ra join assets a on a.id = ra.asset_id where ra.risk_id = r.id) as assets
     from risks r left join users u on u.id = r.owner_user_id where r.org_id = $1 order by r.ref`,
    [orgId],
  );
  const tasks = await q(
    `select r.ref as risk, t.title, u.email as owner, t.due_on::text as due_on, t.status, t.control_ids, t.notes
     from risk_tasks t join risks r on r.id = t.risk_id left join users u on u.id = t.owner_user_id where t.org_id = $1 order by 1, 2`,
    [orgId],
  );
  const acceptances = await q(
    `select r.ref, u.email as accepted_by, c.accepted_at, c.method_version, c.likelihood, c.impact, c.level, c.note
     from risk_acceptances c join risks r on r.id = c.risk_id join users u on u.id = c.accepted_by
     where c.org_id = $1 and c.withdrawn_at is null order by 1`,
    [orgId],
  );
  return { assets, links, risks, tasks, acceptances };
}

async function download(client: TestClient): Promise<Buffer> {
  const reply = await client.get('/api/v1/register/export.xlsx');
  expect(reply.status).toBe(200);
  expect(reply.headers['content-type']).toContain('spreadsheetml');
  return reply.raw.rawPayload;
}

async function importWorkbook(client: TestClient, kind: 'assets' | 'risks', workbook: Buffer) {
  const content = workbook.toString('base64');
  const analysed = await client.request('POST', '/api/v1/register/imports/analyse', { kind, fileName: 'register.xlsx', content });
  expect(analysed.status).toBe(200);
  const sheets = analysed.json<{ sheets: Array<{ role: string; mapping: Record<string, number | null> }> }>().sheets;
  const mapping = Object.fromEntries(sheets.map((s) => [s.role, s.mapping]));
  const committed = await client.request('POST', '/api/v1/register/imports/commit', {
    kind,
    fileName: 'register.xlsx',
    content,
    mapping,
    progressId: randomUUID(),
  });
  expect(committed.status, JSON.stringify(committed.body)).toBe(201);
  return { sheets: sheets.map((s) => s.role), counts: committed.json<{ counts: Record<string, number> }>().counts };
}

describe('register export', () => {
  it('exports the register as one workbook with real numbers and dates, which imports into a fresh organisation as the same register', async () => {
    const owner = await signUpOwner(server, { organisationName: 'Harbour Street Clinic' });
    const colleague = await addMemberWithRole(server, owner, 'contributor');
    await plantRegister(owner.orgId, owner.userId, colleague.userId);
    const exported = await download(owner.client);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Assets', 'Asset links', 'Risks', 'Treatment tasks']);
    const risks = workbook.getWorksheet('Risks');
    expect(risks?.getRow(1).getCell(9).value).toBe('Inherent likelihood');
    expect(risks?.getRow(2).getCell(9).value).toBe(4);
    expect(risks?.getRow(2).getCell(18).value).toEqual(new Date(Date.UTC(2027, 2, 31)));
    expect(risks?.getRow(2).getCell(18).numFmt).toBe('dd/mm/yyyy');
    expect(workbook.getWorksheet('Assets')?.getRow(4).getCell(10).value).toBe('\'=HYPERLINK("x") is text, not a formula');
    expect(workbook.getWorksheet('Treatment tasks')?.getRow(3).getCell(6).value).toBe('A.8.8; A.8.7');
    // The standing acceptance: who, and when on the organisation's wall clock (Sydney, summer time).
    expect(risks?.getRow(1).getCell(19).value).toBe('Accepted by');
    expect(risks?.getRow(4).getCell(19).value).toBe(colleague.email);
    expect(risks?.getRow(4).getCell(20).value).toEqual(new Date(Date.UTC(2026, 10, 20, 14, 4, 5, 678)));
    expect(risks?.getRow(4).getCell(20).numFmt).toBe('dd/mm/yyyy hh:mm:ss');
    expect(risks?.getRow(4).getCell(21).value).toBe('Replacement budgeted for July 2027');
    expect(risks?.getRow(2).getCell(20).value).toBeNull();

    // The same people, in a fresh organisation: the owner creates it and invites the colleague again.
    const created = await owner.client.request('POST', '/api/v1/orgs', { name: 'Fresh Clinic' });
    expect(created.status).toBe(201);
    const freshId = created.json<{ orgId: string }>().orgId;
    expect((await owner.client.request('POST', '/api/v1/auth/switch-org', { orgId: freshId })).status).toBe(200);
    await server.ownerQuery(`insert into memberships (org_id, user_id, role, created_at) values ($1, $2, 'contributor', now())`, [freshId, colleague.userId]);

    expect(await importWorkbook(owner.client, 'assets', exported)).toEqual({
      sheets: ['assets', 'asset_links'],
      counts: { assets: 3, assetLinks: 2, risks: 0, treatmentTasks: 0 },
    });
    expect(await importWorkbook(owner.client, 'risks', exported)).toEqual({
      sheets: ['risks', 'treatment_tasks'],
      counts: { assets: 0, assetLinks: 0, risks: 3, treatmentTasks: 3 },
    });
    const [source, copy] = [await registerOf(owner.orgId), await registerOf(freshId)];
    expect(source.assets).toHaveLength(3);
    expect(source.acceptances).toHaveLength(1);
    expect(source.tasks).toHaveLength(3);
    expect(copy).toEqual(source);

    // And the copy exports to the same cells.
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await download(owner.client)) as unknown as ArrayBuffer);
    const cells = (book: ExcelJS.Workbook) => book.worksheets.map((sheet) => sheet.getSheetValues());
    expect(cells(again)).toEqual(cells(workbook));
  });

  it('is readable by an auditor and refused to staff', async () => {
    const owner = await signUpOwner(server);
    const auditor = await addMemberWithRole(server, owner, 'auditor');
    const staff = await addMemberWithRole(server, owner, 'staff');
    expect((await auditor.client.get('/api/v1/register/export.xlsx')).status).toBe(200);
    expect((await staff.client.get('/api/v1/register/export.xlsx')).status).toBe(403);
  });
});
