import { AppError } from '@custodian/shared/errors.ts';

/** Where a page starts: after or before the row whose sort key is `keys`. */
export interface Cursor {
  dir: 'after' | 'before';
  /** The sort the cursor was made for ("name:asc"): a cursor only works with its own sort. */
  sort: string;
  keys: unknown[];
  /** 1-based position of the first row of the page the cursor opens, when known (for "51–100 of …"). */
  from: number | null;
}

/** The cursor of the last page: read backwards from the end. */
export const lastPageCursor = 'last';

const staleMessage = 'This page link no longer fits the list (the sort or filters changed). Go back to the first page.';

/** Encodes a cursor as URL-safe text; clients treat it as opaque. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.dir === 'after' ? 'a' : 'b', cursor.sort, cursor.from, cursor.keys])).toString('base64url');
}

function isKey(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number';
}

/**
 * Reads a cursor from a request. Anything that is not a cursor this list made for this sort is a 400
 * with a message saying what to do, never a 500.
 */
export function decodeCursor(text: string | undefined, sort: string): Cursor | typeof lastPageCursor | null {
  if (text === undefined || text === '') return null;
  if (text === lastPageCursor) return lastPageCursor;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('validation_failed', staleMessage, [{ path: 'cursor', message: 'is not a page link this list made' }]);
  }
  if (!Array.isArray(parsed) || parsed.length !== 4)
    throw new AppError('validation_failed', staleMessage, [{ path: 'cursor', message: 'is not a page link this list made' }]);
  const [dir, cursorSort, from, keys] = parsed as [unknown, unknown, unknown, unknown];
  const isValid =
    (dir === 'a' || dir === 'b') &&
    typeof cursorSort === 'string' &&
    (from === null || (typeof from === 'number' && Number.isInteger(from) && from >= 1 && from <= 1e9)) &&
    Array.isArray(keys) &&
    keys.length > 0 &&
    keys.length <= 4 &&
    keys.every(isKey) &&
    keys.every((key) => typeof key !== 'string' || key.length <= 300);
  if (!isValid) throw new AppError('validation_failed', staleMessage, [{ path: 'cursor', message: 'is not a page link this list made' }]);
  if (cursorSort !== sort) throw new AppError('validation_failed', staleMessage, [{ path: 'cursor', message: 'belongs to another sort order' }]);
  return { dir: dir === 'a' ? 'after' : 'before', sort: cursorSort, from: from as number | null, keys: keys as unknown[] };
}

/** What a page read found, in the order the client asked for. */
export interface PageWindow<T> {
  rows: T[];
  /** A row exists beyond the page in the direction read. */
  hasMore: boolean;
  cursor: Cursor | typeof lastPageCursor | null;
}

/** The page part of a list reply: positions and the cursors of the neighbouring pages. */
export function pageLinks<T>(
  window: PageWindow<T>,
  options: { sort: string; limit: number; keyOf: (row: T) => unknown[]; total: { count: number; isExact: boolean } },
) {
  const { rows, hasMore, cursor } = window;
  const isBackward = cursor === lastPageCursor || cursor?.dir === 'before';
  let from: number | null;
  if (cursor === null) from = 1;
  else if (isBackward && !hasMore) from = 1;
  else if (cursor === lastPageCursor) from = options.total.isExact ? Math.max(1, options.total.count - rows.length + 1) : null;
  else from = cursor.from;
  const first = rows[0];
  const last = rows.at(-1);
  const hasNext = isBackward ? cursor !== lastPageCursor && rows.length > 0 : hasMore;
  const hasPrev = isBackward ? hasMore : cursor !== null && rows.length > 0;
  const next =
    hasNext && last ? encodeCursor({ dir: 'after', sort: options.sort, keys: options.keyOf(last), from: from === null ? null : from + rows.length }) : null;
  const prev =
    hasPrev && first
      ? encodeCursor({ dir: 'before', sort: options.sort, keys: options.keyOf(first), from: from === null ? null : Math.max(1, from - options.limit) })
      : null;
  return {
    from: rows.length > 0 ? from : null,
    to: rows.length > 0 && from !== null ? from + rows.length - 1 : null,
    next,
    prev,
    last: hasNext ? lastPageCursor : null,
  };
}
