import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { kindSheets, sheetNames, type ImportKind, type SheetRole } from '@custodian/shared/contracts/register-import.ts';
import { AppError } from '@custodian/shared/errors.ts';
import { CsvError, parseCsv } from '../../lib/csv.ts';

/** A cell as read: text, a number, a calendar date (a Date at UTC midnight) or nothing. */
export type ImportCell = string | number | Date | null;

export interface ReadSheet {
  role: SheetRole;
  sheetName: string;
  headers: string[];
  /** Data rows (after the header), each with its row number as a spreadsheet shows it. */
  rows: Array<{ row: number; cells: ImportCell[] }>;
}

export interface ReadFile {
  fileSha256: string;
  sheets: ReadSheet[];
}

const isXlsx = (bytes: Buffer) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The export writes text a spreadsheet could run as a formula with a leading apostrophe; read it back without. */
function unneutralise(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

function isBlank(cells: ImportCell[]): boolean {
  return cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''));
}

function readCsv(bytes: Buffer, fileName: string, role: SheetRole): ReadSheet {
  let records: string[][];
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    records = parseCsv(text);
  } catch (error) {
    const reason = error instanceof CsvError ? ` (near line ${error.line})` : '';
    throw new AppError('validation_failed', `The file could not be read as CSV${reason}. Save it from your spreadsheet as "CSV UTF-8" and try again.`);
  }
  const [header, ...data] = records;
  const rows = data.map((cells, i) => ({ row: i + 2, cells: cells.map((cell) => (cell === '' ? null : unneutralise(cell))) })).filter((r) => !isBlank(r.cells));
  return { role, sheetName: fileName, headers: (header ?? []).map((h) => h.trim()), rows };
}

function cellValue(value: ExcelJS.CellValue): ImportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value === '' ? null : unneutralise(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null;
}

async function readXlsx(bytes: Buffer, kind: ImportKind): Promise<ReadSheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError(
      'validation_failed',
      'The file could not be read as an Excel workbook (XLSX). Open it in your spreadsheet, save it as XLSX or CSV, and try again.',
    );
  }
  const roles = kindSheets[kind];
  const byName = (name: string) => workbook.worksheets.find((sheet) => sheet.name.trim().toLowerCase() === name.toLowerCase());
  const sheets: ReadSheet[] = [];
  for (const [index, role] of roles.entries()) {
    // The main sheet by its name, else the first sheet; the others only by name.
    const sheet = byName(sheetNames[role]) ?? (index === 0 ? workbook.worksheets[0] : undefined);
    if (!sheet) continue;
    const width = sheet.columnCount;
    const read = (row: ExcelJS.Row) => Array.from({ length: width }, (_, c) => cellValue(row.getCell(c + 1).value));
    const headers = read(sheet.getRow(1)).map((h) => (h instanceof Date ? h.toISOString() : String(h ?? '').trim()));
    const rows: ReadSheet['rows'] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      if (number === 1) return;
      const cells = read(row);
      if (!isBlank(cells)) rows.push({ row: number, cells });
    });
    sheets.push({ role, sheetName: sheet.name, headers, rows });
  }
  if (sheets.length === 0) throw new AppError('validation_failed', 'The workbook has no sheets.');
  return sheets;
}

/**
 * Reads an uploaded file (base64) as a CSV or an XLSX workbook (told apart by their bytes): the
 * header row and every non-blank row of each sheet the kind reads, with the file's SHA-256.
 */
export async function readImportFile(kind: ImportKind, fileName: string, base64: string): Promise<ReadFile> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new AppError('validation_failed', 'The file is empty.');
  const fileSha256 = createHash('sha256').update(bytes).digest('hex');
  const sheets = isXlsx(bytes) ? await readXlsx(bytes, kind) : [readCsv(bytes, fileName, kindSheets[kind][0] ?? 'assets')];
  const main = sheets[0];
  if (!main || main.headers.every((h) => h === ''))
    throw new AppError('validation_failed', 'The file has no header row. Put the column names in the first row.');
  return { fileSha256, sheets };
}
