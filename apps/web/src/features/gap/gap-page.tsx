import { ExportGapLink } from './export-gap-link.tsx';
import { useEffect } from 'react';
import { useCan } from '../../api/session.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { StatusBadge, Tag } from '../../components/status-badge.tsx';
import { SortHeader, TableWrap } from '../../components/table.tsx';
import { formatDate } from '../../lib/format.ts';
import { Link, setSearchParams, useLocation } from '../../router.tsx';
import { useGapItems, type GapFilters as Filters } from './gap-api.ts';
import { GapFilters } from './gap-filters.tsx';
import { rememberGapListAddress } from './gap-list-address.ts';

const pageSize = 50;
const sortFields = ['ref', 'status', 'targetDate', 'updatedAt', 'title'] as const;

function readFilters(params: URLSearchParams): Filters {
  const sort = params.get('sort');
  const kind = params.get('kind');
  const status = params.get('status');
  const theme = params.get('theme');
  return {
    kind: kind === 'clause' || kind === 'control' || kind === 'document' ? kind : undefined,
    status: (status || undefined) as Filters['status'],
    theme: (theme || undefined) as Filters['theme'],
    clause: params.get('clause') || undefined,
    isOverdue: params.get('isOverdue') === 'true' ? 'true' : undefined,
    q: params.get('q') || undefined,
    sort: sortFields.find((field) => field === sort) ?? 'ref',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize,
  };
}

/** The gap analysis: every clause, Annex A control and mandatory document with its status. */
export function GapPage() {
  const location = useLocation();
  const canExport = useCan('gap.export');
  const filters = readFilters(location.searchParams);
  const items = useGapItems(filters);
  useEffect(() => rememberGapListAddress(location.href), [location.href]);

  return (
    <>
      <PageHeader
        title="Gap analysis"
        intro={
          <p>
            Record how far along your practice is with each requirement. Open an item to set its status, give it an owner and a target date. Start
            with Clauses 4–10, which describe how you run your information security.
          </p>
        }
        actions={
          canExport ? (
            <ExportGapLink />
          ) : null
        }
      />
      <GapFilters params={location.searchParams} />
      {items.isPending ? <Loading label="Loading the gap analysis…" /> : null}
      {items.isError ? <LoadError error={items.error} onRetry={() => void items.refetch()} /> : null}
      {items.data && items.data.total === 0 ? (
        <EmptyState title="No items match these filters" headingLevel={2}>
          <p>Try another status or theme, clear the search box, or choose "All items" above.</p>
        </EmptyState>
      ) : null}
      {items.data && items.data.total > 0 ? (
        <>
          <TableWrap label="Gap analysis items">
            <table className="table" aria-busy={items.isFetching}>
              <caption className="sr-only">Gap analysis items, sorted by {filters.sort} ({filters.order === 'asc' ? 'ascending' : 'descending'})</caption>
              <thead>
                <tr>
                  <SortHeader label="Reference" field="ref" sort={filters.sort ?? 'ref'} order={filters.order ?? 'asc'} onSort={(sort, order) => setSearchParams({ sort, order, page: null })} />
                  <SortHeader label="Title" field="title" sort={filters.sort ?? 'ref'} order={filters.order ?? 'asc'} onSort={(sort, order) => setSearchParams({ sort, order, page: null })} />
                  <SortHeader label="Status" field="status" sort={filters.sort ?? 'ref'} order={filters.order ?? 'asc'} onSort={(sort, order) => setSearchParams({ sort, order, page: null })} />
                  <th scope="col">Owner</th>
                  <SortHeader label="Target date" field="targetDate" sort={filters.sort ?? 'ref'} order={filters.order ?? 'asc'} onSort={(sort, order) => setSearchParams({ sort, order, page: null })} />
                </tr>
              </thead>
              <tbody>
                {items.data.items.map((item) => (
                  <tr key={item.itemId}>
                    <th scope="row" className="cell-ref">
                      {item.ref}
                    </th>
                    <td>
                      <Link to={`/gap/${encodeURIComponent(item.itemId)}`} aria-label={`${item.ref} ${item.title}`}>
                        {item.title}
                      </Link>
                    </td>
                    <td>
                      <StatusBadge status={item.status} />
                    </td>
                    <td>{item.ownerName ?? <span className="muted">No owner</span>}</td>
                    <td>
                      {item.targetDate ? formatDate(item.targetDate) : <span className="muted">Not set</span>}
                      {item.isOverdue ? (
                        <>
                          {' '}
                          <Tag tone="danger">Overdue</Tag>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pagination page={items.data.page} pageSize={items.data.pageSize} total={items.data.total} onPageChange={(page) => setSearchParams({ page: String(page) })} />
        </>
      ) : null}
    </>
  );
}
