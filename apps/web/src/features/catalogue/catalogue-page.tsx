import { useEffect, useId, useMemo, useRef } from 'react';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { DataTablePager } from '../../components/data-table-pager.tsx';
import { SelectField } from '../../components/field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { SearchField } from '../../components/search-field.tsx';
import { listSummary } from '../../lib/list-summary.ts';
import { pageLocally } from '../../lib/local-list.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { Link } from '../../router.tsx';
import { kindLabels, useCatalogue } from './catalogue-api.ts';
import { CatalogueDetail } from './catalogue-detail.tsx';
import { attributeLabels, attributeOptions, attributeText, filterCatalogue } from './catalogue-filter.ts';

const pageSize = 50;
const catalogueSorts = ['ref'] as const;
const kindOptions = [
  { value: '', label: 'Everything' },
  { value: 'clause', label: 'Clauses 4–10' },
  { value: 'control', label: 'Annex A controls' },
  { value: 'document', label: 'Mandatory documents' },
];

/** Browse and search the ISO/IEC 27001:2022 clauses, Annex A controls and mandatory documents. */
export function CataloguePage() {
  const list = useListAddress({ sorts: catalogueSorts, defaultSort: 'ref', defaultOrder: 'asc' });
  const { searchParams, setFilters } = list;
  const catalogue = useCatalogue();
  const resultsHeadingRef = useRef<HTMLHeadingElement>(null);
  const summaryId = useId();
  const isFocusDue = useRef(false);
  const kind = searchParams.get('kind') ?? '';
  const theme = searchParams.get('theme') ?? '';
  const attribute = searchParams.get('attribute') ?? '';
  const selectedId = searchParams.get('item') ?? '';

  useEffect(() => {
    if (!isFocusDue.current) return;
    isFocusDue.current = false;
    resultsHeadingRef.current?.focus();
  }, [list.cursor]);

  const items = catalogue.data?.items;
  const filtered = useMemo(() => filterCatalogue(items ?? [], { q: searchParams.get('q') ?? '', kind, theme, attribute }), [items, searchParams, kind, theme, attribute]);
  const attributeGroups = useMemo(() => attributeOptions(items ?? []), [items]);

  const header = (
    <PageHeader
      title="Catalogue"
      intro={<p>Every ISO/IEC 27001:2022 requirement, with what it means for a healthcare practice and what an auditor will ask to see.</p>}
    />
  );
  if (catalogue.isPending) return <>{header}<Loading label="Loading the catalogue…" /></>;
  if (catalogue.isError) return <>{header}<LoadError error={catalogue.error} onRetry={() => void catalogue.refetch()} /></>;

  const data = catalogue.data;
  const selected = data.items.find((item) => item.id === selectedId);
  const visible = pageLocally(filtered, list.cursor, pageSize);
  const linkFor = (id: string) => {
    const next = new URLSearchParams(searchParams);
    next.set('item', id);
    return `/catalogue?${next.toString()}`;
  };

  return (
    <>
      {header}
      <div className="filters">
        <div className="filter-row">
          <SearchField label="Search the catalogue" value={searchParams.get('q') ?? ''} onSearch={(q) => setFilters({ q })} delayMs={250} hint="For example: backup, access, supplier, A.8.13" />
          <SelectField label="Kind" value={kind} options={kindOptions} onChange={(event) => setFilters({ kind: event.target.value })} />
          <SelectField
            label="Theme"
            value={theme}
            options={[{ value: '', label: 'All themes' }, ...data.themes.map((entry) => ({ value: entry.id, label: `${entry.ref} ${entry.title}` }))]}
            onChange={(event) => setFilters({ theme: event.target.value })}
          />
          <div className="field">
            <label htmlFor="catalogue-attribute" className="field-label">
              Control attribute
            </label>
            <select id="catalogue-attribute" className="input select" value={attribute} onChange={(event) => setFilters({ attribute: event.target.value })}>
              <option value="">Any attribute</option>
              {attributeGroups.map((group) => (
                <optgroup key={group.key} label={attributeLabels[group.key]}>
                  {group.values.map((value) => (
                    <option key={value} value={`${group.key}:${value}`}>
                      {attributeText(value)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        </div>
        <p role="status" className="result-count">
          {filtered.length} of {data.items.length} items shown
        </p>
      </div>
      <div className="split split-catalogue">
        <section aria-labelledby="catalogue-results-heading">
          <h2 id="catalogue-results-heading" className="results-heading" ref={resultsHeadingRef} tabIndex={-1} aria-describedby={summaryId}>
            Results
          </h2>
          {filtered.length === 0 ? (
            <EmptyState
              title="Nothing matches"
              action={
                <Button
                  variant="secondary"
                  onClick={() => setFilters({ q: null, kind: null, theme: null, attribute: null })}
                >
                  Clear search and filters
                </Button>
              }
            >
              <p>Try a shorter word, or clear the filters to see all {data.items.length} items.</p>
            </EmptyState>
          ) : (
            <>
              <ul className="catalogue-list">
                {visible.items.map((item) => (
                  <li key={item.id}>
                    <Link to={linkFor(item.id)} className="catalogue-link" aria-current={item.id === selectedId ? 'true' : undefined}>
                      <span className="catalogue-ref">{item.ref}</span> <span>{item.title}</span>
                      <span className="catalogue-kind">{kindLabels[item.kind]}</span>
                    </Link>
                  </li>
                ))}
              </ul>
              <DataTablePager
                page={visible.page}
                summary={listSummary(visible, { one: 'item', other: 'items' })}
                summaryId={summaryId}
                label="Pages of catalogue items"
                isBusy={false}
                onPageChange={(cursor) => {
                  isFocusDue.current = true;
                  list.onPageChange(cursor);
                }}
              />
            </>
          )}
        </section>
        {selected ? (
          <CatalogueDetail item={selected} themes={data.themes} />
        ) : (
          <div className="panel catalogue-placeholder">
            <p>Choose an item from the list to read what it means in a clinic and what an auditor asks to see.</p>
          </div>
        )}
      </div>
    </>
  );
}
