import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEvidence } from '../../../test/evidence-fixtures.ts';
import { pdfText } from '../../../test/read-document.ts';
import { signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import type { PackManifest } from './auditor-pack.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Downloads the pack, unzips it and checks every file against the manifest and the manifest against the header. */
async function downloadPack(client: TestClient): Promise<{ zip: JSZip; manifest: PackManifest; names: string[] }> {
  const reply = await client.get('/api/v1/certification/auditor-pack');
  expect(reply.status).toBe(200);
  expect(reply.headers['content-type']).toContain('application/zip');
  expect(String(reply.headers['content-disposition'])).toMatch(/auditor-pack-.*\.zip/);
  const zip = await JSZip.loadAsync(reply.raw.rawPayload);
  const manifestBytes = await zip.file('manifest.json')?.async('uint8array');
  if (!manifestBytes) throw new Error('no manifest.json in the pack');
  expect(reply.headers['x-manifest-sha256']).toBe(sha256(manifestBytes));
  const manifest = JSON.parse(Buffer.from(manifestBytes).toString('utf8')) as PackManifest;
  const names = Object.values(zip.files)
    .filter((entry) => !entry.dir)
    .map((entry) => entry.name)
    .sort();
  // Every file but the manifest itself is listed, and its bytes hash to what the manifest says.
  expect(manifest.files.map((f) => f.path).sort()).toEqual(names.filter((n) => n !== 'manifest.json'));
  for (const entry of manifest.files) {
    const bytes = await zip.file(entry.path)?.async('uint8array');
    if (!bytes) throw new Error(`missing ${entry.path}`);
    expect({ path: entry.path, sha256: sha256(bytes), size: bytes.byteLength }).toEqual({ path: entry.path, sha256: entry.sha256, size: entry.size });
  }
  return { zip, manifest, names };
}

describe('the auditor pack', () => {
  it('says what is missing instead of failing when nothing is approved or recorded yet', async () => {
    const { client } = await signUpOwner(server, { organisationName: 'Quiet Clinic' });
    const { manifest, names, zip } = await downloadPack(client);
    const notes = Object.fromEntries(manifest.sections.map((s) => [s.section, s.note]));
    expect(notes['Statement of Applicability']).toBe('No version of the Statement of Applicability has been approved yet, so none is included.');
    expect(notes['Certificate and certification cycle']).toBe('No certificate or certification cycle is recorded yet.');
    expect(notes['Evidence index']).toBe('No evidence has been recorded yet.');
    expect(notes['Policies and documents']).toBe('No document has been approved yet.');
    expect(notes['Management reviews']).toBe('No management review has been held yet.');
    expect(names).toContain('internal-audit/audit-programme.pdf');
    expect(names.some((n) => n.startsWith('soa/'))).toBe(false);
    expect(names).toEqual(expect.arrayContaining(['MANIFEST.txt', 'manifest.json', 'scope/' + names.find((n) => n.startsWith('scope/'))?.slice(6)]));
    expect(names.filter((n) => n.startsWith('risks/'))).toHaveLength(2);
    const text = (await zip.file('MANIFEST.txt')?.async('string')) ?? '';
    expect(text).toContain('Quiet Clinic, prepared on');
    expect(text).toContain('No version of the Statement of Applicability has been approved yet');
  });

  it('holds the certificate, the approved SoA, the risk reports, the scope statement and the evidence index, every hash verified', async () => {
    const { client } = await signUpOwner(server, { organisationName: 'Harbour GP' });
    const all = (await client.get('/api/v1/controls?limit=200')).json<{ items: Array<{ controlId: string }> }>();
    await client.request('POST', '/api/v1/controls/reasons', { controlIds: all.items.map((item) => item.controlId), reasons: ['good_practice'] });
    const draft = (await client.get('/api/v1/soa')).json<{ checksum: string }>();
    expect((await client.request('POST', '/api/v1/soa/approve', { checksum: draft.checksum })).status).toBe(201);
    await client.request('POST', '/api/v1/certification/certificates', { number: 'ISMS-7781', bodyName: 'Southern Cross Certification', scope: 'Clinical and administrative systems of Harbour GP', issuedOn: '2026-03-15' });
    const policy = (await client.request('POST', '/api/v1/documents', { templateKey: 'information-security' })).json<{ id: string; version: number }>();
    expect((await client.request('POST', `/api/v1/documents/${policy.id}/approve`, { version: policy.version, isMajor: true, changeNote: 'First issue' })).status).toBe(200);
    const link = await addEvidence(client, { kind: 'link', title: '=Backup restore test', url: 'https://wiki.example/backups', validUntil: '2030-06-30' });
    await client.request('POST', `/api/v1/evidence/${link.id}/links`, { targetKind: 'control', targetId: 'iso27001:2022:A.8.13' });

    const { zip, manifest, names } = await downloadPack(client);
    expect(names.filter((n) => n.startsWith('soa/')).map((n) => n.split('.').pop()).sort()).toEqual(['pdf', 'xlsx']);
    expect(manifest.sections.find((s) => s.section === 'Statement of Applicability')?.note).toBeNull();
    const policyPdf = names.find((n) => n.startsWith('documents/information-security-policy'));
    expect(await pdfText((await zip.file(policyPdf ?? '')?.async('uint8array')) ?? new Uint8Array())).toContain('Harbour GP');
    const certificate = await pdfText((await zip.file('certification/certificate-and-cycle.pdf')?.async('uint8array')) ?? new Uint8Array());
    expect(certificate).toContain('ISMS-7781');
    expect(certificate).toContain('Southern Cross Certification');
    expect(certificate).toContain('14/03/2029');
    expect(certificate).toContain('Surveillance audit, year 1');
    const csv = (await zip.file('evidence/evidence-index.csv')?.async('string')) ?? '';
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('"Title","Kind","Owner","Valid until","Standing","Web address or file","File SHA-256","Evidence of","In Custodian"');
    expect(lines[1]).toContain(`"'=Backup restore test","Link"`);
    expect(lines[1]).toContain('"30/06/2030"');
    expect(lines[1]).toContain('"https://wiki.example/backups"');
    expect(lines[1]).toContain('A.8.13');
    expect(lines[1]).toContain(`"/evidence/${link.id}"`);
    // A file changed after download no longer matches the manifest.
    const [first] = manifest.files;
    expect(sha256(Buffer.concat([Buffer.from((await zip.file(first?.path ?? '')?.async('uint8array')) ?? []), Buffer.from('x')]))).not.toBe(first?.sha256);
  });
});
