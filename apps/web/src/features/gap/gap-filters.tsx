import { useEffect, useState } from 'react';
import { gapStatuses, gapStatusLabels } from '@custodian/shared/contracts/gap.ts';
import { Button } from '../../components/button.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/field.tsx';
import { setSearchParams } from '../../router.tsx';

export const kindTabs = [
  { value: '', label: 'All items' },
  { value: 'clause', label: 'Clauses 4–10' },
  { value: 'control', label: 'Annex A controls' },
  { value: 'document', label: 'Mandatory documents' },
] as const;

const themeOptions = [
  { value: '', label: 'All themes' },
  { value: 'organisational', label: 'Organisational (A.5)' },
  { value: 'people', label: 'People (A.6)' },
  { value: 'physical', label: 'Physical (A.7)' },
  { value: 'technological', label: 'Technological (A.8)' },
];

const clauseOptions = [{ value: '', label: 'All clauses' }, ...['4', '5', '6', '7', '8', '9', '10'].map((clause) => ({ value: clause, label: `Clause ${clause}` }))];

const statusOptions = [{ value: '', label: 'Any status' }, ...gapStatuses.map((status) => ({ value: status, label: gapStatusLabels[status] }))];

/** The filters of the gap analysis list; every change is written to the address so Back works. */
export function GapFilters({ params }: { params: URLSearchParams }) {
  const kind = params.get('kind') ?? '';
  const [query, setQuery] = useState(params.get('q') ?? '');
  const currentQuery = params.get('q') ?? '';

  useEffect(() => {
    if (query.trim() === currentQuery) return;
    const timer = window.setTimeout(() => setSearchParams({ q: query.trim(), page: null }), 350);
    return () => window.clearTimeout(timer);
  }, [query, currentQuery]);

  const hasFilters = ['status', 'theme', 'clause', 'isOverdue', 'q'].some((key) => params.get(key));

  return (
    <div className="filters">
      <div className="segmented" role="group" aria-label="Show">
        {kindTabs.map((tab) => (
          <button
            key={tab.value}
            type="button"
            className="segmented-button"
            aria-pressed={kind === tab.value}
            onClick={() => setSearchParams({ kind: tab.value, theme: null, clause: null, page: null })}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div className="filter-row">
        <TextField label="Search by reference or title" type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
        <SelectField label="Filter by status" value={params.get('status') ?? ''} options={statusOptions} onChange={(event) => setSearchParams({ status: event.target.value, page: null })} />
        {kind === '' || kind === 'control' ? (
          <SelectField label="Annex A theme" value={params.get('theme') ?? ''} options={themeOptions} onChange={(event) => setSearchParams({ theme: event.target.value, page: null })} />
        ) : null}
        {kind === 'clause' ? (
          <SelectField label="Clause" value={params.get('clause') ?? ''} options={clauseOptions} onChange={(event) => setSearchParams({ clause: event.target.value, page: null })} />
        ) : null}
        <CheckboxField
          label="Only overdue items"
          checked={params.get('isOverdue') === 'true'}
          onChange={(event) => setSearchParams({ isOverdue: event.target.checked ? 'true' : null, page: null })}
        />
        {hasFilters ? (
          <Button
            variant="secondary"
            onClick={() => {
              setQuery('');
              setSearchParams({ status: null, theme: null, clause: null, isOverdue: null, q: null, page: null });
            }}
          >
            Clear filters
          </Button>
        ) : null}
      </div>
    </div>
  );
}
