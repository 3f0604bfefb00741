import { useEffect, useMemo, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Link, setSearchParams, useLocation } from '../../router.tsx';
import { kindLabels, useCatalogue } from './catalogue-api.ts';
import { CatalogueDetail } from './catalogue-detail.tsx';
import { attributeLabels, attributeOptions, attributeText, filterCatalogue } from './catalogue-filter.ts';

const pageSize = 50;
const kindOptions = [
  { value: '', label: 'Everything' },
  { value: 'clause', label: 'Clauses 4–10' },
  { value: 'control', label: 'Annex A controls' },
  { value: 'document', label: 'Mandatory documents' },
];

/** Browse and search the ISO/IEC 27001:2022 clauses, Annex A controls and mandatory documents. */
export function CataloguePage() {
  const { searchParams } = useLocation();
  const catalogue = useCatalogue();
  const [query, setQuery] = useState(searchParams.get('q') ?? '');
  const kind = searchParams.get('kind') ?? '';
  const theme = searchParams.get('theme') ?? '';
  const attribute = searchParams.get('attribute') ?? '';
  const selectedId = searchParams.get('item') ?? '';
  const page = Math.max(1, Number(searchParams.get('page')) || 1);

  useEffect(() => {
    const current = searchParams.get('q') ?? '';
    if (query.trim() === current) return;
    const timer = window.setTimeout(() => setSearchParams({ q: query.trim(), page: null }), 250);
    return () => window.clearTimeout(timer);
  }, [query, searchParams]);

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
  const visible = filtered.slice((page - 1) * pageSize, page * pageSize);
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
          <TextField label="Search the catalogue" type="search" value={query} onChange={(event) => setQuery(event.target.value)} hint="For example: backup, access, supplier, A.8.13" />
          <SelectField label="Kind" value={kind} options={kindOptions} onChange={(event) => setSearchParams({ kind: event.target.value, page: null })} />
          <SelectField
            label="Theme"
            value={theme}
            options={[{ value: '', label: 'All themes' }, ...data.themes.map((entry) => ({ value: entry.id, label: `${entry.ref} ${entry.title}` }))]}
            onChange={(event) => setSearchParams({ theme: event.target.value, page: null })}
          />
          <div className="field">
            <label htmlFor="catalogue-attribute" className="field-label">
              Control attribute
            </label>
            <select id="catalogue-attribute" className="input select" value={attribute} onChange={(event) => setSearchParams({ attribute: event.target.value, page: null })}>
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
          <h2 id="catalogue-results-heading" className="sr-only">
            Results
          </h2>
          {filtered.length === 0 ? (
            <EmptyState
              title="Nothing matches"
              action={
                <Button
                  variant="secondary"
                  onClick={() => {
                    setQuery('');
                    setSearchParams({ q: null, kind: null, theme: null, attribute: null, page: null });
                  }}
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
                {visible.map((item) => (
                  <li key={item.id}>
                    <Link to={linkFor(item.id)} className="catalogue-link" aria-current={item.id === selectedId ? 'true' : undefined}>
                      <span className="catalogue-ref">{item.ref}</span> <span>{item.title}</span>
                      <span className="catalogue-kind">{kindLabels[item.kind]}</span>
                    </Link>
                  </li>
                ))}
              </ul>
              <Pagination page={page} pageSize={pageSize} total={filtered.length} onPageChange={(next) => setSearchParams({ page: String(next) })} />
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
