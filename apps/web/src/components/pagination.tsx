import { Button } from './button.tsx';

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  /** What is being counted, e.g. "items" or "events". */
  noun?: string;
}

/** Previous / next page controls with a "Page 2 of 5" summary. */
export function Pagination({ page, pageSize, total, onPageChange, noun = 'items' }: PaginationProps) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label="Pagination">
      <p className="pagination-summary">
        Showing {first}–{last} of {total} {noun} · Page {page} of {pageCount}
      </p>
      <div className="pagination-buttons">
        <Button variant="secondary" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
          Previous page
        </Button>
        <Button variant="secondary" disabled={page >= pageCount} onClick={() => onPageChange(page + 1)}>
          Next page
        </Button>
      </div>
    </nav>
  );
}
