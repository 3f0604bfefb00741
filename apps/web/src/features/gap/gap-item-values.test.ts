import { describe, expect, it } from 'vitest';
import type { GapItem } from '@custodian/shared/contracts/gap.ts';
import { conflictRows } from '../../lib/edit-conflict.ts';
import { gapConflictFields, gapItemValues, gapStatusOptions, gapUpdateBody } from './gap-item-values.ts';

const item: GapItem = {
  itemId: 'iso27001:2022:A.5.1',
  kind: 'control',
  ref: 'A.5.1',
  title: 'Policies for information security',
  theme: 'organisational',
  clause: null,
  stage: 1,
  status: 'not_started',
  ownerUserId: null,
  ownerName: null,
  targetDate: null,
  notes: '',
  justification: '',
  updatedAt: null,
  isOverdue: false,
  version: 0,
};

describe('gapUpdateBody', () => {
  it('sends the version and only the changed fields, with empty owner and date as null', () => {
    expect(gapUpdateBody(3, { targetDate: '2026-03-31' })).toEqual({ version: 3, targetDate: '2026-03-31' });
    expect(gapUpdateBody(0, { ownerUserId: '', targetDate: '' })).toEqual({ version: 0, ownerUserId: null, targetDate: null });
    expect(gapUpdateBody(1, {})).toEqual({ version: 1 });
  });
});

describe('gap conflict rows', () => {
  it('show labels, status names, owner names and dd/mm/yyyy dates, never ids or codes', () => {
    const ownerId = '6f1c1f4e-3b7a-4a55-9d8e-6d3f9d6a2b10';
    const original = gapItemValues(item);
    const current = gapItemValues({ ...item, status: 'partial', ownerUserId: ownerId, ownerName: 'Dr Priya Nair', notes: 'Draft policy with the principal', version: 1 });
    const mine = { ...original, status: 'implemented' as const, targetDate: '2026-03-31' };
    const rows = conflictRows(gapConflictFields(new Map([[ownerId, 'Dr Priya Nair']])), { original, mine, current });
    expect(rows).toEqual([
      { key: 'status', label: 'Status', theirs: 'Partially implemented', yours: 'Implemented' },
      { key: 'ownerUserId', label: 'Owner', theirs: 'Dr Priya Nair', yours: null },
      { key: 'targetDate', label: 'Target date', theirs: 'Not set', yours: '31/03/2026' },
      { key: 'notes', label: 'Notes', theirs: 'Draft policy with the principal', yours: null },
    ]);
  });
});

describe('gapStatusOptions', () => {
  it('does not offer Not applicable for a clause or a mandatory document, as the server refuses it', () => {
    const values = (kind: GapItem['kind']) => gapStatusOptions({ kind, status: 'not_started' }).map((option) => option.value);
    expect(values('clause')).not.toContain('not_applicable');
    expect(values('document')).not.toContain('not_applicable');
    expect(values('control')).toContain('not_applicable');
    expect(gapStatusOptions({ kind: 'control', status: 'partial' }).at(-1)).toEqual({ value: 'not_applicable', label: 'Not applicable' });
  });
});
