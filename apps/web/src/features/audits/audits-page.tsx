import { auditStatusLabels, type Audit } from '@custodian/shared/contracts/audits.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SearchField } from '../../components/search-field.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { useAudits, useAuditChanges } from './audits-api.ts';

const sorts = ['plannedStart', 'title', 'updatedAt'] as const;

/** Audits: every one the organisation has recorded, searchable, newest changes on request. */
export function AuditsPage() {
  const session = useSignedInSession();
  const canWrite = useCan('audits.write');
  const list = useListAddress({ sorts, defaultSort: 'plannedStart', defaultOrder: 'asc' });
  const q = list.searchParams.get('q') ?? '';
  const records = useAudits({ q: q || undefined, sort: list.sort, order: list.order, cursor: list.cursor });
  const { remove } = useAuditChanges();
  const timeZone = session.organisation?.timeZone;
  const columns: Array<DataColumn<Audit, (typeof sorts)[number]>> = [
    { key: 'title', header: 'Audit', sortField: 'title', isRowHeader: true, cell: (record) => record.title },
    { key: 'plannedStart', header: 'Planned', sortField: 'plannedStart', className: 'nowrap', cell: (record) => formatDate(record.plannedStart) },
    { key: 'auditor', header: 'Auditor', cell: (record) => record.auditorName ?? '—' },
    { key: 'status', header: 'Status', cell: (record) => auditStatusLabels[record.status] },
    { key: 'updatedAt', header: 'Last changed', sortField: 'updatedAt', className: 'nowrap', cell: (record) => formatDateTime(record.updatedAt, timeZone) },
    ...(canWrite
      ? [
          {
            key: 'actions',
            header: 'Actions',
            isHeaderHidden: true,
            cell: (record: Audit) => (
              <Button variant="secondary" isBusy={remove.isPending && remove.variables === record.id} busyText="Deleting…" onClick={() => remove.mutate(record.id)}>
                Delete <span className="sr-only">{record.title}</span>
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader title="Audits" intro={<p>Audits of {session.organisation?.name}.</p>} />
      <FormAlert error={remove.error} />
      <DataTable
        caption="Audits"
        noun={{ one: 'audit', other: 'audits' }}
        columns={columns}
        rowKey={(record) => record.id}
        list={records}
        address={list}
        filters={
          <div className="filters filter-row">
            <SearchField label="Search by name" value={q} onSearch={(text) => list.setFilters({ q: text || null })} />
          </div>
        }
        hasFilters={q !== ''}
        loadingLabel="Loading…"
        empty={{ title: 'Nothing recorded yet', hint: canWrite ? 'Add the first one above.' : 'Nothing has been recorded here yet.' }}
        emptyFiltered={{ title: 'Nothing matches this search', hint: 'Clear the search box to see everything.' }}
      />
    </>
  );
}
