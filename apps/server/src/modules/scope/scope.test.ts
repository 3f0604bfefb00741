import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSentence } from '@custodian/shared/domain/audit-wording.ts';
import { docxParagraphs, pdfText } from '../../../test/read-document.ts';
import { addMemberWithRole, signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const items = '/api/v1/scope/items';
const statementUrl = '/api/v1/scope/statement';
interface Item {
  id: string;
  section: string;
  name: string;
  description: string;
  justification: string;
  version: number;
}
interface Statement {
  summary: string;
  revision: number;
  approvedRevision: number | null;
  approvedByName: string | null;
  isApproved: boolean;
  counts: Record<string, number>;
  version: number;
}

async function add(client: TestClient, body: Record<string, unknown>): Promise<Item> {
  const reply = await client.request('POST', items, body);
  if (reply.status !== 201) throw new Error(`could not add: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.json<Item>();
}

const statementOf = async (client: TestClient) => (await client.get(statementUrl)).json<Statement>();

describe('context and scope', () => {
  it('adds entries to each part, lists one part, changes and removes them, counting a revision and an audit sentence for each', async () => {
    const owner = await signUpOwner(server, { name: 'Dr Jane Lee' });
    expect(await statementOf(owner.client)).toMatchObject({ revision: 0, isApproved: false, approvedRevision: null });
    const issue = await add(owner.client, { section: 'external_issue', name: 'Ransomware aimed at clinics', description: 'Sector alerts every month' });
    await add(owner.client, { section: 'internal_issue', name: 'Locum turnover' });
    await add(owner.client, { section: 'site', name: 'Bondi clinic' });
    const external = (await owner.client.get(`${items}?section=external_issue`)).json<{ items: Item[]; total: { count: number } }>();
    expect(external.items.map((item) => item.name)).toEqual(['Ransomware aimed at clinics']);
    expect(external.total.count).toBe(1);
    const changed = await owner.client.request('PATCH', `${items}/${issue.id}`, { version: issue.version, description: 'Weekly alerts' });
    expect(changed.json()).toMatchObject({ name: 'Ransomware aimed at clinics', description: 'Weekly alerts', version: issue.version + 1, updatedByName: 'Dr Jane Lee' });
    expect((await owner.client.request('DELETE', `${items}/${issue.id}`)).status).toBe(200);
    expect((await owner.client.get(`${items}/${issue.id}`)).status).toBe(404);
    const statement = await statementOf(owner.client);
    expect(statement.revision).toBe(5);
    expect(statement.counts).toMatchObject({ internal_issue: 1, external_issue: 0, site: 1 });
    const trail = (await owner.client.get(`/api/v1/audit-log?entityId=${issue.id}&order=asc`)).json<{ items: Parameters<typeof auditSentence>[0][] }>();
    expect(trail.items.map((event) => auditSentence(event))).toEqual([
      'Dr Jane Lee added the external issue “Ransomware aimed at clinics” to the context and scope.',
      'Dr Jane Lee changed the external issue “Ransomware aimed at clinics” in the context and scope.',
      'Dr Jane Lee removed the external issue “Ransomware aimed at clinics” from the context and scope.',
    ]);
  });

  it('refuses an exclusion without a justification, when added and when changed', async () => {
    const owner = await signUpOwner(server);
    const missing = await owner.client.request('POST', items, { section: 'exclusion', name: 'Software development', justification: '   ' });
    expect(missing.status).toBe(400);
    expect(missing.json<{ error: { details: Array<{ path: string }> } }>().error.details.map((d) => d.path)).toContain('justification');
    const exclusion = await add(owner.client, { section: 'exclusion', name: 'Software development', justification: 'The practice writes no software.' });
    const blanked = await owner.client.request('PATCH', `${items}/${exclusion.id}`, { version: exclusion.version, justification: '' });
    expect(blanked.status).toBe(400);
    expect(blanked.json<{ error: { message: string } }>().error.message).toBe('Give the reason this is excluded from the scope.');
    expect((await owner.client.get(`${items}/${exclusion.id}`)).json<Item>().justification).toBe('The practice writes no software.');
  });

  it('adds a suggestion once, and only in its own part', async () => {
    const owner = await signUpOwner(server);
    const patients = await add(owner.client, { section: 'interested_party', name: 'Patients and their carers', suggestionKey: 'party.patients' });
    expect(patients.section).toBe('interested_party');
    const again = await owner.client.request('POST', items, { section: 'interested_party', name: 'Patients', suggestionKey: 'party.patients' });
    expect(again.status).toBe(409);
    expect((await owner.client.request('POST', items, { section: 'site', name: 'Patients', suggestionKey: 'party.patients' })).status).toBe(400);
    expect((await owner.client.request('POST', items, { section: 'system', name: 'Telehealth platform', suggestionKey: 'system.telehealth' })).status).toBe(201);
  });

  it('refuses a stale change with the entry as it is now', async () => {
    const owner = await signUpOwner(server);
    const site = await add(owner.client, { section: 'site', name: 'Bondi clinic' });
    await owner.client.request('PATCH', `${items}/${site.id}`, { version: site.version, description: 'first' });
    const stale = await owner.client.request('PATCH', `${items}/${site.id}`, { version: site.version, description: 'second' });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { details: { current: Item } } }>().error.details.current).toMatchObject({ description: 'first', version: site.version + 1 });
  });

  it('approves the revision read, refuses a stale approval, and shows a later change as not approved', async () => {
    const owner = await signUpOwner(server, { name: 'Dr Jane Lee' });
    const contributor = await addMemberWithRole(server, owner, 'contributor');
    const summary = await owner.client.request('PATCH', statementUrl, { version: 1, summary: 'All clinical and administrative services of the practice.' });
    expect(summary.json<Statement>()).toMatchObject({ revision: 1, version: 2 });
    const stale = await owner.client.request('PATCH', statementUrl, { version: 1, summary: 'Something else' });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { details: { current: Statement } } }>().error.details.current.summary).toBe('All clinical and administrative services of the practice.');
    await add(contributor.client, { section: 'site', name: 'Bondi clinic' });
    expect((await contributor.client.request('POST', `${statementUrl}/approve`, { revision: 2 })).status).toBe(403);
    const tooOld = await owner.client.request('POST', `${statementUrl}/approve`, { revision: 1 });
    expect(tooOld.status).toBe(409);
    expect(tooOld.json<{ error: { details: { current: Statement } } }>().error.details.current.revision).toBe(2);
    const approved = await owner.client.request('POST', `${statementUrl}/approve`, { revision: 2, note: 'Reviewed at the December meeting' });
    expect(approved.json<Statement>()).toMatchObject({ isApproved: true, approvedRevision: 2, approvedByName: 'Dr Jane Lee' });
    await add(contributor.client, { section: 'system', name: 'Practice management software' });
    expect(await statementOf(owner.client)).toMatchObject({ revision: 3, approvedRevision: 2, isApproved: false });
    const trail = (await owner.client.get('/api/v1/audit-log?action=scope.approved')).json<{ items: Parameters<typeof auditSentence>[0][] }>();
    expect(trail.items.map((event) => auditSentence(event))).toEqual(['Dr Jane Lee approved revision 2 of the scope statement.']);
  });

  it('never shows as approved a revision that includes a change made while the approval was under way', async () => {
    const owner = await signUpOwner(server);
    for (let round = 0; round < 5; round += 1) {
      await add(owner.client, { section: 'process', name: `Process ${round}` });
      const { revision } = await statementOf(owner.client);
      const [approval, change] = await Promise.all([
        owner.client.request('POST', `${statementUrl}/approve`, { revision }),
        owner.client.request('POST', items, { section: 'site', name: `Site ${round}` }),
      ]);
      expect(change.status).toBe(201);
      expect([200, 409]).toContain(approval.status);
      const after = await statementOf(owner.client);
      expect(after).toMatchObject({ revision: revision + 1, isApproved: false });
      expect(after.approvedRevision === revision || approval.status === 409).toBe(true);
    }
  });

  it('writes the scope statement to a Word document and a PDF that say the same, read back from each file', async () => {
    const owner = await signUpOwner(server, { name: 'Dr Jane Lee', organisationName: 'Harbourside Family Clinic' });
    await owner.client.request('PATCH', statementUrl, { version: 1, summary: 'Clinical care at both sites.' });
    await add(owner.client, { section: 'interested_party', name: 'Patients and their carers', requirements: 'Records kept private', suggestionKey: 'party.patients' });
    await add(owner.client, { section: 'system', name: 'Telehealth platform', suggestionKey: 'system.telehealth' });
    await add(owner.client, { section: 'exclusion', name: 'Software development', justification: 'The practice writes no software.' });
    await owner.client.request('POST', `${statementUrl}/approve`, { revision: 4 });
    const docx = await owner.client.get(`${statementUrl}.docx`);
    expect(docx.status).toBe(200);
    expect(String(docx.headers['content-disposition'])).toMatch(/scope-statement-harbourside-family-clinic-\d{4}-\d{2}-\d{2}\.docx/);
    const pdf = await owner.client.get(`${statementUrl}.pdf`);
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    const paragraphs = await docxParagraphs(docx.raw.rawPayload);
    const text = await pdfText(pdf.raw.rawPayload);
    const approvedOn = new Intl.DateTimeFormat('en-AU', { timeZone: 'Australia/Sydney', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
    for (const words of [
      'Harbourside Family Clinic',
      'Revision 4',
      `Revision 4 approved by Dr Jane Lee on ${approvedOn}`,
      'Clinical care at both sites.',
      'Patients and their carers',
      'Records kept private',
      'Telehealth platform',
      'The practice writes no software.',
      'No sites recorded.',
    ]) {
      expect(paragraphs).toContain(words);
      expect(text).toContain(words);
    }
  });

  it('lets a contributor delete only what they added, and hides every entry from another organisation', async () => {
    const owner = await signUpOwner(server);
    const contributor = await addMemberWithRole(server, owner, 'contributor');
    const ownersEntry = await add(owner.client, { section: 'process', name: 'Owner’s' });
    const theirs = await add(contributor.client, { section: 'process', name: 'Contributor’s' });
    expect((await contributor.client.request('DELETE', `${items}/${ownersEntry.id}`)).status).toBe(403);
    expect((await contributor.client.request('DELETE', `${items}/${theirs.id}`)).status).toBe(200);
    const stranger = await signUpOwner(server);
    expect((await stranger.client.get(`${items}/${ownersEntry.id}`)).status).toBe(404);
    expect((await stranger.client.get(items)).json<{ total: { count: number } }>().total.count).toBe(0);
    expect((await statementOf(stranger.client)).revision).toBe(0);
  });
});
