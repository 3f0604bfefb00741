import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOscalCatalog } from '@custodian/catalogue/oscal/import-catalog.ts';
import { oscalSchemaErrors } from '@custodian/catalogue/oscal/oscal-schema-validator.ts';
import type { FrameworkCoverageReply, TransitionViewReply } from '@custodian/shared/contracts/frameworks.ts';
import { signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const coverageOf = async (client: TestClient) => (await client.get('/api/v1/frameworks/coverage')).json<FrameworkCoverageReply>();

async function setStatus(client: TestClient, ref: string, fields: Record<string, unknown>): Promise<void> {
  const url = `/api/v1/controls/${encodeURIComponent(`iso27001:2022:A.${ref}`)}`;
  const { version } = (await client.get(url)).json<{ version: number }>();
  const reply = await client.request('PATCH', url, { version, ...fields });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
}

describe('frameworks seen through the controls register', () => {
  it('shows Essential Eight coverage per maturity level and the Privacy Principles, moving with the register', async () => {
    const { client } = await signUpOwner(server);
    const before = await coverageOf(client);
    expect(before.essentialEight.levels.map((l) => [l.level, l.totals.total, l.totals.covered])).toEqual([
      ['ML1', 46, 0],
      ['ML2', 87, 0],
      ['ML3', 123, 0],
    ]);
    expect(before.essentialEight.strategies).toHaveLength(8);
    expect(before.privacyPrinciples.principles).toHaveLength(13);
    expect(before.privacyPrinciples.principles.find((p) => p.number === 11)).toMatchObject({ id: 'APP 11', coverage: 'not_covered' });
    // Every Annex A control implemented: every requirement that maps to controls is covered.
    const all = (await client.get('/api/v1/controls?limit=200')).json<{ items: Array<{ ref: string }> }>();
    for (const item of all.items) await setStatus(client, item.ref.slice(2), { status: 'implemented', noEvidenceReason: 'Seen at audit' });
    const after = await coverageOf(client);
    expect(after.essentialEight.levels.map((l) => l.totals.percentCovered)).toEqual([100, 100, 100]);
    expect(after.privacyPrinciples.totals).toMatchObject({ total: 13, covered: 13, percentCovered: 100 });
    await setStatus(client, '8.8', { status: 'partial' });
    const patched = await coverageOf(client);
    const patching = patched.essentialEight.strategies.find((s) => s.title.toLowerCase().includes('patch applications'));
    expect(patching?.levels[0]?.totals.covered).toBeLessThan(patching?.levels[0]?.totals.total ?? 0);
  });

  it('maps all 114 controls of the 2013 Annex A to 2022, with the 11 new ones and the organisation’s status', async () => {
    const { client } = await signUpOwner(server);
    await setStatus(client, '8.15', { status: 'partial' });
    const view = (await client.get('/api/v1/frameworks/iso27001-2013')).json<TransitionViewReply>();
    expect(view.legacyCount).toBe(114);
    expect(view.newCount).toBe(11);
    expect(view.controls).toHaveLength(93);
    expect(view.controls.filter((c) => c.isNew).map((c) => c.ref)).toEqual(['A.5.7', 'A.5.23', 'A.5.30', 'A.7.4', 'A.8.9', 'A.8.10', 'A.8.11', 'A.8.12', 'A.8.16', 'A.8.23', 'A.8.28']);
    const logging = view.controls.find((c) => c.ref === 'A.8.15');
    expect(logging).toMatchObject({ isNew: false, status: 'partial' });
    expect(logging?.sources.map((s) => s.ref)).toEqual(['A.12.4.1', 'A.12.4.2', 'A.12.4.3']);
  });

  it('exports the catalogue, its profile and the organisation’s plan as OSCAL that NIST’s schema accepts', async () => {
    const { client } = await signUpOwner(server, { organisationName: 'Harbour GP' });
    await setStatus(client, '7.5', { status: 'not_applicable', justification: 'Fully cloud-hosted.' });
    await setStatus(client, '5.15', { status: 'implemented', implementation: 'Role-based access in the clinical system' });
    const note = (await client.request('POST', '/api/v1/evidence', { kind: 'note', title: 'Access review, March', note: 'Every account checked against the staff list.' })).json<{ id: string }>();
    expect((await client.request('POST', `/api/v1/evidence/${note.id}/links`, { targetKind: 'control', targetId: 'iso27001:2022:A.5.15' })).status).toBe(200);
    const catalog = await client.get('/api/v1/oscal/catalog.json');
    expect(catalog.status).toBe(200);
    expect(catalog.raw.headers['content-type']).toContain('application/json');
    const catalogDoc: unknown = JSON.parse(catalog.raw.body);
    expect(oscalSchemaErrors(catalogDoc)).toEqual([]);
    const imported = importOscalCatalog(catalogDoc);
    expect(imported.requirements.filter((r) => r.label?.startsWith('A.')).length).toBe(93);
    expect(oscalSchemaErrors(JSON.parse((await client.get('/api/v1/oscal/profile.json')).raw.body))).toEqual([]);
    const ssp = JSON.parse((await client.get('/api/v1/oscal/ssp.json')).raw.body) as {
      'system-security-plan': { metadata: { title: string }; 'control-implementation': { 'implemented-requirements': Array<{ 'control-id': string; 'by-components': Array<{ 'implementation-status': { state: string; remarks?: string }; description: string }> }> } };
    };
    expect(oscalSchemaErrors(ssp)).toEqual([]);
    const plan = ssp['system-security-plan'];
    expect(plan.metadata.title).toContain('Harbour GP');
    const byId = new Map(plan['control-implementation']['implemented-requirements'].map((r) => [r['control-id'], r['by-components'][0]]));
    expect(byId.get('a-7.5')?.['implementation-status']).toEqual({ state: 'not-applicable', remarks: 'Fully cloud-hosted.' });
    expect(byId.get('a-5.15')).toMatchObject({ 'implementation-status': { state: 'implemented' }, description: 'Role-based access in the clinical system' });
    expect(JSON.stringify(ssp)).toContain('Access review, March');
  });
});
