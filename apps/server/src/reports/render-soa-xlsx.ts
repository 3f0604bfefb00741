import ExcelJS from 'exceljs';
import type { SoaExportModel } from './soa.model.ts';
import { addReportRow, neutraliseFormula } from './spreadsheet-cells.ts';

/** The approved statement as a workbook: the document-control block, then one row per control. */
export async function renderSoaXlsx(model: SoaExportModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Custodian';
  workbook.title = neutraliseFormula(`Statement of Applicability — ${model.organisation}`);
  const about = workbook.addWorksheet('About');
  about.columns = [{ width: 26 }, { width: 70 }];
  addReportRow(about, ['Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d)']).font = { bold: true, size: 14 };
  for (const entry of model.control) addReportRow(about, [entry.label, entry.value]).getCell(2).alignment = { horizontal: 'left' };
  const sheet = workbook.addWorksheet('Statement of Applicability');
  sheet.columns = model.columns.map((header, i) => ({ header, width: [10, 44, 11, 40, 40, 22, 50, 22, 24][i] ?? 20 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const values of model.rows) addReportRow(sheet, values).alignment = { wrapText: true, vertical: 'top' };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: model.columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
