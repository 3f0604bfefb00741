import PDFDocument from 'pdfkit';
import type { DocumentBlock, DocumentModel } from './document.model.ts';

type Pdf = InstanceType<typeof PDFDocument>;

function block(doc: Pdf, item: DocumentBlock): void {
  switch (item.kind) {
    case 'paragraph':
      doc.font('Helvetica').fontSize(10).text(item.text).moveDown(0.5);
      return;
    case 'subheading':
      doc.font('Helvetica-Bold').fontSize(11).text(item.text).moveDown(0.3);
      return;
    case 'bullets':
      doc.font('Helvetica').fontSize(10).list(item.items, { bulletRadius: 1.5 }).moveDown(0.5);
      return;
    case 'table': {
      if (item.rows.length === 0) {
        doc.font('Helvetica-Oblique').fontSize(10).text(item.empty ?? 'None recorded.').moveDown(0.5);
        return;
      }
      const total = item.columns.reduce((sum, column) => sum + (column.weight ?? 1), 0);
      const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
      doc.x = doc.page.margins.left;
      doc.font('Helvetica').fontSize(8.5).table({
        columnStyles: item.columns.map((column) => ((column.weight ?? 1) / total) * width),
        rowStyles: (row) => (row === 0 ? { backgroundColor: '#e8eef4', font: { family: 'Helvetica-Bold' } } : undefined),
        defaultStyle: { border: 0.5, borderColor: '#999999', padding: 3 },
        data: [item.columns.map((column) => column.header), ...item.rows.map((row) => item.columns.map((_, index) => row[index] ?? ''))],
      });
      doc.moveDown(0.8);
      return;
    }
  }
}

/** Renders a document model as an A4 PDF (built-in Helvetica, selectable text): title, document control, sections. */
export async function renderDocumentPdf(model: DocumentModel, createdAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: model.isLandscape ? 'landscape' : 'portrait', margin: 48, info: { Title: model.title, Creator: 'Custodian', CreationDate: createdAt } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text(model.title);
  if (model.subtitle) doc.font('Helvetica').fontSize(10).fillColor('#444444').text(model.subtitle).fillColor('#000000');
  doc.moveDown(0.5);
  block(doc, { kind: 'table', columns: [{ header: 'Document control', weight: 1 }, { header: '', weight: 2 }], rows: model.control.map((entry) => [entry.label, entry.value]) });
  for (const section of model.sections) {
    doc.font('Helvetica-Bold').fontSize(14).text(section.heading, doc.page.margins.left).moveDown(0.3);
    for (const item of section.blocks) block(doc, item);
  }
  if (model.footnote) doc.font('Helvetica').fontSize(8).fillColor('#444444').text(model.footnote, doc.page.margins.left);
  doc.end();
  return done;
}
