import ExcelJS from 'exceljs';
import type { GapAnalysisModel } from './gap-analysis.model.ts';
import { addReportRow, neutraliseFormula } from './spreadsheet-cells.ts';

/** Renders the gap-analysis model as an XLSX workbook: a summary sheet and one sheet per section. */
export async function renderGapAnalysisXlsx(model: GapAnalysisModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Custodian';
  workbook.title = neutraliseFormula(`Gap analysis — ${model.organisation}`);

  const summary = workbook.addWorksheet('Summary');
  summary.columns = [{ width: 52 }, { width: 40 }];
  addReportRow(summary, ['ISO/IEC 27001:2022 gap analysis']).font = { bold: true, size: 14 };
  for (const [label, value] of model.summary) addReportRow(summary, [label, value]).getCell(2).alignment = { horizontal: 'left' };

  for (const section of model.sections) {
    const sheet = workbook.addWorksheet(section.title.replace(/[\\/*?:[\]]/g, ''));
    sheet.columns = model.columns.map((header, i) => ({ header, width: [10, 50, 18, 10, 22, 22, 12, 9, 40, 50][i] ?? 20 }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const values of section.rows) addReportRow(sheet, values);
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: model.columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
