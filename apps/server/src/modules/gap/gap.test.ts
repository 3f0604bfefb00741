import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemberWithRole, saveGapItem, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const a51 = 'iso27001:2022:A.5.1';
const clause43 = 'iso27001:2022:4.3';

interface Page {
  items: Array<{ itemId: string; kind: string; status: string; ref: string; notes: string; isOverdue: boolean; stage?: number | null }>;
  total: { count: number; isExact: boolean };
  page: { from: number | null; to: number | null; next: string | null; prev: string | null; last: string | null };
}

describe('gap analysis', () => {
  it('lists every clause requirement, control and mandatory document, paginated and filtered on the server', async () => {
    const { client } = await signUpOwner(server);
    const all = (await client.get('/api/v1/gap/items?limit=200')).json<Page>();
    expect(all.items.filter((i) => i.kind === 'control')).toHaveLength(93);
    expect(all.items.filter((i) => i.kind === 'clause').length).toBeGreaterThanOrEqual(25);
    expect(all.items.filter((i) => i.kind === 'document').length).toBeGreaterThanOrEqual(10);
    expect(all.items.every((i) => i.status === 'not_started')).toBe(true);
    const first = (await client.get('/api/v1/gap/items?theme=people&limit=5&sort=ref&order=desc')).json<Page>();
    expect(first.items.map((i) => i.ref)).toEqual(['A.6.8', 'A.6.7', 'A.6.6', 'A.6.5', 'A.6.4']);
    const people = (await client.get(`/api/v1/gap/items?theme=people&limit=5&sort=ref&order=desc&cursor=${first.page.next}`)).json<Page>();
    expect(people.total).toEqual({ count: 8, isExact: true });
    expect(people.items.map((i) => i.ref)).toEqual(['A.6.3', 'A.6.2', 'A.6.1']);
    expect(people.page).toMatchObject({ from: 6, to: 8, next: null, last: null });
    const back = (await client.get(`/api/v1/gap/items?theme=people&limit=5&sort=ref&order=desc&cursor=${people.page.prev}`)).json<Page>();
    expect(back.items.map((i) => i.ref)).toEqual(first.items.map((i) => i.ref));
    const last = (await client.get('/api/v1/gap/items?theme=people&limit=5&sort=ref&order=desc&cursor=last')).json<Page>();
    expect(last.items.map((i) => i.ref)).toEqual(['A.6.5', 'A.6.4', 'A.6.3', 'A.6.2', 'A.6.1']);
    expect(last.page).toMatchObject({ from: 4, to: 8, next: null });
  });

  it('filters to the items of one audit stage: the Stage 1 list is the Stage 1 blockers of a new organisation', async () => {
    const { client } = await signUpOwner(server);
    const stageOne = (await client.get('/api/v1/gap/items?stage=1&limit=200')).json<Page>();
    const readiness = (await client.get('/api/v1/gap/readiness')).json<{ stages: Array<{ stage: number; blockers: Array<{ itemId: string }> }> }>();
    const blockers = readiness.stages.find((s) => s.stage === 1)?.blockers.map((b) => b.itemId) ?? [];
    expect(stageOne.items.every((i) => i.stage === 1)).toBe(true);
    expect(stageOne.items.map((i) => i.itemId).sort()).toEqual([...blockers].sort());
    expect(stageOne.total.count).toBeLessThan(139);
    expect((await client.get('/api/v1/gap/items?stage=3')).status).toBe(400);
  });

  it('records status, owner, target date and notes, writes the audit trail and moves readiness', async () => {
    const owner = await signUpOwner(server);
    const before = (await owner.client.get('/api/v1/gap/readiness')).json<{ overall: { score: number }; stages: Array<{ blockers: unknown[] }> }>();
    expect(before.overall.score).toBe(0);
    const put = await saveGapItem(owner.client, `/api/v1/gap/items/${a51}`, { status: 'implemented', ownerUserId: owner.userId, targetDate: '2027-01-31', notes: 'Policy approved' });
    expect(put.status).toBe(200);
    expect(put.json()).toMatchObject({ status: 'implemented', ownerName: 'Pat Owner', targetDate: '2027-01-31', notes: 'Policy approved' });
    await saveGapItem(owner.client, `/api/v1/gap/items/${clause43}`, { status: 'partial' });
    const after = (await owner.client.get('/api/v1/gap/readiness')).json<{ overall: { score: number }; controlScore: number; clauseScore: number; themes: Array<{ id: string; score: number }>; stages: Array<{ blockers: Array<{ itemId: string }> }> }>();
    expect(after.controlScore).toBeCloseTo(100 / 93, 1);
    expect(after.overall.score).toBeGreaterThan(0);
    expect(after.themes.find((t) => t.id === 'organisational')?.score).toBeCloseTo(100 / 37, 1);
    expect(after.stages[0]?.blockers.some((b) => b.itemId === clause43)).toBe(true);
    const trail = (await owner.client.get('/api/v1/audit-log?entityType=gap_item')).json<{ items: Array<{ entityId: string; before: unknown; after: { status: string } }> }>();
    expect(trail.items.map((e) => e.entityId)).toEqual([clause43, a51]);
    expect(trail.items[1]?.after.status).toBe('implemented');
  });

  it('never loses an edit: a stale save gets 409 with the current item, and the person reapplies only their change', async () => {
    const owner = await signUpOwner(server);
    const colleague = await addMemberWithRole(server, owner, 'contributor');
    const url = `/api/v1/gap/items/${a51}`;
    const opened = (await owner.client.get(url)).json<{ version: number }>();
    const tab = (await colleague.client.get(url)).json<{ version: number }>();
    expect(tab.version).toBe(opened.version);
    const first = await owner.client.request('PATCH', url, { version: opened.version, notes: 'Policy drafted by Pat' });
    expect(first.status).toBe(200);
    const stale = await colleague.client.request('PATCH', url, { version: tab.version, targetDate: '2027-06-30' });
    expect(stale.status).toBe(409);
    const conflict = stale.json<{ error: { code: string; details: { current: { notes: string; version: number; targetDate: string | null } } } }>().error;
    expect(conflict.code).toBe('edit_conflict');
    expect(conflict.details.current).toMatchObject({ notes: 'Policy drafted by Pat', targetDate: null, version: opened.version + 1 });
    const reapplied = await colleague.client.request('PATCH', url, { version: conflict.details.current.version, targetDate: '2027-06-30' });
    expect(reapplied.status).toBe(200);
    expect(reapplied.json()).toMatchObject({ notes: 'Policy drafted by Pat', targetDate: '2027-06-30', version: opened.version + 2 });
    const trail = (await owner.client.get(`/api/v1/audit-log?entityId=${a51}&order=asc`)).json<{ items: Array<{ after: { notes: string; targetDate: string | null } }> }>();
    expect(trail.items.map((e) => [e.after.notes, e.after.targetDate])).toEqual([
      ['Policy drafted by Pat', null],
      ['Policy drafted by Pat', '2027-06-30'],
    ]);
  });

  it('needs a justification for not applicable, and never allows it for clauses', async () => {
    const { client } = await signUpOwner(server);
    const missing = await saveGapItem(client, '/api/v1/gap/items/iso27001:2022:A.8.30', { status: 'not_applicable' });
    expect(missing.status).toBe(400);
    expect(missing.json<{ error: { details: Array<{ path: string }> } }>().error.details[0]?.path).toBe('justification');
    const clause = await saveGapItem(client, `/api/v1/gap/items/${clause43}`, { status: 'not_applicable', justification: 'no' });
    expect(clause.status).toBe(400);
    expect(clause.json<{ error: { details: Array<{ path: string }> } }>().error.details[0]?.path).toBe('status');
    const document = await saveGapItem(client, '/api/v1/gap/items/iso27001:2022:doc:isms-scope', { status: 'not_applicable', justification: 'no' });
    expect(document.status).toBe(400);
    const ok = await saveGapItem(client, '/api/v1/gap/items/iso27001:2022:A.8.30', { status: 'not_applicable', justification: 'We outsource no development.' });
    expect(ok.status).toBe(200);
    const readiness = (await client.get('/api/v1/gap/readiness')).json<{ overall: { counts: { notApplicable: number } } }>();
    expect(readiness.overall.counts.notApplicable).toBe(1);
  });

  it('flags overdue items and refuses an owner from outside the organisation', async () => {
    const owner = await signUpOwner(server);
    const other = await signUpOwner(server);
    await saveGapItem(owner.client, `/api/v1/gap/items/${a51}`, { status: 'partial', targetDate: '2020-01-01' });
    const overdue = (await owner.client.get('/api/v1/gap/items?isOverdue=true')).json<Page>();
    expect(overdue.items.map((i) => i.itemId)).toEqual([a51]);
    const foreignOwner = await saveGapItem(owner.client, `/api/v1/gap/items/${a51}`, { status: 'partial', ownerUserId: other.userId });
    expect(foreignOwner.status).toBe(400);
  });

  it('lets contributors edit, but not staff or auditors', async () => {
    const owner = await signUpOwner(server);
    const contributor = await addMemberWithRole(server, owner, 'contributor');
    const staff = await addMemberWithRole(server, owner, 'staff');
    const auditor = await addMemberWithRole(server, owner, 'auditor');
    expect((await saveGapItem(contributor.client, `/api/v1/gap/items/${a51}`, { status: 'partial' })).status).toBe(200);
    expect((await saveGapItem(staff.client, `/api/v1/gap/items/${a51}`, { status: 'implemented' })).status).toBe(403);
    expect((await staff.client.get('/api/v1/gap/items')).status).toBe(403);
    expect((await auditor.client.get('/api/v1/gap/items')).status).toBe(200);
    expect((await saveGapItem(auditor.client, `/api/v1/gap/items/${a51}`, { status: 'implemented' })).status).toBe(403);
    expect((await owner.client.get(`/api/v1/gap/items/${a51}`)).json<{ status: string }>().status).toBe('partial');
  });

  it('exports an XLSX workbook that reads back with the recorded statuses, real dates, numbers and theme labels', async () => {
    const owner = await signUpOwner(server, { organisationName: 'Export Clinic' });
    await saveGapItem(owner.client, `/api/v1/gap/items/${a51}`, { status: 'implemented', targetDate: '2027-03-01', notes: 'Signed by the principal' });
    const response = await owner.client.get('/api/v1/gap/export.xlsx');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/spreadsheetml/);
    expect(String(response.headers['content-disposition'])).toMatch(/gap-analysis-export-clinic-\d{4}-\d{2}-\d{2}\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.raw.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Summary', 'Clauses 4–10', 'Annex A controls', 'Mandatory documents']);
    const controls = workbook.getWorksheet('Annex A controls');
    const row = controls?.getRow(2);
    expect(row?.getCell(1).value).toBe('A.5.1');
    expect(row?.getCell(3).value).toBe('Organisational');
    expect(row?.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(row?.getCell(5).value).toBe('Implemented');
    const target = row?.getCell(7);
    expect(target?.type).toBe(ExcelJS.ValueType.Date);
    expect(target?.value).toEqual(new Date(Date.UTC(2027, 2, 1)));
    expect(target?.numFmt).toBe('dd/mm/yyyy');
    expect(row?.getCell(10).value).toBe('Signed by the principal');
    expect(controls?.rowCount).toBe(94);
    const themes = new Set<string>();
    controls?.eachRow((r, n) => void (n > 1 && themes.add(String(r.getCell(3).value))));
    expect([...themes].sort()).toEqual(['Organisational', 'People', 'Physical', 'Technological']);
    const summary = workbook.getWorksheet('Summary');
    expect(summary?.getRow(2).getCell(2).value).toBe('Export Clinic');
    expect(summary?.getRow(3).getCell(2).type).toBe(ExcelJS.ValueType.Date);
    expect(summary?.getRow(3).getCell(2).numFmt).toBe('dd/mm/yyyy');
    const overall = summary?.getRow(4).getCell(2);
    expect(summary?.getRow(4).getCell(1).value).toBe('Overall readiness');
    expect(overall?.type).toBe(ExcelJS.ValueType.Number);
    expect(overall?.numFmt).toBe('0.0%');
    expect(Number(overall?.value)).toBeGreaterThan(0);
    expect(Number(overall?.value)).toBeLessThan(1);
  });

  it('writes text that a spreadsheet could run as a formula with a leading apostrophe, never as a formula', async () => {
    const owner = await signUpOwner(server, { organisationName: '=HYPERLINK("https://evil.example","Open")' });
    const notes = ['=1+1', '+61 2 9999 0000', '-2+3', '@SUM(A1:A2)', '\t=cmd', '\r=cmd', 'Plain note'];
    const refs = ['A.5.1', 'A.5.2', 'A.5.3', 'A.5.4', 'A.5.5', 'A.5.6', 'A.5.7'];
    for (const [i, ref] of refs.entries()) await saveGapItem(owner.client, `/api/v1/gap/items/iso27001:2022:${ref}`, { notes: notes[i] });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await owner.client.get('/api/v1/gap/export.xlsx')).raw.rawPayload as unknown as ArrayBuffer);
    const controls = workbook.getWorksheet('Annex A controls');
    const written = refs.map((_, i) => controls?.getRow(i + 2).getCell(10));
    expect(written.map((cell) => cell?.type)).toEqual(refs.map(() => ExcelJS.ValueType.String));
    // XML reads a carriage return back as a line feed; what matters is the apostrophe in front.
    expect(written.map((cell) => String(cell?.value).replace(/\r/g, '\n'))).toEqual(["'=1+1", "'+61 2 9999 0000", "'-2+3", "'@SUM(A1:A2)", "'\t=cmd", "'\n=cmd", 'Plain note']);
    const name = workbook.getWorksheet('Summary')?.getRow(2).getCell(2);
    expect(name?.type).toBe(ExcelJS.ValueType.String);
    expect(name?.value).toBe(`'=HYPERLINK("https://evil.example","Open")`);
  });
});
