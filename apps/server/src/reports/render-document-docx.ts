import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { DocumentBlock, DocumentModel, TableColumn } from './document.model.ts';

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };

function widths(columns: TableColumn[]): number[] {
  const total = columns.reduce((sum, column) => sum + (column.weight ?? 1), 0);
  return columns.map((column) => Math.round(((column.weight ?? 1) / total) * 100));
}

function cell(text: string, widthPercent: number, isHeader: boolean): TableCell {
  const lines = text.split('\n');
  return new TableCell({
    borders,
    width: { size: widthPercent, type: WidthType.PERCENTAGE },
    shading: isHeader ? { fill: 'E8EEF4' } : undefined,
    children: lines.map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: isHeader, size: 18 })] })),
  });
}

function table(block: Extract<DocumentBlock, { kind: 'table' }>): (Table | Paragraph)[] {
  if (block.rows.length === 0) return [new Paragraph({ children: [new TextRun({ text: block.empty ?? 'None recorded.', italics: true })] })];
  const percent = widths(block.columns);
  const header = new TableRow({ tableHeader: true, children: block.columns.map((column, index) => cell(column.header, percent[index] ?? 10, true)) });
  const rows = block.rows.map((row) => new TableRow({ children: block.columns.map((_, index) => cell(row[index] ?? '', percent[index] ?? 10, false)) }));
  return [new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }), new Paragraph({ text: '' })];
}

function blocks(block: DocumentBlock): (Table | Paragraph)[] {
  switch (block.kind) {
    case 'paragraph':
      return block.text.split('\n').map((line) => new Paragraph({ text: line, spacing: { after: 120 } }));
    case 'subheading':
      return [new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_3 })];
    case 'bullets':
      return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
    case 'table':
      return table(block);
  }
}

/** Renders a document model as a Word document (.docx): title, document-control table, sections. */
export async function renderDocumentDocx(model: DocumentModel): Promise<Buffer> {
  const control = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: model.control.map((entry) => new TableRow({ children: [cell(entry.label, 30, true), cell(entry.value, 70, false)] })),
  });
  const children: (Table | Paragraph)[] = [
    new Paragraph({ text: model.title, heading: HeadingLevel.TITLE }),
    ...(model.subtitle ? [new Paragraph({ children: [new TextRun({ text: model.subtitle, color: '555555' })] })] : []),
    new Paragraph({ text: 'Document control', heading: HeadingLevel.HEADING_2 }),
    control,
  ];
  for (const section of model.sections) {
    children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1, spacing: { before: 240 } }));
    for (const block of section.blocks) children.push(...blocks(block));
  }
  if (model.footnote) children.push(new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: model.footnote, size: 16, color: '555555' })] }));
  const document = new Document({
    creator: 'Custodian',
    title: model.title,
    sections: [{ properties: model.isLandscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {}, children }],
  });
  return Packer.toBuffer(document);
}
