import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { changedFields, conflictCurrent, conflictRows, isEditConflict, type ConflictFields } from './edit-conflict.ts';

interface Values {
  status: string;
  notes: string;
  targetDate: string;
}

const fields: ConflictFields<Values> = {
  status: { label: 'Status', format: (value) => value.toUpperCase() },
  notes: { label: 'Notes', format: (value) => value || 'No notes' },
  targetDate: { label: 'Target date', format: (value) => value || 'Not set' },
};

const original: Values = { status: 'open', notes: '', targetDate: '' };

describe('changedFields', () => {
  it('keeps only the fields that differ', () => {
    expect(changedFields(original, { ...original, targetDate: '2026-03-31' })).toEqual({ targetDate: '2026-03-31' });
    expect(changedFields(original, { ...original })).toEqual({});
  });
});

describe('conflictRows', () => {
  it('shows their change beside "not changed by you", and both sides where the person changed a field', () => {
    const rows = conflictRows(fields, { original, mine: { ...original, targetDate: '31/03' }, current: { ...original, notes: 'Backups tested' } });
    expect(rows).toEqual([
      { key: 'notes', label: 'Notes', theirs: 'Backups tested', yours: null },
      { key: 'targetDate', label: 'Target date', theirs: 'Not set', yours: '31/03' },
    ]);
  });

  it('leaves out a field both people changed to the same value', () => {
    const rows = conflictRows(fields, { original, mine: { ...original, status: 'done' }, current: { ...original, status: 'done' } });
    expect(rows).toEqual([]);
  });

  it('shows a field both changed differently with the formatted values', () => {
    const rows = conflictRows(fields, { original, mine: { ...original, status: 'done' }, current: { ...original, status: 'partial' } });
    expect(rows).toEqual([{ key: 'status', label: 'Status', theirs: 'PARTIAL', yours: 'DONE' }]);
  });
});

describe('conflictCurrent', () => {
  const schema = z.object({ version: z.number().int(), name: z.string() });

  it('reads the current record of an edit conflict with the contract schema', () => {
    const error = new ApiError(409, 'edit_conflict', 'Someone else saved it.', [], { current: { version: 4, name: 'Harbourside' } });
    expect(isEditConflict(error)).toBe(true);
    expect(conflictCurrent(error, schema)).toEqual({ version: 4, name: 'Harbourside' });
  });

  it('is null for other errors and for details that do not match', () => {
    expect(conflictCurrent(new ApiError(400, 'validation_failed', 'Check the fields.'), schema)).toBeNull();
    expect(conflictCurrent(new ApiError(409, 'edit_conflict', 'x', [], { current: { version: 'four' } }), schema)).toBeNull();
    expect(conflictCurrent(new Error('boom'), schema)).toBeNull();
  });
});
