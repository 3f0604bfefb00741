import { riskSorts, type RiskListItem } from '@custodian/shared/contracts/risks.ts';
import { riskStatuses, riskStatusLabels } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { roleLabels } from '@custodian/shared/permissions.ts';
import { useCan } from '../../api/session.ts';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { SelectField } from '../../components/field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SearchField } from '../../components/search-field.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { formatDate } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { Link } from '../../router.tsx';
import { useMembers } from '../members/members-api.ts';
import { useRiskMethod, useRisks } from './risks-api.ts';
import { ScoreCell } from './score-chip.tsx';

type RiskSort = (typeof riskSorts)[number];

const columns: Array<DataColumn<RiskListItem, RiskSort>> = [
  { key: 'ref', header: 'Reference', sortField: 'ref', isRowHeader: true, className: 'cell-ref', cell: (risk) => risk.ref },
  { key: 'title', header: 'Risk', sortField: 'title', cell: (risk) => <Link to={`/risks/${risk.id}`}>{risk.title}</Link> },
  { key: 'inherent', header: 'Inherent', sortField: 'inherent', cell: (risk) => <ScoreCell score={risk.inherent} isCompact /> },
  { key: 'residual', header: 'Residual', sortField: 'residual', cell: (risk) => <ScoreCell score={risk.residual} isCompact /> },
  { key: 'status', header: 'Status', cell: (risk) => riskStatusLabels[risk.status] },
  { key: 'owner', header: 'Owner', cell: (risk) => risk.ownerName ?? <span className="muted">No owner</span> },
  {
    key: 'nextReview',
    header: 'Next review',
    sortField: 'nextReview',
    className: 'nowrap',
    cell: (risk) => (
      <>
        {risk.nextReviewOn ? formatDate(risk.nextReviewOn) : <span className="muted">Not set</span>}
        {risk.isReviewDue ? (
          <>
            {' '}
            <Tag tone="danger">Review due</Tag>
          </>
        ) : null}
      </>
    ),
  },
];

/** The risk register: every risk, filtered and sorted on the server, with its inherent and residual level. */
export function RisksPage() {
  const canWrite = useCan('risks.write');
  const canReadMembers = useCan('members.read');
  const method = useRiskMethod();
  const members = useMembers({ sort: 'name', limit: 200 }, canReadMembers);
  const list = useListAddress<RiskSort>({ sorts: riskSorts, defaultSort: 'ref', defaultOrder: 'asc' });
  const params = list.searchParams;
  const filters = {
    q: params.get('q') || undefined,
    status: riskStatuses.find((status) => status === params.get('status')),
    residualLevel: params.get('residualLevel') || undefined,
    ownerId: params.get('ownerId') || undefined,
    // Set by a link from an asset's page ("risks of this asset").
    assetId: params.get('assetId') || undefined,
  };
  const risks = useRisks({ ...filters, sort: list.sort, order: list.order, cursor: list.cursor });
  const hasFilters = Object.values(filters).some((value) => value !== undefined);
  return (
    <>
      <PageHeader
        title="Risk register"
        intro={<p>Each risk is something that could go wrong (a threat exploiting a weakness) to your practice&apos;s assets, scored before and after treatment on your risk method.</p>}
        actions={
          <div className="header-actions">
            <Link to="/risks/method">Risk method</Link>
            <Link to="/register?kind=risks">Import or export</Link>
            {canWrite ? (
              <Link className="button button-primary" to="/risks/new">
                Add a risk
              </Link>
            ) : null}
          </div>
        }
      />
      <DataTable
        caption="Risks"
        noun={{ one: 'risk', other: 'risks' }}
        columns={columns}
        rowKey={(risk) => risk.id}
        list={risks}
        address={list}
        filters={
          <div className="filters filter-row">
            <SearchField label="Search by title or reference" value={filters.q ?? ''} onSearch={(text) => list.setFilters({ q: text || null })} />
            <SelectField
              label="Status"
              name="status"
              value={filters.status ?? ''}
              options={[{ value: '', label: 'Any status' }, ...riskStatuses.map((status) => ({ value: status, label: riskStatusLabels[status] }))]}
              onChange={(event) => list.setFilters({ status: event.target.value || null })}
            />
            <SelectField
              label="Residual level"
              name="residualLevel"
              value={filters.residualLevel ?? ''}
              options={[{ value: '', label: 'Any level' }, ...(method.data?.levels ?? []).map((level) => ({ value: level.key, label: level.label }))]}
              onChange={(event) => list.setFilters({ residualLevel: event.target.value || null })}
            />
            {members.data ? (
              <SelectField
                label="Owner"
                name="ownerId"
                value={filters.ownerId ?? ''}
                options={[{ value: '', label: 'Anyone' }, ...members.data.items.map((member) => ({ value: member.userId, label: `${member.name} (${roleLabels[member.role]})` }))]}
                onChange={(event) => list.setFilters({ ownerId: event.target.value || null })}
              />
            ) : null}
          </div>
        }
        hasFilters={hasFilters}
        loadingLabel="Loading the register…"
        empty={{ title: 'No risks recorded yet', hint: canWrite ? 'Add the first one, or start from the healthcare threat library.' : 'Nothing has been recorded here yet.' }}
        emptyFiltered={{ title: 'No risk matches these filters', hint: 'Clear the search or choose “Any” to see every risk.' }}
      />
    </>
  );
}
