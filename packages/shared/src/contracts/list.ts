import { z } from 'zod';

/**
 * The one list convention. Every list endpoint takes filters, a sort, an order, a page size (`limit`)
 * and an opaque `cursor` from an earlier reply, and answers with one page, a total and the cursors of
 * the neighbouring pages. Pages are read by keyset (the sort key of the last row seen), so the last
 * page is as fast as the first; totals come from a per-organisation counter or a capped count.
 */

export const listOrders = ['asc', 'desc'] as const;
export type ListOrder = (typeof listOrders)[number];

/** A page link: the server makes it, the client passes it back unchanged. "last" opens the last page. */
export const listCursor = z
  .string()
  .max(600, { message: 'is not a page link this list made' })
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'is not a page link this list made' });

export const listLimit = z.coerce.number().int().min(1).max(200).default(50);

/** Beyond this many matching rows a filtered list says "more than …" instead of counting on. */
export const totalCountCap = 1000;

/** The query of a list: its own filters plus sort, order, limit and cursor. */
export function listQuery<const S extends readonly [string, ...string[]], F extends z.ZodRawShape>(options: {
  filters: F;
  sorts: S;
  sort: S[number];
  order?: ListOrder;
}) {
  return z.strictObject({
    ...options.filters,
    sort: z.enum(options.sorts).default(options.sort as never),
    order: z.enum(listOrders).default(options.order ?? 'asc'),
    limit: listLimit,
    cursor: listCursor.optional(),
  });
}

export const listTotal = z.object({
  /** The number of matching rows, or the cap when isExact is false. */
  count: z.number().int(),
  /** False when there are more than `count` rows (shown as "more than …"). */
  isExact: z.boolean(),
});
export type ListTotal = z.infer<typeof listTotal>;

export const listPage = z.object({
  /** 1-based position of the first and last row of this page, when known. */
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
  next: z.string().nullable(),
  prev: z.string().nullable(),
  /** The cursor of the last page; null when this is the last page. */
  last: z.string().nullable(),
});
export type ListPage = z.infer<typeof listPage>;

/** The reply of a list endpoint. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: listTotal, page: listPage });
}

export interface ListReply<T> {
  items: T[];
  total: ListTotal;
  page: ListPage;
}
