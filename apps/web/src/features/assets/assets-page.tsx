import type { Asset } from '@custodian/shared/contracts/assets.ts';
import { assetKindLabels, assetKinds } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { SelectField } from '../../components/field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SearchField } from '../../components/search-field.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { Link } from '../../router.tsx';
import { useAssets, useClassificationScheme } from './assets-api.ts';
import { useOwnerOptions } from './asset-form.tsx';

const sorts = ['name', 'ref', 'updatedAt'] as const;
const filterKeys = ['q', 'kind', 'classification', 'ownerId'] as const;

/** "C 4 · I 4 · A 3", spelled out for screen readers. */
function CiaCell({ asset }: { asset: Asset }) {
  return (
    <span aria-label={`Confidentiality ${asset.confidentiality}, integrity ${asset.integrity}, availability ${asset.availability}`}>
      C {asset.confidentiality} · I {asset.integrity} · A {asset.availability}
    </span>
  );
}

/** The asset register: every asset of the practice, filtered and sorted on the server, a page at a time. */
export function AssetsPage() {
  const session = useSignedInSession();
  const canWrite = useCan('assets.write');
  const canManageScheme = useCan('assets.scheme');
  const list = useListAddress({ sorts, defaultSort: 'name', defaultOrder: 'asc' });
  const params = list.searchParams;
  const filters = Object.fromEntries(filterKeys.map((key) => [key, params.get(key) || undefined])) as Partial<Record<(typeof filterKeys)[number], string>>;
  const assets = useAssets({ ...filters, kind: filters.kind as Asset['kind'] | undefined, sort: list.sort, order: list.order, cursor: list.cursor });
  const scheme = useClassificationScheme();
  const owners = useOwnerOptions(undefined);
  const timeZone = session.organisation?.timeZone;
  const hasFilters = filterKeys.some((key) => params.get(key));

  const columns: Array<DataColumn<Asset, (typeof sorts)[number]>> = [
    { key: 'ref', header: 'Reference', sortField: 'ref', className: 'nowrap', cell: (asset) => asset.ref },
    {
      key: 'name',
      header: 'Name',
      sortField: 'name',
      isRowHeader: true,
      cell: (asset) => <Link to={`/assets/${asset.id}`}>{asset.name}</Link>,
    },
    { key: 'kind', header: 'Kind', cell: (asset) => assetKindLabels[asset.kind] },
    { key: 'owner', header: 'Owner', cell: (asset) => asset.ownerName ?? 'No owner yet' },
    { key: 'classification', header: 'Classification', cell: (asset) => asset.classificationLabel },
    { key: 'cia', header: 'C · I · A', className: 'nowrap', cell: (asset) => <CiaCell asset={asset} /> },
    { key: 'updatedAt', header: 'Last changed', sortField: 'updatedAt', className: 'nowrap', cell: (asset) => formatDateTime(asset.updatedAt, timeZone) },
  ];

  const kindOptions = [{ value: '', label: 'Every kind' }, ...assetKinds.map((kind) => ({ value: kind, label: assetKindLabels[kind] }))];
  const levelOptions = [{ value: '', label: 'Every classification' }, ...(scheme.data?.levels ?? []).map((level) => ({ value: level.key, label: level.label }))];
  const ownerOptions = [{ value: '', label: 'Any owner' }, ...owners.options.filter((option) => option.value)];

  return (
    <>
      <PageHeader
        title="Assets"
        intro={<p>The information, systems, devices, people roles, services, suppliers and sites of {session.organisation?.name}, who owns each, and how much harm its loss would do.</p>}
        actions={
          <>
            <Link to="/register?kind=assets" className="button button-secondary">
              Import or export
            </Link>
            {canManageScheme ? (
              <Link to="/assets/classification" className="button button-secondary">
                Classification scheme
              </Link>
            ) : null}
            {canWrite ? (
              <Link to="/assets/new" className="button button-primary">
                Add an asset
              </Link>
            ) : null}
          </>
        }
      />
      <DataTable
        caption="Asset register"
        noun={{ one: 'asset', other: 'assets' }}
        columns={columns}
        rowKey={(asset) => asset.id}
        list={assets}
        address={list}
        filters={
          <div className="filters filter-row">
            <SearchField label="Search by name or reference" value={params.get('q') ?? ''} onSearch={(text) => list.setFilters({ q: text || null })} />
            <SelectField label="Kind" value={params.get('kind') ?? ''} options={kindOptions} onChange={(e) => list.setFilters({ kind: e.target.value || null })} />
            <SelectField label="Classification" value={params.get('classification') ?? ''} options={levelOptions} onChange={(e) => list.setFilters({ classification: e.target.value || null })} />
            <SelectField label="Owner" value={params.get('ownerId') ?? ''} options={ownerOptions} onChange={(e) => list.setFilters({ ownerId: e.target.value || null })} />
            {hasFilters ? (
              <Button variant="secondary" onClick={() => list.setFilters({ q: null, kind: null, classification: null, ownerId: null })}>
                Clear filters
              </Button>
            ) : null}
          </div>
        }
        hasFilters={hasFilters}
        loadingLabel="Loading the asset register…"
        empty={{ title: 'No assets recorded yet', hint: canWrite ? 'Add the first one: start with your practice management system and the computers that run it.' : 'Nothing has been recorded here yet.' }}
        emptyFiltered={{ title: 'No assets match these filters', hint: 'Clear the filters to see the whole register.' }}
      />
    </>
  );
}
