import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsMember } from '../../core/transaction.ts';
import { addMemberWithRole, signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { docxParagraphs, pdfText } from '../../../test/read-document.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { documentsObligations, documentsPackFiles, mandatoryDocumentsProgress } from './documents.service.ts';
import { sanitiseDocumentHtml } from './document-html.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const path = '/api/v1/documents';
interface Doc {
  id: string;
  name: string;
  version: number;
  status: string;
  approvedLabel: string | null;
  approvedNumber: number | null;
  nextReviewOn: string | null;
  draftHtml: string;
}

async function approve(client: TestClient, id: string, body: { isMajor: boolean; changeNote: string }) {
  const current = (await client.get(`${path}/${id}`)).json<Doc>();
  return client.request('POST', `${path}/${id}/approve`, { version: current.version, ...body });
}

describe('documents', () => {
  it('sanitises stored text: no scripts, no event handlers, no javascript: links', () => {
    const dirty = '<h2 onclick="x()">Title</h2><script>alert(1)</script><p style="color:red">Hi <a href="javascript:alert(1)">x</a> <a href="https://example.org">ok</a><img src=x onerror="alert(2)"></p><iframe src="https://evil"></iframe>';
    const clean = sanitiseDocumentHtml(dirty);
    expect(clean).toBe('<h2>Title</h2><p>Hi <a>x</a> <a href="https://example.org">ok</a></p>');
  });

  it('creates a policy from a template with the organisation’s details, approves it, and exports DOCX and PDF with a document-control block', async () => {
    const owner = await signUpOwner(server, { organisationName: 'Harbourside Dental' });
    const created = await owner.client.request('POST', path, { templateKey: 'information-security' });
    expect(created.status).toBe(201);
    const doc = created.json<Doc>();
    expect(doc).toMatchObject({ name: 'Information security policy', status: 'draft', approvedLabel: null });
    const detail = (await owner.client.get(`${path}/${doc.id}`)).json<Doc>();
    expect(detail.draftHtml).toContain('Harbourside Dental looks after health information');
    expect(detail.draftHtml).toContain('Pat Owner is responsible');

    const saved = await owner.client.request('PATCH', `${path}/${doc.id}`, { version: detail.version, draftHtml: `${detail.draftHtml}<p onmouseover="steal()">Extra <script>bad()</script>line</p>` });
    expect(saved.status).toBe(200);
    const afterSave = (await owner.client.get(`${path}/${doc.id}`)).json<Doc>();
    expect(afterSave.draftHtml).toContain('<p>Extra line</p>');
    expect(afterSave.draftHtml).not.toMatch(/script|onmouseover/);

    const approved = await approve(owner.client, doc.id, { isMajor: true, changeNote: 'First issue' });
    expect(approved.status).toBe(200);
    expect(approved.json<Doc>()).toMatchObject({ status: 'approved', approvedLabel: '1.0', approvedNumber: 1 });
    expect(approved.json<Doc>().nextReviewOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const docx = await owner.client.get(`${path}/${doc.id}/versions/1/docx`);
    expect(docx.status).toBe(200);
    const paragraphs = await docxParagraphs(docx.raw.rawPayload);
    expect(paragraphs).toContain('Information security policy');
    expect(paragraphs.join('\n')).toContain('Harbourside Dental');
    expect(paragraphs).toEqual(expect.arrayContaining(['Purpose', 'Our commitments', 'Version history', 'First issue']));
    const pdf = await owner.client.get(`${path}/${doc.id}/versions/1/pdf`);
    const text = await pdfText(pdf.raw.rawPayload);
    expect(text).toContain('Approved');
    expect(text).toContain('Pat Owner');
    expect(text).toContain('Extra line');

    // An approved version is frozen even for the schema owner.
    await expect(server.ownerQuery(`update document_versions set html = 'tampered' where document_id = $1`, [doc.id])).rejects.toThrow(/cannot be changed/);
    const trail = (await owner.client.get(`/api/v1/audit-log?entityId=${doc.id}&order=asc`)).json<{ items: Array<{ action: string }> }>();
    expect(trail.items.map((e) => e.action)).toEqual(['documents.created', 'documents.updated', 'documents.approved']);
  });

  it('lets only an owner or ISMS manager approve, and refuses an approval of a draft changed since it was read', async () => {
    const owner = await signUpOwner(server);
    const contributor = await addMemberWithRole(server, owner, 'contributor');
    const doc = (await contributor.client.request('POST', path, { name: 'Visitor policy' })).json<Doc>();
    await contributor.client.request('PATCH', `${path}/${doc.id}`, { version: doc.version, draftHtml: '<p>Visitors sign in.</p>' });
    expect((await approve(contributor.client, doc.id, { isMajor: true, changeNote: 'x' })).status).toBe(403);
    const stale = await owner.client.request('POST', `${path}/${doc.id}/approve`, { version: doc.version, isMajor: true, changeNote: 'First' });
    expect(stale.status).toBe(409);
    const empty = (await owner.client.request('POST', path, { name: 'Empty' })).json<Doc>();
    expect((await approve(owner.client, empty.id, { isMajor: true, changeNote: 'x' })).status).toBe(400);
  });

  it('refuses a draft saved from a stale version with the document as it is now, its draft included, and keeps the colleague’s text', async () => {
    const owner = await signUpOwner(server);
    const doc = (await owner.client.request('POST', path, { name: 'Infection control' })).json<Doc>();
    const theirs = await owner.client.request('PATCH', `${path}/${doc.id}`, { version: doc.version, draftHtml: '<p>Wipe chairs between patients.</p>' });
    expect(theirs.status).toBe(200);
    const stale = await owner.client.request('PATCH', `${path}/${doc.id}`, { version: doc.version, draftHtml: '<p>Mine.</p>' });
    expect(stale.status).toBe(409);
    const body = stale.json<{ error: { code: string; details: { current: Doc } } }>().error;
    expect(body.code).toBe('edit_conflict');
    expect(body.details.current).toMatchObject({ id: doc.id, version: doc.version + 1, draftHtml: '<p>Wipe chairs between patients.</p>' });
    const staleApproval = await owner.client.request('POST', `${path}/${doc.id}/approve`, { version: doc.version, isMajor: true, changeNote: 'First' });
    expect(staleApproval.json<{ error: { details: { current: Doc } } }>().error.details.current.draftHtml).toBe('<p>Wipe chairs between patients.</p>');
    expect((await owner.client.get(`${path}/${doc.id}`)).json<Doc>().draftHtml).toBe('<p>Wipe chairs between patients.</p>');
  });

  it('assigns to a role; staff acknowledge once (even twice at once); a minor version keeps it, a major one asks again; coverage follows', async () => {
    const owner = await signUpOwner(server);
    const staff = await addMemberWithRole(server, owner, 'staff');
    const doc = (await owner.client.request('POST', path, { templateKey: 'clean-desk' })).json<Doc>();
    expect((await approve(owner.client, doc.id, { isMajor: true, changeNote: 'First issue' })).status).toBe(200);
    expect((await owner.client.request('POST', `${path}/${doc.id}/assignments`, { role: 'staff' })).status).toBe(201);
    expect((await staff.client.request('POST', `${path}/${doc.id}/assignments`, { role: 'staff' })).status).toBe(403);

    const mine = (await staff.client.get('/api/v1/acknowledgements/mine')).json<{ items: Array<{ documentId: string; number: number; acknowledgedAt: string | null; html: string }> }>();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ documentId: doc.id, number: 1, acknowledgedAt: null });
    expect(mine.items[0]?.html).toContain('Clean desk');

    const coverage = async () => (await owner.client.get(`${path}/coverage`)).json<{ items: Array<{ documentId: string; required: number; acknowledged: number }> }>().items.find((i) => i.documentId === doc.id);
    expect(await coverage()).toMatchObject({ required: 2 - 1, acknowledged: 0 });

    const both = await Promise.all([0, 1].map(() => staff.client.request('POST', `/api/v1/acknowledgements/${doc.id}`, { number: 1 })));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(await coverage()).toMatchObject({ required: 1, acknowledged: 1 });
    const rows = await server.ownerQuery<{ n: string }>('select count(*)::text as n from document_acknowledgements where document_id = $1', [doc.id]);
    expect(rows[0]?.n).toBe('1');

    const current = (await owner.client.get(`${path}/${doc.id}`)).json<Doc>();
    await owner.client.request('PATCH', `${path}/${doc.id}`, { version: current.version, draftHtml: `${current.draftHtml}<p>Typo fixed.</p>` });
    expect((await approve(owner.client, doc.id, { isMajor: false, changeNote: 'Typo' })).json<Doc>().approvedLabel).toBe('1.1');
    expect(await coverage()).toMatchObject({ required: 1, acknowledged: 1 });

    const again = (await owner.client.get(`${path}/${doc.id}`)).json<Doc>();
    await owner.client.request('PATCH', `${path}/${doc.id}`, { version: again.version, draftHtml: `${again.draftHtml}<p>New rule.</p>` });
    expect((await approve(owner.client, doc.id, { isMajor: true, changeNote: 'New rule' })).json<Doc>().approvedLabel).toBe('2.0');
    expect(await coverage()).toMatchObject({ required: 1, acknowledged: 0 });
    const people = (await owner.client.get(`${path}/coverage/people?outstanding=true`)).json<{ items: Array<{ userId: string; required: number; acknowledged: number }> }>();
    expect(people.items).toEqual([expect.objectContaining({ userId: staff.userId, required: 1, acknowledged: 0 })]);
    expect((await staff.client.request('POST', `/api/v1/acknowledgements/${doc.id}`, { number: 3 })).status).toBe(200);
    expect(await coverage()).toMatchObject({ required: 1, acknowledged: 1 });

    const stranger = await signUpOwner(server);
    expect((await stranger.client.get(`${path}/${doc.id}`)).status).toBe(404);
    expect((await stranger.client.request('POST', `/api/v1/acknowledgements/${doc.id}`, { number: 3 })).status).toBe(404);
  });

  it('fills the mandatory checklist from approved linked documents, and gives the pack, the obligations and the progress', async () => {
    const owner = await signUpOwner(server, { organisationName: 'Checklist Clinic' });
    const staff = await addMemberWithRole(server, owner, 'staff');
    const before = (await owner.client.get(`${path}/mandatory`)).json<{ done: number; total: number; items: Array<{ id: string; isMet: boolean }> }>();
    expect(before).toMatchObject({ done: 0, total: 16 });
    const doc = (await owner.client.request('POST', path, { templateKey: 'information-security' })).json<Doc>();
    await approve(owner.client, doc.id, { isMajor: true, changeNote: 'First issue' });
    await owner.client.request('POST', `${path}/${doc.id}/assignments`, { userId: staff.userId });
    const after = (await owner.client.get(`${path}/mandatory`)).json<{ done: number; items: Array<{ id: string; isMet: boolean; documentId: string | null }> }>();
    expect(after.done).toBe(1);
    expect(after.items.find((i) => i.id === 'iso27001:2022:doc:information-security-policy')).toMatchObject({ isMet: true, documentId: doc.id });

    const base = { deps: server.deps, now: new Date(), requestId: 'test', log: server.app.log };
    const member = {
      actor: { userId: owner.userId, userLabel: 'Pat Owner', orgId: owner.orgId, role: 'owner' as const },
      org: { id: owner.orgId, name: 'Checklist Clinic', timeZone: 'Australia/Sydney', isDemo: false, isMfaRequired: false },
      name: 'Pat Owner',
      email: owner.email,
    };
    const { progress, obligations, files } = await runAsMember(base, member, async (ctx) => ({ progress: await mandatoryDocumentsProgress(ctx), obligations: await documentsObligations(ctx), files: await documentsPackFiles(ctx) }), true);
    expect(progress).toEqual({ done: 1, total: 16, detail: '1 of 16 mandatory documents approved' });
    expect(obligations.map((o) => o.kind).sort()).toEqual(['policy-acknowledgement', 'policy-review']);
    expect(obligations.find((o) => o.kind === 'policy-acknowledgement')).toMatchObject({ ownerUserId: staff.userId, isDone: false });
    expect(files).toHaveLength(1);
    expect(files[0]?.path).toBe('documents/information-security-policy-v1.0.pdf');
    expect(await pdfText(files[0]?.bytes ?? new Uint8Array())).toContain('Checklist Clinic');
  });
});

