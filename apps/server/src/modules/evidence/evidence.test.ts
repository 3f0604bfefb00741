import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEvidence, fileBody, officeFile, sampleFiles, type EvidenceReply } from '../../../test/evidence-fixtures.ts';
import { addMemberWithRole, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const path = '/api/v1/evidence';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every blob file in the server's evidence folder (not its temporary files). */
function storedBlobs(): string[] {
  const store = server.deps.config.evidenceStore;
  if (store.kind !== 'disk') throw new Error('these tests use the disk store');
  if (!existsSync(store.dir)) return [];
  return readdirSync(store.dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.endsWith('tmp'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('evidence files', () => {
  it('keeps an upload with the type sniffed from its bytes and its SHA-256, storing identical content once', async () => {
    const owner = await signUpOwner(server);
    const pdf = Buffer.concat([sampleFiles.pdf(), Buffer.from(`unique ${Date.now()}`)]);
    const before = storedBlobs().length;
    const first = await addEvidence(owner.client, fileBody('Backup policy.pdf', pdf, { validUntil: '2030-06-30' }));
    expect(first).toMatchObject({ kind: 'file', validUntil: '2030-06-30', validity: 'current', file: { name: 'Backup policy.pdf', contentType: 'application/pdf', size: pdf.length, sha256: sha256(pdf) } });
    // The same bytes again, under another name and by another organisation: one blob.
    const stranger = await signUpOwner(server);
    const second = await addEvidence(stranger.client, fileBody('copy.pdf', pdf));
    expect(second.file?.sha256).toBe(first.file?.sha256);
    expect(storedBlobs().length).toBe(before + 1);

    const docx = await addEvidence(owner.client, fileBody('Access review', await officeFile('docx')));
    expect(docx.file).toMatchObject({ name: 'Access review.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    const xlsx = await addEvidence(owner.client, fileBody('training.xlsx', await officeFile('xlsx')));
    expect(xlsx.file?.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const csv = await addEvidence(owner.client, fileBody('training.csv', sampleFiles.csv()));
    expect(csv.file?.contentType).toBe('text/csv');
    // Text named like a program is kept as text, and saved under a name that says so.
    const text = await addEvidence(owner.client, fileBody('restore-test.exe', sampleFiles.text()));
    expect(text.file).toMatchObject({ name: 'restore-test.exe.txt', contentType: 'text/plain' });
    const png = await addEvidence(owner.client, fileBody('screen.png', sampleFiles.png()));
    expect(png.file?.contentType).toBe('image/png');
  });

  it('refuses a program, HTML named .pdf and a macro-enabled document with a plain message, storing nothing', async () => {
    const owner = await signUpOwner(server);
    const before = storedBlobs().length;
    for (const [name, bytes] of [
      ['setup.exe', sampleFiles.exe()],
      ['Policy.pdf', sampleFiles.html()],
      ['Minutes.docx', await officeFile('docm')],
    ] as const) {
      const reply = await owner.client.request('POST', path, fileBody(name, bytes));
      expect(reply.status, name).toBe(415);
      const message = reply.json<{ error: { message: string } }>().error.message;
      expect(message).toContain(`"${name}" cannot be kept as evidence`);
      expect(message).toContain('checks what the file really contains, not its name');
    }
    expect(storedBlobs().length).toBe(before);
    expect((await owner.client.get(path)).json<{ total: { count: number } }>().total.count).toBe(0);
  });

  it('refuses a file over 25 MB with 413 and says what to do', async () => {
    const owner = await signUpOwner(server);
    const big = Buffer.concat([sampleFiles.pdf(), Buffer.alloc(25 * 1024 * 1024)]);
    const before = storedBlobs().length;
    const reply = await owner.client.request('POST', path, fileBody('Scanned register.pdf', big));
    expect(reply.status).toBe(413);
    expect(reply.json<{ error: { message: string } }>().error.message).toBe(
      '"Scanned register.pdf" is larger than 25 MB. Save it smaller (a PDF, or a picture at a lower resolution), or split it, and try again.',
    );
    expect(storedBlobs().length).toBe(before);
  });

  it('downloads the same bytes as an attachment under the sniffed type, to its organisation only', async () => {
    const owner = await signUpOwner(server);
    const bytes = Buffer.concat([sampleFiles.jpeg(), Buffer.from(`photo ${Date.now()}`)]);
    const item = await addEvidence(owner.client, fileBody('Locked "server" room.jpg', bytes));
    const download = await owner.client.get(`${path}/${item.id}/file`);
    expect(download.status).toBe(200);
    expect(download.raw.rawPayload.equals(bytes)).toBe(true);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['content-disposition']).toBe('attachment; filename="Locked _server_ room.jpg"');
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    const note = await addEvidence(owner.client, { kind: 'note', title: 'Walkthrough', note: 'Checked the fire exits.' });
    expect((await owner.client.get(`${path}/${note.id}/file`)).status).toBe(404);

    const stranger = await signUpOwner(server);
    // The same content is stored once, yet another organisation reaches it only through its own rows.
    expect((await stranger.client.get(`${path}/${item.id}/file`)).status).toBe(404);
    expect((await stranger.client.get(`${path}/${item.id}`)).status).toBe(404);
    expect((await stranger.client.get(path)).json<{ total: { count: number } }>().total.count).toBe(0);
    expect((await stranger.client.request('PATCH', `${path}/${item.id}`, { version: item.version, title: 'Taken' })).status).toBe(404);
    expect((await stranger.client.request('POST', `${path}/${item.id}/links`, { targetKind: 'control', targetId: 'iso27001:2022:A.7.1' })).status).toBe(404);
    expect((await stranger.client.request('DELETE', `${path}/${item.id}`)).status).toBe(404);
  });
});

describe('link and note evidence', () => {
  it('keeps links (http and https only) and notes, and refuses fields of another kind', async () => {
    const owner = await signUpOwner(server);
    const link = await addEvidence(owner.client, { kind: 'link', title: 'Patch dashboard', url: 'https://intranet.example/patches', validUntil: '2020-01-31' });
    expect(link).toMatchObject({ kind: 'link', url: 'https://intranet.example/patches', validity: 'expired', file: null });
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://files.example/a', 'not a link']) {
      const refused = await owner.client.request('POST', path, { kind: 'link', title: 'Bad', url });
      expect(refused.status, url).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('must be a web address starting with http:// or https://');
    }
    const note = await addEvidence(owner.client, { kind: 'note', title: 'Fire drill', note: 'Everyone out in 3 minutes.' });
    expect(note).toMatchObject({ kind: 'note', note: 'Everyone out in 3 minutes.', url: null, validity: 'no_date' });
    const wrong = await owner.client.request('PATCH', `${path}/${note.id}`, { version: note.version, url: 'https://example.com' });
    expect(wrong.status).toBe(400);
    expect(wrong.json<{ error: { message: string } }>().error.message).toBe('This evidence is a note, so it has no web address to change.');
    expect((await owner.client.request('POST', path, { kind: 'video', title: 'x' })).status).toBe(400);
    const kinds = (await owner.client.get(`${path}?kind=link`)).json<{ items: EvidenceReply[] }>().items.map((i) => i.title);
    expect(kinds).toEqual(['Patch dashboard']);
  });
});

describe('who may do what', () => {
  it('lets the auditor read and download but not add, change or delete', async () => {
    const owner = await signUpOwner(server);
    const auditor = await addMemberWithRole(server, owner, 'auditor');
    const bytes = Buffer.concat([sampleFiles.pdf(), Buffer.from('audit copy')]);
    const item = await addEvidence(owner.client, fileBody('Risk report.pdf', bytes));
    expect((await auditor.client.get(path)).json<{ items: EvidenceReply[] }>().items.map((i) => i.id)).toEqual([item.id]);
    expect((await auditor.client.get(`${path}/${item.id}`)).status).toBe(200);
    const download = await auditor.client.get(`${path}/${item.id}/file`);
    expect(download.raw.rawPayload.equals(bytes)).toBe(true);
    expect((await auditor.client.request('POST', path, { kind: 'note', title: 'x', note: 'y' })).status).toBe(403);
    expect((await auditor.client.request('PATCH', `${path}/${item.id}`, { version: item.version, title: 'x' })).status).toBe(403);
    expect((await auditor.client.request('POST', `${path}/${item.id}/links`, { targetKind: 'control', targetId: 'iso27001:2022:A.5.1' })).status).toBe(403);
    expect((await auditor.client.request('DELETE', `${path}/${item.id}`)).status).toBe(403);
    const staff = await addMemberWithRole(server, owner, 'staff');
    expect((await staff.client.get(path)).status).toBe(403);
  });

  it('lets one of two concurrent edits from the same version win; the other gets 409 with the current item', async () => {
    const owner = await signUpOwner(server);
    const item = await addEvidence(owner.client, { kind: 'note', title: 'Clean desk check', note: 'All clear.' });
    const replies = await Promise.all(
      ['First change', 'Second change'].map((title) => owner.client.request('PATCH', `${path}/${item.id}`, { version: item.version, title })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = replies.find((r) => r.status === 200)?.json<EvidenceReply>();
    const loser = replies.find((r) => r.status === 409)?.json<{ error: { details: { current: EvidenceReply } } }>();
    expect(loser?.error.details.current).toMatchObject({ title: winner?.title, version: item.version + 1 });
    const trail = (await owner.client.get(`/api/v1/audit-log?entityId=${item.id}&order=asc`)).json<{ items: Array<{ action: string; summary?: string }> }>();
    expect(trail.items.map((e) => e.action)).toEqual(['evidence.created', 'evidence.updated']);
  });
});
