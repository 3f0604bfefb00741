import type { ScopeItem, ScopeSection, UpdateScopeItemBody } from '@custodian/shared/contracts/scope.ts';
import type { ConflictFields } from '../../lib/edit-conflict.ts';

/** What the entry form edits. */
export interface ScopeItemValues {
  name: string;
  description: string;
  requirements: string;
  justification: string;
}

export const emptyScopeItemValues: ScopeItemValues = { name: '', description: '', requirements: '', justification: '' };

/** The form's labels and hints for one part: an interested party has requirements, an exclusion a justification. */
export function scopeFieldLabels(section: ScopeSection): Record<keyof ScopeItemValues, string> {
  return {
    name: section === 'interested_party' ? 'Who' : section === 'exclusion' ? 'What is excluded' : 'Name',
    description: 'Description',
    requirements: 'Their requirements',
    justification: 'Why it is excluded',
  };
}

/** Which fields the form shows for a part. */
export function scopeFieldsOf(section: ScopeSection): Array<keyof ScopeItemValues> {
  if (section === 'interested_party') return ['name', 'description', 'requirements'];
  if (section === 'exclusion') return ['name', 'description', 'justification'];
  return ['name', 'description'];
}

export function scopeItemValues(item: ScopeItem): ScopeItemValues {
  return { name: item.name, description: item.description, requirements: item.requirements, justification: item.justification };
}

/** The PATCH body: the version the person edited and only the fields they changed. */
export function scopeUpdateBody(version: number, changes: Partial<ScopeItemValues>): UpdateScopeItemBody {
  return { version, ...changes };
}

/** How the conflict notice names and shows each field. */
export function scopeConflictFields(section: ScopeSection): ConflictFields<ScopeItemValues> {
  const labels = scopeFieldLabels(section);
  const shown = (value: string) => value || 'Nothing written';
  return {
    name: { label: labels.name, format: shown },
    description: { label: labels.description, format: shown },
    requirements: { label: labels.requirements, format: shown },
    justification: { label: labels.justification, format: shown },
  };
}
