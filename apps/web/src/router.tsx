import { useMemo, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/** A small router over the History API: no dependency, enough for a single-page app of this size. */

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function getSnapshot(): string {
  return window.location.pathname + window.location.search;
}

export interface Location {
  pathname: string;
  search: string;
  searchParams: URLSearchParams;
  /** pathname + search, used to come back after signing in. */
  href: string;
}

/** The current location; re-renders when it changes. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, getSnapshot);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    return { pathname: url.pathname, search: url.search, searchParams: url.searchParams, href };
  }, [href]);
}

interface NavigateOptions {
  /** Replace the current history entry instead of adding one (Back skips it). */
  isReplace?: boolean;
  /** Stay where the page is scrolled (a new entry otherwise starts at the top). */
  isScrollKept?: boolean;
}

/** Goes to another page of the app without reloading. */
export function navigate(to: string, options: NavigateOptions = {}): void {
  if (to === getSnapshot()) return;
  if (options.isReplace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
  if (!options.isReplace && !options.isScrollKept) window.scrollTo(0, 0);
}

/**
 * Changes some query parameters of the current page (empty values are removed). By default the
 * history entry is replaced (typing in a filter); `isPush` adds one, so Back returns to the previous
 * page or sort of a list.
 */
export function setSearchParams(changes: Record<string, string | null | undefined>, options: { isPush?: boolean } = {}): void {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  navigate(url.pathname + url.search, { isReplace: !options.isPush, isScrollKept: true });
}

/** Matches `/gap/:itemId` against a pathname; returns the decoded parameters or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
      continue;
    }
    if (part !== actual) return null;
  }
  return params;
}

function isModifiedClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.metaKey || event.altKey || event.ctrlKey || event.shiftKey || event.button !== 0;
}

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
  children: ReactNode;
}

/** An ordinary link that navigates inside the app (new-tab clicks still work). */
export function Link({ to, children, onClick, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>): void {
    onClick?.(event);
    if (event.defaultPrevented || isModifiedClick(event) || rest.target) return;
    event.preventDefault();
    navigate(to);
  }
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
