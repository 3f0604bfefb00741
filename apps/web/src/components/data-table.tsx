import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { ListOrder, ListReply } from '@custodian/shared/contracts/list.ts';
import { listSummary, type Noun } from '../lib/list-summary.ts';
import { Button } from './button.tsx';
import { DataTablePager } from './data-table-pager.tsx';
import { EmptyState } from './empty-state.tsx';
import { LoadError, Loading } from './query-state.tsx';
import { SortHeader } from './sort-header.tsx';
import { TableWrap } from './table.tsx';

/** One column of a DataTable. */
export interface DataColumn<T, S extends string = string> {
  /** Stable key of the column. */
  key: string;
  /** The header text (kept for screen readers even when hidden). */
  header: string;
  /** Hide the header text visually, e.g. for a column of buttons. */
  isHeaderHidden?: boolean;
  cell: (row: T) => ReactNode;
  /** The server's sort field behind this column: its header becomes a sort button. */
  sortField?: S;
  /** This column's cell names the row (rendered as a row header). */
  isRowHeader?: boolean;
  className?: string;
}

/** The parts of a react-query result a DataTable reads. */
export interface ListQueryState<T> {
  data: ListReply<T> | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

interface EmptyText {
  title: string;
  hint: ReactNode;
  action?: ReactNode;
}

export interface DataTableProps<T, S extends string> {
  /** Names the table and its scrollable region, e.g. "Members of Harbourside Family Clinic". */
  caption: string;
  /** What a row is, for "Showing 1–50 of 120 members". */
  noun: Noun;
  columns: ReadonlyArray<DataColumn<T, S>>;
  rowKey: (row: T) => string;
  list: ListQueryState<T>;
  /** The current server sort and what pressing a sortable header does. */
  sort?: { field: S; order: ListOrder; onSort: (field: S) => void };
  /**
   * The list's place in the address bar (useListAddress): gives the sort, the page changes and whether
   * the list is past its first page, so a page passes it once instead of three props.
   */
  address?: { sort: S; order: ListOrder; cursor?: string | undefined; onSort: (field: S) => void; onPageChange: (cursor: string | null) => void };
  /** Opens another page (null: the first); taken from `address` when given. */
  onPageChange?: (cursor: string | null) => void;
  /** True when the list is on a page other than the first (offers "Go to the first page" after an error). */
  hasCursor?: boolean;
  /** Filter controls shown above the table (they stay when nothing matches). */
  filters?: ReactNode;
  hasFilters?: boolean;
  /** Shown when the list has nothing yet. */
  empty: EmptyText;
  /** Shown when filters leave nothing. */
  emptyFiltered?: EmptyText;
  loadingLabel?: string;
  headingLevel?: 2 | 3;
  tableClassName?: string;
}

function sortCaption<T, S extends string>(columns: ReadonlyArray<DataColumn<T, S>>, sort: DataTableProps<T, S>['sort']): string {
  const column = sort ? columns.find((candidate) => candidate.sortField === sort.field) : undefined;
  if (!sort || !column) return '';
  return `, sorted by ${column.header.toLowerCase()} (${sort.order === 'asc' ? 'ascending' : 'descending'})`;
}

/**
 * The one table for lists: server-side sorting from header buttons (with aria-sort), filters above,
 * First / Previous / Next / Last from the reply's page links, a summary such as "Showing 51–100 of
 * 5,400 members", empty, loading and error states, and aria-busy while a new page loads. When a page
 * changes, focus moves to the table's region so keyboard and screen-reader users hear the new content.
 */
export function DataTable<T, S extends string = string>(props: DataTableProps<T, S>) {
  const { caption, noun, columns, rowKey, list, address, filters, hasFilters = false, empty, emptyFiltered, headingLevel = 2 } = props;
  const sort = props.sort ?? (address ? { field: address.sort, order: address.order, onSort: address.onSort } : undefined);
  const onPageChange = props.onPageChange ?? address?.onPageChange ?? (() => undefined);
  const hasCursor = props.hasCursor ?? address?.cursor !== undefined;
  const captionId = useId();
  const summaryId = useId();
  const regionRef = useRef<HTMLDivElement>(null);
  const isFocusDue = useRef(false);
  const data = list.data;

  useEffect(() => {
    if (!isFocusDue.current || list.isFetching) return;
    isFocusDue.current = false;
    const region = regionRef.current;
    if (!region) return;
    region.focus({ preventScroll: true });
    if (region.getBoundingClientRect().top < 0) region.scrollIntoView({ block: 'start' });
  }, [data, list.isFetching]);

  function openPage(cursor: string | null): void {
    isFocusDue.current = true;
    onPageChange(cursor);
  }

  let body: ReactNode;
  if (list.isPending) {
    body = <Loading label={props.loadingLabel ?? `Loading ${noun.other}…`} />;
  } else if (!data) {
    body = (
      <>
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
        {hasCursor ? (
          <Button variant="secondary" onClick={() => onPageChange(null)}>
            Go to the first page
          </Button>
        ) : null}
      </>
    );
  } else if (data.total.count === 0 && data.items.length === 0) {
    const text = hasFilters && emptyFiltered ? emptyFiltered : empty;
    body = (
      <EmptyState title={text.title} headingLevel={headingLevel} action={text.action}>
        {typeof text.hint === 'string' ? <p>{text.hint}</p> : text.hint}
      </EmptyState>
    );
  } else {
    const isBusy = list.isFetching;
    body = (
      <>
        {list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <TableWrap ref={regionRef} labelledBy={captionId} describedBy={summaryId}>
          <table className={['table', props.tableClassName].filter(Boolean).join(' ')} aria-busy={isBusy}>
            <caption id={captionId} className="sr-only">
              {caption}
              {sortCaption(columns, sort)}
            </caption>
            <thead>
              <tr>
                {columns.map((column) =>
                  column.sortField && sort ? (
                    <SortHeader
                      key={column.key}
                      label={column.header}
                      isActive={sort.field === column.sortField}
                      order={sort.order}
                      onSort={() => column.sortField && sort.onSort(column.sortField)}
                      className={column.className}
                    />
                  ) : (
                    <th key={column.key} scope="col" className={column.className}>
                      {column.isHeaderHidden ? <span className="sr-only">{column.header}</span> : column.header}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {data.items.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((column) =>
                    column.isRowHeader ? (
                      <th key={column.key} scope="row" className={column.className}>
                        {column.cell(row)}
                      </th>
                    ) : (
                      <td key={column.key} className={column.className}>
                        {column.cell(row)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <DataTablePager page={data.page} summary={listSummary(data, noun)} summaryId={summaryId} label={`Pages of ${noun.other}`} isBusy={isBusy} onPageChange={openPage} />
      </>
    );
  }

  return (
    <div className="data-table">
      {filters}
      {body}
    </div>
  );
}
