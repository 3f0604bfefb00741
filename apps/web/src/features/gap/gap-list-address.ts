let lastAddress = '/gap';

/** Remembers the filtered list address so "Back to gap analysis" returns to the same filters and page. */
export function rememberGapListAddress(href: string): void {
  lastAddress = href;
}

/** The last gap list address seen (or /gap). */
export function gapListAddress(): string {
  return lastAddress;
}
