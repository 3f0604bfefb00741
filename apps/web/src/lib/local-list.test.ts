import { describe, expect, it } from 'vitest';
import { pageLocally } from './local-list.ts';

const items = Array.from({ length: 120 }, (_, index) => index + 1);

describe('pageLocally', () => {
  it('opens the first page without a cursor', () => {
    const reply = pageLocally(items, undefined, 50);
    expect(reply.items[0]).toBe(1);
    expect(reply.page).toEqual({ from: 1, to: 50, next: 'p2', prev: null, last: 'last' });
    expect(reply.total).toEqual({ count: 120, isExact: true });
  });

  it('opens a middle page and the last page', () => {
    expect(pageLocally(items, 'p2', 50).page).toEqual({ from: 51, to: 100, next: 'p3', prev: 'p1', last: 'last' });
    const last = pageLocally(items, 'last', 50);
    expect(last.items).toHaveLength(20);
    expect(last.page).toEqual({ from: 101, to: 120, next: null, prev: 'p2', last: null });
  });

  it('treats a page beyond the end or a strange cursor sensibly', () => {
    expect(pageLocally(items, 'p99', 50).page.from).toBe(101);
    expect(pageLocally(items, 'nonsense', 50).page.from).toBe(1);
    expect(pageLocally([], undefined, 50).page).toEqual({ from: null, to: null, next: null, prev: null, last: null });
  });
});
