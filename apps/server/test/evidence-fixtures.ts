import JSZip from 'jszip';
import type { TestClient, TestResponse } from './test-client.ts';

/** Small files of each kind the evidence upload knows, built in memory. */
export const sampleFiles = {
  pdf: () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  png: () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image body')]),
  jpeg: () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF fake image body')]),
  exe: () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90), Buffer.from('This program cannot be run in DOS mode')]),
  html: () => Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>'),
  text: () => Buffer.from('Backup restore test, 12/03/2026: restored the practice database to a spare PC in 41 minutes.\n'),
  csv: () => Buffer.from('date,staff member,course\n12/03/2026,Dr Jane Lee,Privacy awareness\n'),
};

/** A minimal Office Open XML package: a Word document, an Excel workbook or a macro-enabled Word document. */
export async function officeFile(kind: 'docx' | 'xlsx' | 'docm'): Promise<Buffer> {
  const zip = new JSZip();
  const main =
    kind === 'xlsx'
      ? { part: 'xl/workbook.xml', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml' }
      : { part: 'word/document.xml', type: kind === 'docm' ? 'application/vnd.ms-word.document.macroEnabled.main+xml' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' };
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main.part}" ContentType="${main.type}"/></Types>`,
  );
  zip.file(main.part, '<?xml version="1.0" encoding="UTF-8"?><document/>');
  if (kind === 'docm') zip.file('word/vbaProject.bin', Buffer.from('macro'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The body of a file upload. */
export function fileBody(fileName: string, bytes: Buffer, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'file', title: `Evidence ${fileName}`, file: { fileName, contentBase64: bytes.toString('base64') }, ...fields };
}

export interface EvidenceReply {
  id: string;
  kind: string;
  title: string;
  validUntil: string | null;
  validity: string;
  ownerName: string | null;
  url: string | null;
  note: string | null;
  file: { name: string; contentType: string; size: number; sha256: string } | null;
  version: number;
  links: Array<{ kind: string; id: string; ref: string; title: string }>;
}

/** Adds evidence and returns it, failing the test with the reply when it is refused. */
export async function addEvidence(client: TestClient, body: Record<string, unknown>): Promise<EvidenceReply> {
  const reply: TestResponse = await client.request('POST', '/api/v1/evidence', body);
  if (reply.status !== 201) throw new Error(`adding evidence failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.json<EvidenceReply>();
}
