import { useEffect } from 'react';
import { gapSorts, gapStatuses, type GapItem } from '@custodian/shared/contracts/gap.ts';
import { useCan } from '../../api/session.ts';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { StatusBadge, Tag } from '../../components/status-badge.tsx';
import { formatDate } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { Link, useLocation } from '../../router.tsx';
import { ExportGapLink } from './export-gap-link.tsx';
import { useGapItems, type GapListInput } from './gap-api.ts';
import { GapFilters, hasGapFilters } from './gap-filters.tsx';
import { rememberGapListAddress } from './gap-list-address.ts';

type GapSort = (typeof gapSorts)[number];

const themes = ['organisational', 'people', 'physical', 'technological'] as const;
const clauses = ['4', '5', '6', '7', '8', '9', '10'];

function pick<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

/** The gap list filters in the address, keeping only values the server accepts. */
function readFilters(params: URLSearchParams): Omit<GapListInput, 'sort' | 'order' | 'cursor'> {
  return {
    kind: pick(['clause', 'control', 'document'] as const, params.get('kind')),
    status: pick(gapStatuses, params.get('status')),
    theme: pick(themes, params.get('theme')),
    clause: pick(clauses, params.get('clause')),
    stage: pick(['1', '2'] as const, params.get('stage')),
    isOverdue: params.get('isOverdue') === 'true' ? 'true' : undefined,
    q: params.get('q') || undefined,
  };
}

const columns: Array<DataColumn<GapItem, GapSort>> = [
  { key: 'ref', header: 'Reference', sortField: 'ref', isRowHeader: true, className: 'cell-ref', cell: (item) => item.ref },
  {
    key: 'title',
    header: 'Title',
    sortField: 'title',
    cell: (item) => (
      <Link to={`/gap/${encodeURIComponent(item.itemId)}`} aria-label={`${item.ref} ${item.title}`}>
        {item.title}
      </Link>
    ),
  },
  { key: 'status', header: 'Status', sortField: 'status', cell: (item) => <StatusBadge status={item.status} /> },
  { key: 'owner', header: 'Owner', cell: (item) => item.ownerName ?? <span className="muted">No owner</span> },
  {
    key: 'targetDate',
    header: 'Target date',
    sortField: 'targetDate',
    cell: (item) => (
      <>
        {item.targetDate ? formatDate(item.targetDate) : <span className="muted">Not set</span>}
        {item.isOverdue ? (
          <>
            {' '}
            <Tag tone="danger">Overdue</Tag>
          </>
        ) : null}
      </>
    ),
  },
];

/** The gap analysis: every clause, Annex A control and mandatory document with its status. */
export function GapPage() {
  const location = useLocation();
  const canExport = useCan('gap.export');
  const list = useListAddress<GapSort>({ sorts: gapSorts, defaultSort: 'ref', defaultOrder: 'asc' });
  const items = useGapItems({ ...readFilters(list.searchParams), sort: list.sort, order: list.order, cursor: list.cursor });
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
        actions={canExport ? <ExportGapLink /> : null}
      />
      <DataTable
        caption="Gap analysis items"
        noun={{ one: 'item', other: 'items' }}
        columns={columns}
        rowKey={(item) => item.itemId}
        list={items}
        address={list}
        filters={<GapFilters params={list.searchParams} onChange={list.setFilters} />}
        hasFilters={hasGapFilters(list.searchParams)}
        loadingLabel="Loading the gap analysis…"
        empty={{ title: 'There are no items of this kind', hint: 'Choose "All items" above to see every requirement.' }}
        emptyFiltered={{ title: 'No items match these filters', hint: 'Try another status or theme, clear the search box, or choose "All items" above.' }}
      />
    </>
  );
}
