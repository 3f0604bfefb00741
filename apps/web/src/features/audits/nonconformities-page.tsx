import { nonconformitiesApi, ncSourceLabels, ncStatusLabels, ncStatuses, type Nonconformity } from '@custodian/shared/contracts/nonconformities.ts';
import { urlOf } from '../../api/client.ts';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { SelectField } from '../../components/field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { formatDate } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { Link } from '../../router.tsx';
import { useNonconformities } from './audits-api.ts';

const sorts = ['number', 'raisedOn', 'updatedAt'] as const;
const statusOptions = [{ value: '', label: 'Any status' }, ...ncStatuses.map((value) => ({ value, label: ncStatusLabels[value] }))];
const overdueOptions = [
  { value: '', label: 'Overdue or not' },
  { value: 'true', label: 'Overdue only' },
];

/** The nonconformity register: status and overdue filters, each record linked. */
export function NonconformitiesPage() {
  const list = useListAddress({ sorts, defaultSort: 'number', defaultOrder: 'desc' });
  const status = list.searchParams.get('status') ?? '';
  const overdue = list.searchParams.get('isOverdue') ?? '';
  const records = useNonconformities({
    sort: list.sort,
    order: list.order,
    cursor: list.cursor,
    ...(status ? { status: status as Nonconformity['status'] } : {}),
    ...(overdue ? { isOverdue: 'true' as const } : {}),
  });
  const columns: Array<DataColumn<Nonconformity, (typeof sorts)[number]>> = [
    { key: 'number', header: 'Ref', sortField: 'number', className: 'nowrap', cell: (n) => <Link to={`/nonconformities/${n.id}`}>{n.ref}</Link> },
    { key: 'title', header: 'Nonconformity', isRowHeader: true, cell: (n) => `${n.severity === 'major' ? 'Major' : 'Minor'}: ${n.title}` },
    { key: 'source', header: 'Source', cell: (n) => ncSourceLabels[n.source] },
    { key: 'raisedOn', header: 'Raised', sortField: 'raisedOn', className: 'nowrap', cell: (n) => formatDate(n.raisedOn) },
    { key: 'status', header: 'Status', cell: (n) => (n.isOverdue ? <>{ncStatusLabels[n.status]} <Tag tone="danger">Overdue</Tag></> : ncStatusLabels[n.status]) },
  ];
  return (
    <>
      <PageHeader
        title="Nonconformities"
        intro={
          <p>
            Nonconformities and corrective actions (clause 10.2). <a href={urlOf(nonconformitiesApi.registerPdf)}>Download the register (PDF)</a>
          </p>
        }
      />
      <DataTable
        caption="Nonconformities"
        noun={{ one: 'nonconformity', other: 'nonconformities' }}
        columns={columns}
        rowKey={(n) => n.id}
        list={records}
        address={list}
        filters={
          <div className="filters filter-row">
            <SelectField label="Status" value={status} options={statusOptions} onChange={(e) => list.setFilters({ status: e.target.value || null })} />
            <SelectField label="Overdue" value={overdue} options={overdueOptions} onChange={(e) => list.setFilters({ isOverdue: e.target.value || null })} />
          </div>
        }
        hasFilters={status !== '' || overdue !== ''}
        loadingLabel="Loading…"
        empty={{ title: 'No nonconformities recorded', hint: 'A major or minor finding of an internal audit raises one here.' }}
        emptyFiltered={{ title: 'Nothing matches these filters', hint: 'Clear the filters to see every nonconformity.' }}
      />
    </>
  );
}
