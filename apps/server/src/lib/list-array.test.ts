import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './list-cursor.ts';
import { pageArray, tupleComparer } from './list-array.ts';

const items = Array.from({ length: 23 }, (_, i) => ({ id: `id-${String(i).padStart(2, '0')}`, name: `Name ${i % 5}` }));
const byName = { keyOf: (x: (typeof items)[number]) => [x.name, x.id], compareKeys: tupleComparer([new Intl.Collator('en'), null]) };
const page = (cursor: string | undefined, order: 'asc' | 'desc' = 'asc') => pageArray(items, { ...byName, sortTag: `name:${order}`, order, limit: 10, cursor });

function walk(order: 'asc' | 'desc'): string[] {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 10; i += 1) {
    const reply = page(cursor, order);
    seen.push(...reply.items.map((x) => x.id));
    if (!reply.page.next) break;
    cursor = reply.page.next;
  }
  return seen;
}

describe('keyset pages over a list in memory', () => {
  it('walks forward through every item exactly once, in order, with positions', () => {
    const seen = walk('asc');
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    const first = page(undefined);
    expect(first.page).toMatchObject({ from: 1, to: 10, prev: null, last: 'last' });
    expect(first.total).toEqual({ count: 23, isExact: true });
    const second = page(first.page.next ?? undefined);
    expect(second.page).toMatchObject({ from: 11, to: 20 });
  });

  it('walks backward to the same pages, and opens the last page directly', () => {
    const first = page(undefined);
    const second = page(first.page.next ?? undefined);
    const back = page(second.page.prev ?? undefined);
    expect(back.items).toEqual(first.items);
    expect(back.page).toMatchObject({ from: 1, prev: null });
    const last = page('last');
    expect(last.items.map((x) => x.id)).toEqual(walk('asc').slice(13));
    expect(last.page).toMatchObject({ from: 14, to: 23, next: null, last: null });
  });

  it('orders descending as the exact reverse of ascending', () => {
    expect(walk('desc')).toEqual(walk('asc').reverse());
  });

  it('refuses a cursor made for another sort, and anything that is not a cursor, with a 400', () => {
    const other = encodeCursor({ dir: 'after', sort: 'name:desc', keys: ['x', 'y'], from: 11 });
    expect(() => page(other)).toThrow(/first page/);
    for (const junk of [
      '%%%',
      'bm90IGpzb24',
      Buffer.from('[1,2,3,4]').toString('base64url'),
      Buffer.from(JSON.stringify(['a', 'name:asc', 1, [{}]])).toString('base64url'),
    ]) {
      expect(() => decodeCursor(junk, 'name:asc')).toThrowError(expect.objectContaining({ code: 'validation_failed' }));
    }
  });
});
