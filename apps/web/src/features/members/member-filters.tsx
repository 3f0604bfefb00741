import { roleLabels, roles } from '@custodian/shared/permissions.ts';
import { Button } from '../../components/button.tsx';
import { SelectField } from '../../components/field.tsx';
import { SearchField } from '../../components/search-field.tsx';

interface MemberFiltersProps {
  role: string;
  q: string;
  /** Writes filter changes to the address (and goes back to the first page). */
  onChange: (changes: Record<string, string | null>) => void;
}

const roleOptions = [{ value: '', label: 'Any role' }, ...roles.map((value) => ({ value, label: roleLabels[value] }))];

/** Search members by name or e-mail, and show one role only. */
export function MemberFilters({ role, q, onChange }: MemberFiltersProps) {
  return (
    <div className="filters filter-row">
      <SearchField label="Search by name or e-mail" value={q} onSearch={(text) => onChange({ q: text })} />
      <SelectField label="Filter by role" value={role} options={roleOptions} onChange={(event) => onChange({ role: event.target.value })} />
      {role || q ? (
        <Button variant="secondary" onClick={() => onChange({ role: null, q: null })}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
