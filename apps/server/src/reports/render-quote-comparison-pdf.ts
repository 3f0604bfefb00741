import PDFDocument from 'pdfkit';
import type { QuoteComparisonModel } from './quote-comparison.model.ts';

/** Renders the board's quote comparison as an A4 PDF (built-in Helvetica; text only, selectable). */
export async function renderQuoteComparisonPdf(model: QuoteComparisonModel, createdAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: model.title, Creator: 'Custodian', CreationDate: createdAt } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text(model.title);
  doc.font('Helvetica').fontSize(10).fillColor('#444444').text(model.subtitle).moveDown();
  doc.fillColor('#000000').fontSize(10).text(model.estimate).moveDown();
  for (const lane of model.lanes) {
    doc.font('Helvetica-Bold').fontSize(14).text(lane.heading).moveDown(0.3);
    if (lane.quotes.length === 0) doc.font('Helvetica').fontSize(10).text('No quotes submitted yet.').moveDown();
    for (const quote of lane.quotes) {
      doc.font('Helvetica-Bold').fontSize(12).text(`${quote.provider} (${quote.status})`);
      doc.font('Helvetica').fontSize(10);
      lane.yearLabels.forEach((label, index) => doc.text(`${label}: ${quote.years[index] ?? '$0.00'}`));
      doc.font('Helvetica-Bold').text(`Three-year total: ${quote.total}`).font('Helvetica');
      if (quote.auditDays) doc.text(quote.auditDays);
      doc.text(quote.commission).text(quote.validUntil);
      for (const flag of quote.flags) doc.fillColor('#9a3412').text(flag).fillColor('#000000');
      doc.moveDown();
    }
  }
  doc.fontSize(8).fillColor('#444444').text(model.footnote);
  doc.end();
  return done;
}
