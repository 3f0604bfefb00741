import { listCursor, type ListOrder } from '@custodian/shared/contracts/list.ts';

/**
 * Where a list's sort, order and page (cursor) live in the address bar, so a link or Back returns to
 * the same view. Pure functions over URLSearchParams; `useListAddress` wires them to the router.
 */

export interface ListAddressOptions<S extends string> {
  /** Prefix of the address keys when a page shows more than one list ("inv" → invSort, invOrder, invCursor). */
  prefix?: string;
  sorts: readonly S[];
  defaultSort: S;
  defaultOrder: ListOrder;
}

export interface ListAddress<S extends string> {
  sort: S;
  order: ListOrder;
  /** The page link of the server, or undefined for the first page. */
  cursor: string | undefined;
}

export interface ListAddressKeys {
  sort: string;
  order: string;
  cursor: string;
}

/** The address keys of a list: sort, order, cursor, or prefixed (invSort, invOrder, invCursor). */
export function listAddressKeys(prefix?: string): ListAddressKeys {
  if (!prefix) return { sort: 'sort', order: 'order', cursor: 'cursor' };
  return { sort: `${prefix}Sort`, order: `${prefix}Order`, cursor: `${prefix}Cursor` };
}

/** Reads sort, order and cursor from the address; anything unknown falls back to the list's default. */
export function readListAddress<S extends string>(params: URLSearchParams, options: ListAddressOptions<S>): ListAddress<S> {
  const keys = listAddressKeys(options.prefix);
  const sortText = params.get(keys.sort);
  const orderText = params.get(keys.order);
  const cursorText = params.get(keys.cursor) ?? '';
  const sort = options.sorts.find((candidate) => candidate === sortText) ?? options.defaultSort;
  const order: ListOrder = orderText === 'asc' || orderText === 'desc' ? orderText : options.defaultOrder;
  const cursor = cursorText && listCursor.safeParse(cursorText).success ? cursorText : undefined;
  return { sort, order, cursor };
}

/**
 * The address changes for pressing a column's sort button: the active column flips its order, another
 * column starts ascending; the page goes back to the first. Defaults are left out of the address.
 */
export function sortChanges<S extends string>(field: S, current: ListAddress<S>, options: ListAddressOptions<S>): Record<string, string | null> {
  const keys = listAddressKeys(options.prefix);
  const order: ListOrder = current.sort === field ? (current.order === 'asc' ? 'desc' : 'asc') : 'asc';
  const isDefault = field === options.defaultSort && order === options.defaultOrder;
  return { [keys.sort]: isDefault ? null : field, [keys.order]: isDefault ? null : order, [keys.cursor]: null };
}

/** The address changes for opening another page of the list (null cursor: the first page). */
export function cursorChanges(cursor: string | null, prefix?: string): Record<string, string | null> {
  return { [listAddressKeys(prefix).cursor]: cursor };
}

/** The address changes for new filter values: the cursor is dropped, since pages belong to one filter. */
export function filterChanges(changes: Record<string, string | null>, prefix?: string): Record<string, string | null> {
  return { ...changes, [listAddressKeys(prefix).cursor]: null };
}
