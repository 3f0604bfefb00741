import { gapStatusLabels, type GapItem, type GapStatus, type UpdateGapBody } from '@custodian/shared/contracts/gap.ts';
import { statusesFor } from '@custodian/shared/domain/gap-status.ts';
import type { ConflictFields } from '../../lib/edit-conflict.ts';
import { formatDate } from '../../lib/format.ts';

/** What the gap item form edits, as the form holds it ('' for no owner or no target date). */
export interface GapItemValues {
  status: GapStatus;
  ownerUserId: string;
  targetDate: string;
  notes: string;
  justification: string;
}

export const gapFieldLabels: Record<keyof GapItemValues, string> = {
  status: 'Status',
  ownerUserId: 'Owner',
  targetDate: 'Target date',
  notes: 'Notes',
  justification: 'Justification',
};

/** The form values of a saved (or never saved) gap item. */
export function gapItemValues(item: GapItem): GapItemValues {
  return {
    status: item.status,
    ownerUserId: item.ownerUserId ?? '',
    targetDate: item.targetDate ?? '',
    notes: item.notes,
    justification: item.justification,
  };
}

/** The PATCH body: the version the person edited and only the fields they changed. */
export function gapUpdateBody(version: number, changes: Partial<GapItemValues>): UpdateGapBody {
  const body: UpdateGapBody = { version };
  if (changes.status !== undefined) body.status = changes.status;
  if (changes.ownerUserId !== undefined) body.ownerUserId = changes.ownerUserId || null;
  if (changes.targetDate !== undefined) body.targetDate = changes.targetDate || null;
  if (changes.notes !== undefined) body.notes = changes.notes;
  if (changes.justification !== undefined) body.justification = changes.justification;
  return body;
}

/** How the conflict notice names and shows each field: labels, dd/mm/yyyy, owner names. */
export function gapConflictFields(ownerNames: ReadonlyMap<string, string>): ConflictFields<GapItemValues> {
  return {
    status: { label: gapFieldLabels.status, format: (value) => gapStatusLabels[value] },
    ownerUserId: { label: gapFieldLabels.ownerUserId, format: (value) => (value ? (ownerNames.get(value) ?? 'Another member') : 'No owner') },
    targetDate: { label: gapFieldLabels.targetDate, format: (value) => (value ? formatDate(value) : 'Not set') },
    notes: { label: gapFieldLabels.notes, format: (value) => value || 'No notes' },
    justification: { label: gapFieldLabels.justification, format: (value) => value || 'No justification' },
  };
}

/**
 * The status choices for an item: only what the server accepts for its kind (clauses and documents
 * cannot be not applicable), plus the status it has now so the select never silently shows another.
 */
export function gapStatusOptions(item: Pick<GapItem, 'kind' | 'status'>): Array<{ value: GapStatus; label: string }> {
  const allowed = statusesFor(item.kind);
  const statuses = allowed.includes(item.status) ? allowed : [...allowed, item.status];
  return statuses.map((value) => ({ value, label: gapStatusLabels[value] }));
}
