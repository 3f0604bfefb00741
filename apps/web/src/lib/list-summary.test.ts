import { describe, expect, it } from 'vitest';
import { hasOtherPages, listSummary } from './list-summary.ts';

const members = { one: 'member', other: 'members' };
const page = { from: 1, to: 50, next: 'n', prev: null, last: 'last' };

function rows(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

describe('listSummary', () => {
  it('says which rows are shown with Australian number formatting', () => {
    expect(listSummary({ items: rows(50), total: { count: 5400, isExact: true }, page: { ...page, from: 51, to: 100 } }, members)).toBe('Showing 51–100 of 5,400 members');
  });

  it('says "more than" when the server stopped counting', () => {
    expect(listSummary({ items: rows(50), total: { count: 1000, isExact: false }, page }, { one: 'event', other: 'events' })).toBe('Showing 1–50 of more than 1,000 events');
  });

  it('uses the singular for one row', () => {
    expect(listSummary({ items: rows(1), total: { count: 1, isExact: true }, page: { from: 1, to: 1, next: null, prev: null, last: null } }, members)).toBe('Showing 1 of 1 member');
  });

  it('describes a page when the positions are not known', () => {
    expect(listSummary({ items: rows(50), total: { count: 1000, isExact: false }, page: { ...page, from: null, to: null } }, members)).toBe(
      'Showing a page of 50 members out of more than 1,000',
    );
  });
});

describe('hasOtherPages', () => {
  it('is false for a single page and true when any page link exists', () => {
    expect(hasOtherPages({ from: 1, to: 3, next: null, prev: null, last: null })).toBe(false);
    expect(hasOtherPages(page)).toBe(true);
  });
});
