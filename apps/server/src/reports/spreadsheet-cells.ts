import type ExcelJS from 'exceljs';
import type { ReportCell } from './gap-analysis.model.ts';

/** What a spreadsheet program may read as the start of a formula (OWASP "CSV injection"). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet could run as a formula (=, +, -, @, tab, carriage return first) gets a
 * leading apostrophe, so it is shown as the text typed and never evaluated, wherever it is opened or
 * pasted. Every string a spreadsheet export writes goes through this.
 */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** Writes one report cell keeping its type: real dates (dd/mm/yyyy) and date-times, numbers, percentages; safe text. */
export function writeCell(cell: ExcelJS.Cell, value: ReportCell): void {
  if (value === null) return;
  if (value instanceof Date) {
    cell.value = value;
    cell.numFmt = 'dd/mm/yyyy';
  } else if (typeof value === 'number') {
    cell.value = value;
  } else if (typeof value === 'string') {
    cell.value = neutraliseFormula(value);
  } else if ('dateTime' in value) {
    cell.value = value.dateTime;
    cell.numFmt = 'dd/mm/yyyy hh:mm:ss';
  } else {
    cell.value = value.percent / 100;
    cell.numFmt = '0.0%';
  }
}

/** Adds a row of report cells to a sheet. */
export function addReportRow(sheet: ExcelJS.Worksheet, values: readonly ReportCell[]): ExcelJS.Row {
  const row = sheet.addRow([]);
  values.forEach((value, i) => writeCell(row.getCell(i + 1), value));
  return row;
}
