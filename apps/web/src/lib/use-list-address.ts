import { useCallback, useMemo } from 'react';
import { setSearchParams, useLocation } from '../router.tsx';
import { cursorChanges, filterChanges, readListAddress, sortChanges, type ListAddress, type ListAddressOptions } from './list-address.ts';

export interface ListAddressControls<S extends string> extends ListAddress<S> {
  /** Press a column's sort button: flips or sets the sort and goes back to the first page (a new history entry). */
  onSort: (field: S) => void;
  /** Open another page of the list (a new history entry, so Back returns to this page). */
  onPageChange: (cursor: string | null) => void;
  /** Change filters in the address; the cursor is dropped because pages belong to one filter. */
  setFilters: (changes: Record<string, string | null>) => void;
  /** The current address parameters (for reading filters). */
  searchParams: URLSearchParams;
}

/** A list's sort, order and page, read from and written to the address bar. */
export function useListAddress<S extends string>(options: ListAddressOptions<S>): ListAddressControls<S> {
  const { searchParams } = useLocation();
  const { prefix, sorts, defaultSort, defaultOrder } = options;
  const address = useMemo(() => readListAddress(searchParams, { prefix, sorts, defaultSort, defaultOrder }), [searchParams, prefix, sorts, defaultSort, defaultOrder]);
  const onSort = useCallback(
    (field: S) => setSearchParams(sortChanges(field, address, { prefix, sorts, defaultSort, defaultOrder }), { isPush: true }),
    [address, prefix, sorts, defaultSort, defaultOrder],
  );
  const onPageChange = useCallback((cursor: string | null) => setSearchParams(cursorChanges(cursor, prefix), { isPush: true }), [prefix]);
  const setFilters = useCallback((changes: Record<string, string | null>) => setSearchParams(filterChanges(changes, prefix)), [prefix]);
  return { ...address, onSort, onPageChange, setFilters, searchParams };
}
