import { describe, expect, it } from 'vitest';
import { cursorChanges, filterChanges, listAddressKeys, readListAddress, sortChanges } from './list-address.ts';

const options = { sorts: ['name', 'email', 'joinedAt'] as const, defaultSort: 'name' as const, defaultOrder: 'asc' as const };

describe('readListAddress', () => {
  it('uses the defaults when the address says nothing', () => {
    expect(readListAddress(new URLSearchParams(''), options)).toEqual({ sort: 'name', order: 'asc', cursor: undefined });
  });

  it('reads a known sort, an order and a cursor', () => {
    expect(readListAddress(new URLSearchParams('sort=email&order=desc&cursor=WyJhIl0'), options)).toEqual({ sort: 'email', order: 'desc', cursor: 'WyJhIl0' });
  });

  it('ignores an unknown sort, a bad order and a cursor the server could not have made', () => {
    expect(readListAddress(new URLSearchParams('sort=password&order=sideways&cursor=%3Cscript%3E'), options)).toEqual({ sort: 'name', order: 'asc', cursor: undefined });
  });

  it('reads prefixed keys when a page has two lists', () => {
    const params = new URLSearchParams('sort=email&invSort=joinedAt&invCursor=last');
    expect(readListAddress(params, { ...options, prefix: 'inv' })).toEqual({ sort: 'joinedAt', order: 'asc', cursor: 'last' });
    expect(listAddressKeys('inv')).toEqual({ sort: 'invSort', order: 'invOrder', cursor: 'invCursor' });
  });
});

describe('sortChanges', () => {
  it('flips the order of the active column and drops the cursor', () => {
    expect(sortChanges('email', { sort: 'email', order: 'asc', cursor: 'abc' }, options)).toEqual({ sort: 'email', order: 'desc', cursor: null });
  });

  it('starts another column ascending', () => {
    expect(sortChanges('joinedAt', { sort: 'email', order: 'desc', cursor: undefined }, options)).toEqual({ sort: 'joinedAt', order: 'asc', cursor: null });
  });

  it('leaves the default sort out of the address', () => {
    expect(sortChanges('name', { sort: 'name', order: 'desc', cursor: undefined }, options)).toEqual({ sort: null, order: null, cursor: null });
  });
});

describe('cursorChanges and filterChanges', () => {
  it('sets or clears the cursor', () => {
    expect(cursorChanges('next-page')).toEqual({ cursor: 'next-page' });
    expect(cursorChanges(null, 'inv')).toEqual({ invCursor: null });
  });

  it('drops the cursor whenever a filter changes', () => {
    expect(filterChanges({ role: 'owner' })).toEqual({ role: 'owner', cursor: null });
  });
});
