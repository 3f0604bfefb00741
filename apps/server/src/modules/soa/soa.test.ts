import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SoaDiff, SoaDraft, SoaVersion } from '@custodian/shared/contracts/soa.ts';
import { auditSentence } from '@custodian/shared/domain/audit-wording.ts';
import { docxParagraphs, pdfText } from '../../../test/read-document.ts';
import { addMemberWithRole, signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const draftOf = async (client: TestClient) => (await client.get('/api/v1/soa')).json<SoaDraft>();
const control = (ref: string) => `/api/v1/controls/${encodeURIComponent(`iso27001:2022:A.${ref}`)}`;

/** Every control given a reason, A.7.5 excluded, A.5.15 implemented with the reason it has no evidence. */
async function readyRegister(client: TestClient): Promise<void> {
  const all = (await client.get('/api/v1/controls?limit=200')).json<{ items: Array<{ controlId: string }> }>();
  expect((await client.request('POST', '/api/v1/controls/reasons', { controlIds: all.items.map((item) => item.controlId), reasons: ['good_practice'] })).json()).toEqual({ changed: 93 });
  expect((await client.request('PATCH', control('7.5'), { version: 1, status: 'not_applicable', justification: 'Fully cloud-hosted: no premises hold systems.' })).status).toBe(200);
  expect((await client.request('PATCH', control('5.15'), { version: 1, status: 'implemented', reasons: ['legal', 'good_practice'], implementation: 'Role-based access in the clinical system' })).status).toBe(200);
}

describe('the Statement of Applicability', () => {
  it('is generated from the register and says what stops its approval', async () => {
    const { client } = await signUpOwner(server);
    const first = await draftOf(client);
    expect(first.rows).toHaveLength(93);
    expect(first.latest).toBeNull();
    expect(first.checks.filter((check) => check.kind === 'included_without_reason')).toHaveLength(93);
    const refused = await client.request('POST', '/api/v1/soa/approve', { checksum: first.checksum });
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'conflict', message: 'The statement has 93 problems to resolve before it can be approved.' } });
    await readyRegister(client);
    const ready = await draftOf(client);
    expect(ready.checks).toEqual([
      { kind: 'implemented_without_evidence', controlId: 'iso27001:2022:A.5.15', ref: 'A.5.15', message: 'A.5.15 is marked implemented but has no evidence linked and no reason why not.' },
    ]);
    expect(ready.rows.find((row) => row.ref === 'A.7.5')).toMatchObject({ isApplicable: false, reasons: [], justification: 'Fully cloud-hosted: no premises hold systems.' });
    expect(ready.rows.find((row) => row.ref === 'A.5.15')).toMatchObject({ reasons: ['legal', 'good_practice'], status: 'implemented' });
  });

  it('adds "treats an identified risk" to a control an open risk’s treatment names', async () => {
    const { client } = await signUpOwner(server);
    const risk = (await client.request('POST', '/api/v1/risks', { title: 'Ransomware', inherent: { likelihood: 4, impact: 5 } })).json<{ id: string; ref: string }>();
    await client.request('POST', `/api/v1/risks/${risk.id}/tasks`, { title: 'Offline backups', controlIds: ['iso27001:2022:A.8.13'] });
    const row = (await draftOf(client)).rows.find((candidate) => candidate.ref === 'A.8.13');
    expect(row).toMatchObject({ reasons: ['risk_treatment'], risks: [risk.ref] });
  });

  it('freezes an approval as version 1, then version 2 after a change, with the diff and three files read back', async () => {
    const { client } = await signUpOwner(server, { organisationName: 'Harbour GP', name: 'Dr Jane Lee' });
    await readyRegister(client);
    const noReason = await draftOf(client);
    expect((await client.request('PATCH', control('5.15'), { version: 2, noEvidenceReason: 'Shown live in the clinical system at audit' })).status).toBe(200);
    expect((await client.request('POST', '/api/v1/soa/approve', { checksum: noReason.checksum })).status).toBe(409);
    const v1Draft = await draftOf(client);
    expect(v1Draft.checks).toEqual([]);
    const v1 = await client.request('POST', '/api/v1/soa/approve', { checksum: v1Draft.checksum, note: 'Approved at the March management review' });
    expect(v1.status).toBe(201);
    expect(v1.json()).toMatchObject({ version: 1, approvedByName: 'Dr Jane Lee', applicableCount: 92, excludedCount: 1, checksum: v1Draft.checksum });
    expect(await draftOf(client)).toMatchObject({ isApproved: true, latest: { version: 1 } });
    const again = await client.request('POST', '/api/v1/soa/approve', { checksum: v1Draft.checksum });
    expect(again.json()).toMatchObject({ error: { code: 'conflict', message: 'Nothing has changed since version 1 was approved.' } });

    expect((await client.request('PATCH', control('8.24'), { version: 1, status: 'partial', implementation: 'TLS everywhere; disk encryption on laptops' })).status).toBe(200);
    const v2Draft = await draftOf(client);
    expect(v2Draft.isApproved).toBe(false);
    expect((await client.request('POST', '/api/v1/soa/approve', { checksum: v2Draft.checksum })).json()).toMatchObject({ version: 2 });
    const versions = (await client.get('/api/v1/soa/versions')).json<{ items: Array<{ version: number; note: string }> }>();
    expect(versions.items.map((v) => [v.version, v.note])).toEqual([
      [2, ''],
      [1, 'Approved at the March management review'],
    ]);
    const diff = (await client.get('/api/v1/soa/diff?from=1&to=2')).json<SoaDiff>();
    expect(diff.changes).toEqual([
      {
        controlId: 'iso27001:2022:A.8.24',
        ref: 'A.8.24',
        title: 'Use of cryptography',
        change: 'changed',
        fields: [
          { field: 'status', label: 'Implementation status', before: 'Not started', after: 'Partially implemented' },
          { field: 'implementation', label: 'How it is implemented', before: '', after: 'TLS everywhere; disk encryption on laptops' },
        ],
      },
    ]);
    // Version 1 is what was approved, not what the register says now.
    expect((await client.get('/api/v1/soa/versions/1')).json<SoaVersion>().rows.find((row) => row.ref === 'A.8.24')).toMatchObject({ status: 'not_started' });

    const xlsx = await client.get('/api/v1/soa/versions/2/export.xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.headers['content-disposition']).toContain('statement-of-applicability-harbour-gp-v2.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const about = workbook.getWorksheet('About');
    const aboutRows = [2, 3, 4].map((n) => [about?.getRow(n).getCell(1).value, about?.getRow(n).getCell(2).value]);
    expect(aboutRows).toEqual([
      ['Organisation', 'Harbour GP'],
      ['Version', '2'],
      ['Approved by', 'Dr Jane Lee'],
    ]);
    const sheet = workbook.getWorksheet('Statement of Applicability');
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['Control', 'Title', 'Applicable', 'Reasons for inclusion', 'Justification for exclusion', 'Implementation status', 'How it is implemented', 'Owner', 'References']);
    const rowOf = (ref: string) => {
      for (let n = 2; n <= (sheet?.rowCount ?? 0); n += 1) if (sheet?.getRow(n).getCell(1).value === ref) return (sheet.getRow(n).values as unknown[]).slice(1, 7);
      return null;
    };
    expect(rowOf('A.7.5')).toEqual(['A.7.5', 'Protecting against physical and environmental threats', 'No', '', 'Fully cloud-hosted: no premises hold systems.', 'Not applicable']);
    expect(rowOf('A.8.24')).toEqual(['A.8.24', 'Use of cryptography', 'Yes', 'Good practice', '', 'Partially implemented']);
    expect(sheet?.rowCount).toBe(94);

    const docx = await client.get('/api/v1/soa/versions/1/export.docx');
    const paragraphs = (await docxParagraphs(docx.raw.rawPayload)).join('\n');
    expect(paragraphs).toContain('Statement of Applicability');
    expect(paragraphs).toContain('Harbour GP');
    expect(paragraphs).toContain('Approved at the March management review');
    expect(paragraphs).toContain('Fully cloud-hosted: no premises hold systems.');
    const pdf = await pdfText((await client.get('/api/v1/soa/versions/2/export.pdf')).raw.rawPayload);
    expect(pdf).toContain('Statement of Applicability');
    expect(pdf).toContain('Dr Jane Lee');
    expect(pdf).toContain('TLS everywhere; disk encryption on laptops');

    const trail = (await client.get('/api/v1/audit-log?action=soa.approved&order=asc')).json<{ items: Parameters<typeof auditSentence>[0][] }>();
    expect(trail.items.map((event) => auditSentence(event))).toEqual([
      'Dr Jane Lee approved version 1 of the Statement of Applicability.',
      'Dr Jane Lee approved version 2 of the Statement of Applicability.',
    ]);
  });

  it('refuses a statement changed since it was read, approval by anyone but an owner, and any change to a version', async () => {
    const owner = await signUpOwner(server);
    await readyRegister(owner.client);
    await owner.client.request('PATCH', control('5.15'), { version: 2, noEvidenceReason: 'Demonstrated live' });
    const read = await draftOf(owner.client);
    const manager = await addMemberWithRole(server, owner, 'isms_manager');
    expect((await manager.client.request('POST', '/api/v1/soa/approve', { checksum: read.checksum })).status).toBe(403);
    await owner.client.request('PATCH', control('5.1'), { version: 1, implementation: 'Policy set adopted' });
    const stale = await owner.client.request('POST', '/api/v1/soa/approve', { checksum: read.checksum });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'edit_conflict' } });
    const fresh = await draftOf(owner.client);
    expect((await owner.client.request('POST', '/api/v1/soa/approve', { checksum: fresh.checksum })).status).toBe(201);
    await expect(server.ownerQuery(`update soa_versions set note = 'rewritten' where version = 1`)).rejects.toThrow(/cannot be changed/);
    expect((await owner.client.get('/api/v1/soa/versions/7')).status).toBe(404);
    expect((await owner.client.get('/api/v1/soa/diff?from=1&to=x')).status).toBe(400);
  });
});
