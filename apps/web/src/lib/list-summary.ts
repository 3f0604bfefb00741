import type { ListPage, ListTotal } from '@custodian/shared/contracts/list.ts';

/** What a list counts, in the singular and plural ("member", "members"). */
export interface Noun {
  one: string;
  other: string;
}

interface PageOfList {
  items: readonly unknown[];
  total: ListTotal;
  page: ListPage;
}

function count(value: number): string {
  return value.toLocaleString('en-AU');
}

/** "5,400" or "more than 1,000" when the server stopped counting. */
export function totalText(total: ListTotal): string {
  return total.isExact ? count(total.count) : `more than ${count(total.count)}`;
}

/**
 * The sentence under a list: "Showing 51–100 of 5,400 members", "Showing 1–50 of more than 1,000
 * events", or, when the server does not know the positions, "Showing a page of 50 events out of more
 * than 1,000".
 */
export function listSummary(list: PageOfList, noun: Noun): string {
  const { items, total, page } = list;
  if (items.length === 0) return `No ${noun.other} on this page`;
  const totalNoun = total.isExact && total.count === 1 ? noun.one : noun.other;
  if (page.from === null || page.to === null) {
    const pageNoun = items.length === 1 ? noun.one : noun.other;
    return `Showing a page of ${count(items.length)} ${pageNoun} out of ${totalText(total)}`;
  }
  if (page.from === page.to) return `Showing ${count(page.from)} of ${totalText(total)} ${totalNoun}`;
  return `Showing ${count(page.from)}–${count(page.to)} of ${totalText(total)} ${totalNoun}`;
}

/** True when the list has more than one page (so the paging buttons are worth showing). */
export function hasOtherPages(page: ListPage): boolean {
  return page.prev !== null || page.next !== null || page.last !== null;
}
