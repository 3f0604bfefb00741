import { evidenceKindLabels, evidenceKinds, evidenceTargetKindLabels, evidenceTargetKinds, evidenceValidities, evidenceValidityLabels, type EvidenceItem, type EvidenceKind, type EvidenceValidity } from '@custodian/shared/contracts/evidence.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { SelectField } from '../../components/field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SearchField } from '../../components/search-field.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { Link } from '../../router.tsx';
import { useEvidenceList } from './evidence-api.ts';
import { validityTones, validityWords } from './evidence-values.ts';

const sorts = ['title', 'validUntil', 'updatedAt'] as const;
const filterKeys = ['q', 'kind', 'validity', 'targetId'] as const;
const kindOptions = [{ value: '', label: 'Every kind' }, ...evidenceKinds.map((kind) => ({ value: kind, label: evidenceKindLabels[kind] }))];
const validityOptions = [{ value: '', label: 'Any' }, ...evidenceValidities.map((validity) => ({ value: validity, label: evidenceValidityLabels[validity] }))];

/** Evidence: every file, link and note the practice keeps, filtered and sorted on the server. */
export function EvidencePage() {
  const session = useSignedInSession();
  const canWrite = useCan('evidence.write');
  const list = useListAddress({ sorts, defaultSort: 'title', defaultOrder: 'asc' });
  const params = list.searchParams;
  const kind = params.get('kind') as EvidenceKind | null;
  const validity = params.get('validity') as EvidenceValidity | null;
  // "Evidence of" one control, requirement or risk, when a control's page links here.
  const targetKind = evidenceTargetKinds.find((candidate) => candidate === params.get('targetKind'));
  const targetId = targetKind ? params.get('targetId') || undefined : undefined;
  const items = useEvidenceList({
    q: params.get('q') || undefined,
    kind: kind || undefined,
    validity: validity || undefined,
    ...(targetKind && targetId ? { targetKind, targetId } : {}),
    sort: list.sort,
    order: list.order,
    cursor: list.cursor,
  });
  const timeZone = session.organisation?.timeZone;
  const hasFilters = filterKeys.some((key) => params.get(key));
  const columns: Array<DataColumn<EvidenceItem, (typeof sorts)[number]>> = [
    { key: 'title', header: 'Title', sortField: 'title', isRowHeader: true, cell: (item) => <Link to={`/evidence/${item.id}`}>{item.title}</Link> },
    { key: 'kind', header: 'Kind', cell: (item) => evidenceKindLabels[item.kind] },
    { key: 'owner', header: 'Owner', cell: (item) => item.ownerName ?? 'No owner yet' },
    { key: 'validUntil', header: 'Valid until', sortField: 'validUntil', className: 'nowrap', cell: (item) => <Tag tone={validityTones[item.validity]}>{validityWords(item)}</Tag> },
    { key: 'updatedAt', header: 'Last changed', sortField: 'updatedAt', className: 'nowrap', cell: (item) => formatDateTime(item.updatedAt, timeZone) },
  ];
  return (
    <>
      <PageHeader
        title="Evidence"
        intro={<p>The files, links and notes that show {session.organisation?.name}'s controls are in place, what each is evidence of, and until when it holds.</p>}
        actions={
          canWrite ? (
            <Link to="/evidence/new" className="button button-primary">
              Add evidence
            </Link>
          ) : null
        }
      />
      <DataTable
        caption="Evidence"
        noun={{ one: 'item', other: 'items' }}
        columns={columns}
        rowKey={(item) => item.id}
        list={items}
        address={list}
        filters={
          <div className="filters filter-row">
            <SearchField label="Search by title" value={params.get('q') ?? ''} onSearch={(text) => list.setFilters({ q: text || null })} />
            <SelectField label="Kind" value={kind ?? ''} options={kindOptions} onChange={(e) => list.setFilters({ kind: e.target.value || null })} />
            <SelectField label="Valid until" value={validity ?? ''} options={validityOptions} onChange={(e) => list.setFilters({ validity: e.target.value || null })} />
            {targetKind && targetId ? <p className="muted">{targetId.startsWith('iso27001:2022:') ? `Showing evidence of ${evidenceTargetKindLabels[targetKind].toLowerCase()} ${targetId.slice('iso27001:2022:'.length)} only.` : 'Showing the evidence of one item only.'}</p> : null}
            {hasFilters ? (
              <Button variant="secondary" onClick={() => list.setFilters({ q: null, kind: null, validity: null, targetKind: null, targetId: null })}>
                Clear filters
              </Button>
            ) : null}
          </div>
        }
        hasFilters={hasFilters}
        loadingLabel="Loading evidence…"
        empty={{ title: 'No evidence recorded yet', hint: canWrite ? 'Add the first item: a policy, a backup test record or a training register.' : 'Nothing has been recorded here yet.' }}
        emptyFiltered={{ title: 'No evidence matches these filters', hint: 'Clear the filters to see everything.' }}
      />
    </>
  );
}
