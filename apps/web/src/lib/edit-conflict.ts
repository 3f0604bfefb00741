import type { z } from 'zod';
import { ApiError } from '../api/api-error.ts';

/**
 * Edits never lose work: a form keeps the record it loaded (its version), sends only the fields the
 * person changed, and when someone else saved in between (409 edit_conflict, with the record as it is
 * now) shows what differs so the person can apply their changes to the latest version or discard them.
 * These are the pure parts of that; EditConflictNotice shows them.
 */

/** How each editable field is named and shown to a person (dates dd/mm/yyyy, labels, names). */
export type ConflictFields<V> = { [K in keyof V & string]: { label: string; format: (value: V[K]) => string } };

/** One line of the "What changed | Saved by someone else | Your change" table. */
export interface ConflictRow {
  key: string;
  label: string;
  /** The value saved by someone else, formatted. */
  theirs: string;
  /** The person's own value, formatted; null when they did not change this field. */
  yours: string | null;
}

function isSame(a: unknown, b: unknown): boolean {
  return Object.is(a, b);
}

/** The fields whose values differ between what was loaded and what the form holds now. */
export function changedFields<V extends object>(before: V, after: V): Partial<V> {
  const changes: Partial<V> = {};
  for (const key of Object.keys(after) as Array<keyof V>) {
    if (!isSame(before[key], after[key])) changes[key] = after[key];
  }
  return changes;
}

/**
 * The differences to show after an edit conflict: every field the person changed to something other
 * than what is saved now, and every field someone else changed that the person left alone.
 */
export function conflictRows<V extends object>(fields: ConflictFields<V>, versions: { original: V; mine: V; current: V }): ConflictRow[] {
  const { original, mine, current } = versions;
  const rows: ConflictRow[] = [];
  for (const key of Object.keys(fields) as Array<keyof V & string>) {
    const field = fields[key];
    const isMine = !isSame(original[key], mine[key]);
    const isTheirs = !isSame(original[key], current[key]);
    if (isMine && !isSame(mine[key], current[key])) rows.push({ key, label: field.label, theirs: field.format(current[key]), yours: field.format(mine[key]) });
    else if (!isMine && isTheirs) rows.push({ key, label: field.label, theirs: field.format(current[key]), yours: null });
  }
  return rows;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the error is a 409 edit conflict. */
export function isEditConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'edit_conflict';
}

/**
 * The record as it is now, from an edit conflict's details, checked with the contract's schema; null
 * when the error is not an edit conflict or carries no readable record.
 */
export function conflictCurrent<S extends z.ZodType>(error: unknown, schema: S): z.output<S> | null {
  if (!isEditConflict(error) || !isRecord(error.details)) return null;
  const parsed = schema.safeParse(error.details.current);
  return parsed.success ? parsed.data : null;
}
