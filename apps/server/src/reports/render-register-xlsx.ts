import ExcelJS from 'exceljs';
import type { RegisterExportModel } from './register-export.model.ts';
import { addReportRow, neutraliseFormula } from './spreadsheet-cells.ts';

/** Renders the register export as an XLSX workbook: one sheet per table, the header row frozen. */
export async function renderRegisterXlsx(model: RegisterExportModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Custodian';
  workbook.title = neutraliseFormula(`Asset and risk register — ${model.organisation}`);
  for (const section of model.sheets) {
    const sheet = workbook.addWorksheet(section.name);
    sheet.columns = section.columns.map((header) => ({ header, width: Math.min(48, Math.max(12, header.length + 4)) }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const values of section.rows) addReportRow(sheet, values);
    if (section.columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: section.columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
