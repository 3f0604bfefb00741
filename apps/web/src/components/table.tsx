import type { ReactNode } from 'react';

interface SortHeaderProps {
  label: string;
  field: string;
  sort: string;
  order: 'asc' | 'desc';
  onSort: (field: string, order: 'asc' | 'desc') => void;
}

/** A column header that sorts the table (server-side) when pressed; aria-sort tells the current order. */
export function SortHeader({ label, field, sort, order, onSort }: SortHeaderProps) {
  const isActive = sort === field;
  const nextOrder = isActive && order === 'asc' ? 'desc' : 'asc';
  const ariaSort = isActive ? (order === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" className="sort-button" onClick={() => onSort(field, nextOrder)}>
        {label}
        <span className="sort-indicator" aria-hidden="true">
          {isActive ? (order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** A table that scrolls sideways on narrow screens instead of overflowing the page. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
