import type { ListPage } from '@custodian/shared/contracts/list.ts';
import { hasOtherPages } from '../lib/list-summary.ts';
import { Button } from './button.tsx';

interface DataTablePagerProps {
  page: ListPage;
  /** "Showing 51–100 of 5,400 members". */
  summary: string;
  summaryId: string;
  /** Names the navigation landmark, e.g. "Pages of members". */
  label: string;
  isBusy: boolean;
  onPageChange: (cursor: string | null) => void;
}

/** The summary of a list and its First / Previous / Next / Last buttons, driven by the server's page links. */
export function DataTablePager({ page, summary, summaryId, label, isBusy, onPageChange }: DataTablePagerProps) {
  const isFirstPage = page.prev === null;
  return (
    <nav className="pager" aria-label={label}>
      <p className="pager-summary" id={summaryId}>
        {summary}
      </p>
      {hasOtherPages(page) ? (
        <div className="pager-buttons">
          <Button variant="secondary" disabled={isFirstPage || isBusy} onClick={() => onPageChange(null)}>
            First page
          </Button>
          <Button variant="secondary" disabled={page.prev === null || isBusy} onClick={() => onPageChange(page.prev)}>
            Previous page
          </Button>
          <Button variant="secondary" disabled={page.next === null || isBusy} onClick={() => onPageChange(page.next)}>
            Next page
          </Button>
          <Button variant="secondary" disabled={page.last === null || isBusy} onClick={() => onPageChange(page.last)}>
            Last page
          </Button>
        </div>
      ) : null}
    </nav>
  );
}
