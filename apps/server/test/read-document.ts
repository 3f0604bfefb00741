import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of a PDF as a reader's copy-and-paste would give it: every page, whitespace collapsed. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: true }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n').replace(/\s+/g, ' ');
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/**
 * The paragraphs of a Word document, read from its word/document.xml as Word stores them: one string
 * per paragraph (table cells are paragraphs too), empty paragraphs left out.
 */
export async function docxParagraphs(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (xml === undefined) throw new Error('not a Word document: word/document.xml is missing');
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  return paragraphs
    .map((paragraph) => (paragraph.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((run) => run.replace(/<[^>]+>/g, '')).join(''))
    .map((text) => text.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => entities[entity] ?? entity))
    .filter((text) => text.length > 0);
}