describe('document reminders', () => {
  it('e-mails the owner once when a review is due and each person once when an acknowledgement is outstanding after a week', async () => {
    const { sendDocumentReminders } = await import('./document-reminders.service.ts');
    const owner = await signUpOwner(server, { organisationName: 'Reminder Rooms' });
    const staff = await addMemberWithRole(server, owner, 'staff');
    const doc = (await owner.client.request('POST', path, { templateKey: 'backup' })).json<Doc>();
    await approve(owner.client, doc.id, { isMajor: true, changeNote: 'First issue' });
    await owner.client.request('POST', `${path}/${doc.id}/assignments`, { role: 'staff' });
    // A year and more later: the review (12 months) is overdue and the acknowledgement a week old.
    const later = { ...server.deps, clock: () => new Date(Date.now() + 370 * 86_400_000) };
    await sendDocumentReminders(later, server.app.log);
    await sendDocumentReminders(later, server.app.log);
    const mails = await server.ownerQuery<{ to_address: string; subject: string }>('select to_address, subject from outbox where org_id = $1 order by subject', [owner.orgId]);
    const reminders = mails.filter((m) => /Review|acknowledge/.test(m.subject));
    expect(reminders.map((m) => [m.to_address, m.subject])).toEqual([
      [staff.email, 'Please read and acknowledge: Backup policy (Reminder Rooms)'],
      [owner.email, 'Review overdue: Backup policy (Reminder Rooms)'],
    ]);
  });
});
