import { gapStatuses, gapStatusLabels } from '@custodian/shared/contracts/gap.ts';
import { Button } from '../../components/button.tsx';
import { CheckboxField, SelectField } from '../../components/field.tsx';
import { SearchField } from '../../components/search-field.tsx';

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

const stageOptions = [
  { value: '', label: 'All stages' },
  { value: '1', label: 'Stage 1 (documentation review)' },
  { value: '2', label: 'Stage 2 (certification audit)' },
];

const statusOptions = [{ value: '', label: 'Any status' }, ...gapStatuses.map((status) => ({ value: status, label: gapStatusLabels[status] }))];

/** True when the address narrows the gap list beyond the chosen kind (status, theme, clause, stage, overdue, search). */
export function hasGapFilters(params: URLSearchParams): boolean {
  return ['status', 'theme', 'clause', 'stage', 'isOverdue', 'q'].some((key) => params.get(key));
}

interface GapFiltersProps {
  params: URLSearchParams;
  /** Writes filter changes to the address (and goes back to the first page). */
  onChange: (changes: Record<string, string | null>) => void;
}

/** The filters of the gap analysis list; every change is written to the address so links and Back work. */
export function GapFilters({ params, onChange }: GapFiltersProps) {
  const kind = params.get('kind') ?? '';
  const hasFilters = hasGapFilters(params);

  return (
    <div className="filters">
      <div className="segmented" role="group" aria-label="Show">
        {kindTabs.map((tab) => (
          <button
            key={tab.value}
            type="button"
            className="segmented-button"
            aria-pressed={kind === tab.value}
            onClick={() => onChange({ kind: tab.value, theme: null, clause: null, ...(tab.value === 'control' ? { stage: null } : {}) })}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div className="filter-row">
        <SearchField label="Search by reference or title" value={params.get('q') ?? ''} onSearch={(q) => onChange({ q })} />
        <SelectField label="Filter by status" value={params.get('status') ?? ''} options={statusOptions} onChange={(event) => onChange({ status: event.target.value })} />
        {kind === '' || kind === 'control' ? (
          <SelectField label="Annex A theme" value={params.get('theme') ?? ''} options={themeOptions} onChange={(event) => onChange({ theme: event.target.value })} />
        ) : null}
        {kind === 'clause' ? (
          <SelectField label="Clause" value={params.get('clause') ?? ''} options={clauseOptions} onChange={(event) => onChange({ clause: event.target.value })} />
        ) : null}
        {kind !== 'control' ? (
          <SelectField label="Audit stage" value={params.get('stage') ?? ''} options={stageOptions} onChange={(event) => onChange({ stage: event.target.value })} />
        ) : null}
        <CheckboxField
          label="Only overdue items"
          checked={params.get('isOverdue') === 'true'}
          onChange={(event) => onChange({ isOverdue: event.target.checked ? 'true' : null })}
        />
        {hasFilters ? (
          <Button
            variant="secondary"
            onClick={() => onChange({ status: null, theme: null, clause: null, stage: null, isOverdue: null, q: null })}
          >
            Clear filters
          </Button>
        ) : null}
      </div>
    </div>
  );
}
