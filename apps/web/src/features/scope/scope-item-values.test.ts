import { describe, expect, it } from 'vitest';
import type { ScopeItem } from '@custodian/shared/contracts/scope.ts';
import { changedFields, conflictRows } from '../../lib/edit-conflict.ts';
import { scopeConflictFields, scopeFieldsOf, scopeItemValues, scopeUpdateBody } from './scope-item-values.ts';

const item: ScopeItem = {
  id: '00000000-0000-4000-8000-000000000001',
  section: 'exclusion',
  name: 'Software development',
  description: '',
  requirements: '',
  justification: 'We write none.',
  suggestionKey: null,
  createdByUserId: null,
  createdAt: '2026-12-03T00:00:00.000Z',
  updatedAt: '2026-12-03T00:00:00.000Z',
  updatedByName: 'Dr Jane Lee',
  version: 4,
};

describe('the scope entry form', () => {
  it('shows the fields of the part: requirements for a party, a reason for an exclusion', () => {
    expect(scopeFieldsOf('interested_party')).toEqual(['name', 'description', 'requirements']);
    expect(scopeFieldsOf('exclusion')).toEqual(['name', 'description', 'justification']);
    expect(scopeFieldsOf('site')).toEqual(['name', 'description']);
  });

  it('sends only the changed fields with the version read', () => {
    const changes = changedFields(scopeItemValues(item), { ...scopeItemValues(item), description: 'No in-house developers' });
    expect(scopeUpdateBody(item.version, changes)).toEqual({ version: 4, description: 'No in-house developers' });
  });

  it('compares a conflict in words, naming the field as the form does', () => {
    const original = scopeItemValues(item);
    const rows = conflictRows(scopeConflictFields('exclusion'), {
      original,
      mine: { ...original, justification: 'Mine' },
      current: { ...original, justification: '' },
    });
    expect(rows).toEqual([{ key: 'justification', label: 'Why it is excluded', theirs: 'Nothing written', yours: 'Mine' }]);
  });
});
