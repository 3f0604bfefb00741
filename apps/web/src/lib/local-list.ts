import type { ListReply } from '@custodian/shared/contracts/list.ts';

const pageCursor = /^p(\d{1,6})$/;

/**
 * Pages a list already held in full by the browser (the catalogue, which is cached whole) with the
 * same reply shape and page links as a server list, so the same table and paging controls work.
 * Page links are "p2", "p3", …, and "last".
 */
export function pageLocally<T>(items: readonly T[], cursor: string | undefined, limit: number): ListReply<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / limit));
  const asked = cursor === 'last' ? pageCount : Number(pageCursor.exec(cursor ?? '')?.[1] ?? 1);
  const index = Math.min(pageCount, Math.max(1, asked));
  const start = (index - 1) * limit;
  const rows = items.slice(start, start + limit);
  return {
    items: rows,
    total: { count: items.length, isExact: true },
    page: {
      from: rows.length > 0 ? start + 1 : null,
      to: rows.length > 0 ? start + rows.length : null,
      next: index < pageCount ? `p${index + 1}` : null,
      prev: index > 1 ? `p${index - 1}` : null,
      last: index < pageCount ? 'last' : null,
    },
  };
}
