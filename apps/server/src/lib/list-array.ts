import type { ListOrder, ListReply } from '@custodian/shared/contracts/list.ts';
import { decodeCursor, lastPageCursor, pageLinks } from './list-cursor.ts';

/**
 * The list convention over rows already in memory (the gap analysis merges the catalogue with the
 * organisation's entries; the catalogue is data, not a table): the same cursors and replies as SQL
 * lists. `compareKeys` orders key tuples ascending; the last key must be unique.
 */
export function pageArray<T>(
  items: readonly T[],
  options: {
    keyOf: (item: T) => unknown[];
    compareKeys: (a: unknown[], b: unknown[]) => number;
    sortTag: string;
    order: ListOrder;
    limit: number;
    cursor: string | undefined;
  },
): ListReply<T> {
  const cursor = decodeCursor(options.cursor, options.sortTag);
  const direction = options.order === 'asc' ? 1 : -1;
  // Each item's key is built once, not on every comparison.
  const keyed = items.map((item) => ({ item, key: options.keyOf(item) }));
  keyed.sort((a, b) => options.compareKeys(a.key, b.key) * direction);
  const sorted = keyed.map((entry) => entry.item);
  const keys = keyed.map((entry) => entry.key);
  const total = { count: sorted.length, isExact: true };
  let start: number;
  let end: number;
  let hasMore: boolean;
  if (cursor === null) {
    start = 0;
    end = Math.min(sorted.length, options.limit);
    hasMore = sorted.length > end;
  } else if (cursor === lastPageCursor) {
    end = sorted.length;
    start = Math.max(0, end - options.limit);
    hasMore = start > 0;
  } else {
    const beyond = (index: number) => options.compareKeys(keys[index] ?? [], cursor.keys) * direction;
    if (cursor.dir === 'after') {
      start = keys.findIndex((_key, index) => beyond(index) > 0);
      if (start < 0) start = sorted.length;
      end = Math.min(sorted.length, start + options.limit);
      hasMore = sorted.length > end;
    } else {
      end = keys.findIndex((_key, index) => beyond(index) >= 0);
      if (end < 0) end = sorted.length;
      start = Math.max(0, end - options.limit);
      hasMore = start > 0;
    }
  }
  const rows = sorted.slice(start, end);
  return { items: rows, total, page: pageLinks({ rows, hasMore, cursor }, { sort: options.sortTag, limit: options.limit, keyOf: options.keyOf, total }) };
}

/** Compares key tuples element by element: numbers numerically, strings with the given collator. */
export function tupleComparer(collators: ReadonlyArray<Intl.Collator | null>) {
  return (a: unknown[], b: unknown[]): number => {
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
      const x = a[i];
      const y = b[i];
      let result: number;
      if (typeof x === 'number' && typeof y === 'number') result = x - y;
      else result = (collators[i] ?? plain).compare(String(x ?? ''), String(y ?? ''));
      if (result !== 0) return result;
    }
    return 0;
  };
}

const plain = { compare: (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0) };
