import { headerKey, type ImportProblem } from '@custodian/shared/contracts/register-import.ts';
import type { ImportCell } from './read-file.ts';

/** Collects the problems of one sheet, each with its row number, in words a practice manager reads. */
export class ProblemList {
  readonly problems: ImportProblem[] = [];
  constructor(
    private readonly sheet: string,
    private readonly isMainSheet: boolean,
  ) {}

  add(row: number, message: string): void {
    const where = row === 0 ? (this.isMainSheet ? '' : `${this.sheet}: `) : this.isMainSheet ? `Row ${row}: ` : `${this.sheet}, row ${row}: `;
    this.problems.push({ sheet: this.sheet, row, message: `${where}${message}` });
  }
}

/** Reads the mapped cells of one row and reports each bad value once. */
export interface RowReader {
  row: number;
  problems: ProblemList;
  /** The cell of a field, or null when the field is not mapped or the cell is empty. */
  cell: (key: string) => ImportCell;
  label: (key: string) => string;
}

/** A value shown back to the person inside quotes, shortened. */
export function shown(cell: ImportCell): string {
  const text = cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** "Public, Internal or Confidential". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

/** Text (trimmed); '' when empty. A number or date is written as text. */
/** A cell as text, as the checks read it: trimmed, a calendar date as yyyy-mm-dd, nothing as ''. */
export function cellText(cell: ImportCell): string {
  if (cell === null) return '';
  return cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell).trim();
}

export function textOf(r: RowReader, key: string, max = 10_000): string {
  const text = cellText(r.cell(key));
  if (text.length > max) {
    r.problems.add(r.row, `${r.label(key)} is ${text.length.toLocaleString('en-AU')} characters long; the most is ${max.toLocaleString('en-AU')}.`);
    return text.slice(0, max);
  }
  return text;
}

/** Required text of 1 to max characters; null (and a problem) when missing. */
export function requiredText(r: RowReader, key: string, max: number): string | null {
  const text = textOf(r, key, max);
  if (text === '') {
    r.problems.add(r.row, `${r.label(key)} is empty; every row needs one.`);
    return null;
  }
  return text;
}

/** A list of choices, prepared once per import: each code and label (compared without case or spacing) to its code. */
export interface Choices<K extends string> {
  byName: ReadonlyMap<string, K>;
  /** "Public, Internal or Confidential", for the message. */
  listed: string;
}

export function choices<K extends string>(options: ReadonlyArray<{ key: K; label: string }>): Choices<K> {
  const byName = new Map<string, K>();
  for (const option of options) {
    byName.set(headerKey(option.key), option.key);
    byName.set(headerKey(option.label), option.key);
  }
  return { byName, listed: orList(options.map((o) => o.label)) };
}

/** One of a list of choices, by its code or its label (case and spacing ignored); undefined when empty. */
export function choiceOf<K extends string>(r: RowReader, key: string, options: Choices<K>, isRequired: boolean): K | null | undefined {
  const text = textOf(r, key);
  if (text === '') {
    if (isRequired) r.problems.add(r.row, `${r.label(key)} is empty; choose one of ${options.listed}.`);
    return isRequired ? null : undefined;
  }
  const found = options.byName.get(headerKey(text));
  if (!found) {
    r.problems.add(r.row, `${r.label(key)} '${shown(text)}' is not one of ${options.listed}.`);
    return null;
  }
  return found;
}

/** A whole number from 1 to max, or the label of that level ("Likely"); undefined when empty. */
export function levelOf(r: RowReader, key: string, labels: readonly string[], isRequired: boolean): number | null | undefined {
  const cell = r.cell(key);
  const max = labels.length;
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) {
    if (isRequired) r.problems.add(r.row, `${r.label(key)} is empty; give a number from 1 to ${max}.`);
    return isRequired ? null : undefined;
  }
  const text = typeof cell === 'number' ? String(cell) : shown(cell).trim();
  const number = /^\d+(\.0+)?$/.test(text) ? Number.parseInt(text, 10) : Number.NaN;
  if (Number.isInteger(number) && number >= 1 && number <= max) return number;
  const byLabel = labels.findIndex((label) => headerKey(label) === headerKey(text));
  if (byLabel >= 0) return byLabel + 1;
  r.problems.add(
    r.row,
    `${r.label(key)} '${shown(cell)}' must be a whole number from 1 to ${max}${labels.length > 0 ? ` (or one of ${orList(labels.map((l) => `'${l}'`))})` : ''}.`,
  );
  return null;
}

function isRealDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso && iso >= '1900-01-01' && iso <= '2999-12-31';
}

/** A calendar date: a date cell, dd/mm/yyyy or yyyy-mm-dd; as yyyy-mm-dd, null when empty or bad. */
export function dateOf(r: RowReader, key: string): string | null {
  const cell = r.cell(key);
  if (cell === null) return null;
  let iso: string | null = null;
  if (cell instanceof Date) iso = Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  else {
    const text = String(cell).trim();
    if (text === '') return null;
    const au = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
    if (au) iso = `${au[3]}-${(au[2] ?? '').padStart(2, '0')}-${(au[1] ?? '').padStart(2, '0')}`;
    else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) iso = text;
  }
  if (iso === null || !isRealDate(iso)) {
    r.problems.add(r.row, `${r.label(key)} '${shown(cell)}' is not a date; write it as dd/mm/yyyy.`);
    return null;
  }
  return iso;
}

/** A member's id from their e-mail address; null when empty or not a member. */
export function memberOf(r: RowReader, key: string, members: ReadonlyMap<string, string>): string | null {
  const text = textOf(r, key).toLowerCase();
  if (text === '') return null;
  const id = members.get(text);
  if (!id) r.problems.add(r.row, `${r.label(key)} '${shown(text)}' is not the e-mail address of a member of this organisation.`);
  return id ?? null;
}

/** A list in one cell, separated by semicolons, commas or line breaks. */
export function listOf(r: RowReader, key: string): string[] {
  return textOf(r, key)
    .split(/[;,\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * A date and time on the organisation's wall clock: a date-time cell, "dd/mm/yyyy hh:mm[:ss]" or
 * "yyyy-mm-dd hh:mm[:ss]" (a plain date is midnight); the instant it names in `timeZone`, or null
 * when empty or bad. `toInstant` turns the wall clock (in a Date's UTC fields) into that instant.
 */
export function dateTimeOf(r: RowReader, key: string, toInstant: (wall: Date) => Date): Date | null {
  const cell = r.cell(key);
  if (cell === null) return null;
  let wall: Date | null = null;
  if (cell instanceof Date) wall = Number.isNaN(cell.getTime()) ? null : new Date(Math.round(cell.getTime()));
  else {
    const text = String(cell).trim();
    if (text === '') return null;
    const au = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
    const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
    const parts = au ? [au[3], au[2], au[1], au[4], au[5], au[6]] : iso ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]] : null;
    if (parts) {
      const [year, month, day, hour, minute, second] = parts.map((p) => Number.parseInt(p ?? '0', 10));
      const candidate = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0));
      const isReal = candidate.getUTCDate() === day && candidate.getUTCMonth() === (month ?? 1) - 1 && (hour ?? 0) < 24;
      wall = isReal ? candidate : null;
    }
  }
  const day = wall?.toISOString().slice(0, 10);
  if (wall === null || day === undefined || !isRealDate(day)) {
    r.problems.add(r.row, `${r.label(key)} '${shown(cell)}' is not a date and time; write it as dd/mm/yyyy hh:mm.`);
    return null;
  }
  return toInstant(wall);
}
