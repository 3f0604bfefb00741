import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { australianStates, providerKindLabels, providerKinds, providerServiceLabels, providerServices } from '@custodian/shared/contracts/provider-fields.ts';
import { providersApi, type DirectoryEntry } from '@custodian/shared/contracts/providers.ts';
import { call } from '../../api/client.ts';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { SelectField } from '../../components/field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { Link } from '../../router.tsx';
import { dayRateWords, kindWord, regionWords, serviceWords } from './provider-words.ts';

const columns: Array<DataColumn<DirectoryEntry>> = [
  {
    key: 'name',
    header: 'Provider',
    isRowHeader: true,
    cell: (p) => (
      <>
        <Link to={`/providers/${p.slug}`}>{p.displayName}</Link>
        {p.badgeCount > 0 ? (
          <>
            {' '}
            <Tag tone="success">{p.badgeCount === 1 ? 'Verified' : `${p.badgeCount} claims verified`}</Tag>
          </>
        ) : null}
        <p className="field-hint">{p.summary}</p>
      </>
    ),
  },
  { key: 'kind', header: 'Kind', cell: (p) => kindWord(p.kind) },
  { key: 'services', header: 'Services', cell: (p) => serviceWords(p.services) },
  { key: 'regions', header: 'Serves', cell: (p) => regionWords(p.states, p.isRemote) },
  { key: 'experience', header: 'Healthcare engagements', className: 'nowrap', cell: (p) => String(p.healthcareEngagements) },
  { key: 'rate', header: 'Indicative day rate', className: 'nowrap', cell: (p) => dayRateWords(p.dayRateMinCents, p.dayRateMaxCents) },
];

const anyOption = { value: '', label: 'Any' };

/** The public directory: anyone, signed in or not, finds consultants and certification bodies. */
export function DirectoryPage() {
  const [filters, setFilters] = useState({ kind: '', state: '', service: '', remote: '' });
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const query = {
    ...(filters.kind ? { kind: filters.kind as DirectoryEntry['kind'] } : {}),
    ...(filters.state ? { state: filters.state as DirectoryEntry['states'][number] } : {}),
    ...(filters.service ? { service: filters.service as DirectoryEntry['services'][number] } : {}),
    ...(filters.remote ? { remote: filters.remote as 'true' | 'false' } : {}),
    cursor,
    limit: 25,
  };
  const list = useQuery({ queryKey: ['directory', query], queryFn: () => call(providersApi.directory, { query }), placeholderData: keepPreviousData });
  const setFilter = (key: keyof typeof filters, value: string) => {
    setCursor(undefined);
    setFilters((current) => ({ ...current, [key]: value }));
  };
  return (
    <div className="directory-page">
      <PageHeader
        title="Find a consultant or certification body"
        intro={
          <p>
            Providers who help Australian healthcare organisations with ISO/IEC 27001. A “Verified” tag means Custodian checked the claim (for a certification body, its
            accreditation with JAS-ANZ or another IAF member) and the claim has not changed since. Commissions a certification body pays or receives are shown on its page.
          </p>
        }
      />
      <form className="panel filters" aria-label="Filter providers" onSubmit={(event) => event.preventDefault()}>
        <SelectField label="Kind" value={filters.kind} onChange={(e) => setFilter('kind', e.target.value)} options={[anyOption, ...providerKinds.map((k) => ({ value: k, label: providerKindLabels[k] }))]} />
        <SelectField label="State or territory served" value={filters.state} onChange={(e) => setFilter('state', e.target.value)} options={[anyOption, ...australianStates.map((s) => ({ value: s, label: s }))]} />
        <SelectField label="Service" value={filters.service} onChange={(e) => setFilter('service', e.target.value)} options={[anyOption, ...providerServices.map((s) => ({ value: s, label: providerServiceLabels[s] }))]} />
        <SelectField label="Remote delivery" value={filters.remote} onChange={(e) => setFilter('remote', e.target.value)} options={[anyOption, { value: 'true', label: 'Works remotely' }, { value: 'false', label: 'On site only' }]} />
      </form>
      <DataTable
        caption="Providers in the directory, by name"
        noun={{ one: 'provider', other: 'providers' }}
        columns={columns}
        rowKey={(p) => p.slug}
        list={list}
        onPageChange={(next) => setCursor(next ?? undefined)}
        hasCursor={cursor !== undefined}
        loadingLabel="Loading providers…"
        empty={{ title: 'No provider matches', hint: 'Choose “Any” in one of the filters to see more.' }}
      />
      <p>
        Are you a consultancy, certification body or trainer? <Link to="/provider/new">Join the marketplace as a provider</Link> (sign in first).
      </p>
    </div>
  );
}
