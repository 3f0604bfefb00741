import type { ListOrder } from '@custodian/shared/contracts/list.ts';

interface SortHeaderProps {
  label: string;
  isActive: boolean;
  order: ListOrder;
  onSort: () => void;
  className?: string;
}

/** A column header that sorts the list on the server when pressed; aria-sort tells the current order. */
export function SortHeader({ label, isActive, order, onSort, className }: SortHeaderProps) {
  const ariaSort = isActive ? (order === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <button type="button" className="sort-button" onClick={onSort}>
        {label}
        <span className="sort-indicator" aria-hidden="true">
          {isActive ? (order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
