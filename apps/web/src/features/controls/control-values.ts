import { controlReasonLabels, controlReasons, type ControlItem, type ControlReason, type UpdateControlBody } from '@custodian/shared/contracts/controls.ts';
import { gapStatusLabels, gapStatuses, type GapStatus } from '@custodian/shared/contracts/gap.ts';
import type { ConflictFields } from '../../lib/edit-conflict.ts';
import { formatDate } from '../../lib/format.ts';

/** What the control form edits, flat (reasons as a comma-separated list, '' for no owner or date), so changes compare by value. */
export interface ControlValues {
  status: GapStatus;
  reasons: string;
  justification: string;
  implementation: string;
  noEvidenceReason: string;
  ownerUserId: string;
  targetDate: string;
  notes: string;
  title: string;
  description: string;
}

export const controlFieldLabels: Record<keyof ControlValues, string> = {
  status: 'Status',
  reasons: 'Why it is included',
  justification: 'Why it is excluded',
  implementation: 'How it is implemented',
  noEvidenceReason: 'Why there is no evidence',
  ownerUserId: 'Owner',
  targetDate: 'Target date',
  notes: 'Notes',
  title: 'Title',
  description: 'Description',
};

export const reasonsOf = (value: string): ControlReason[] => controlReasons.filter((reason) => value.split(',').includes(reason));
export const reasonsText = (reasons: readonly ControlReason[]): string => controlReasons.filter((reason) => reasons.includes(reason)).join(',');

export function controlValues(item: ControlItem): ControlValues {
  return {
    status: item.status,
    reasons: reasonsText(item.reasons),
    justification: item.justification,
    implementation: item.implementation,
    noEvidenceReason: item.noEvidenceReason,
    ownerUserId: item.ownerUserId ?? '',
    targetDate: item.targetDate ?? '',
    notes: item.notes,
    title: item.title,
    description: item.description,
  };
}

/** The PATCH body: the version the person edited and only the fields they changed. */
export function controlUpdateBody(version: number, changes: Partial<ControlValues>): UpdateControlBody {
  const body: UpdateControlBody = { version };
  if (changes.status !== undefined) body.status = changes.status;
  if (changes.reasons !== undefined) body.reasons = reasonsOf(changes.reasons);
  if (changes.justification !== undefined) body.justification = changes.justification;
  if (changes.implementation !== undefined) body.implementation = changes.implementation;
  if (changes.noEvidenceReason !== undefined) body.noEvidenceReason = changes.noEvidenceReason;
  if (changes.ownerUserId !== undefined) body.ownerUserId = changes.ownerUserId || null;
  if (changes.targetDate !== undefined) body.targetDate = changes.targetDate || null;
  if (changes.notes !== undefined) body.notes = changes.notes;
  if (changes.title !== undefined) body.title = changes.title;
  if (changes.description !== undefined) body.description = changes.description;
  return body;
}

const orNone = (value: string, none: string) => value || none;

/** How the conflict notice names and shows each field. */
export function controlConflictFields(ownerNames: ReadonlyMap<string, string>): ConflictFields<ControlValues> {
  return {
    status: { label: controlFieldLabels.status, format: (value) => gapStatusLabels[value] },
    reasons: { label: controlFieldLabels.reasons, format: (value) => reasonsOf(value).map((reason) => controlReasonLabels[reason]).join('; ') || 'None given' },
    justification: { label: controlFieldLabels.justification, format: (value) => orNone(value, 'None') },
    implementation: { label: controlFieldLabels.implementation, format: (value) => orNone(value, 'Not described') },
    noEvidenceReason: { label: controlFieldLabels.noEvidenceReason, format: (value) => orNone(value, 'None') },
    ownerUserId: { label: controlFieldLabels.ownerUserId, format: (value) => (value ? (ownerNames.get(value) ?? 'Another member') : 'No owner') },
    targetDate: { label: controlFieldLabels.targetDate, format: (value) => (value ? formatDate(value) : 'Not set') },
    notes: { label: controlFieldLabels.notes, format: (value) => orNone(value, 'No notes') },
    title: { label: controlFieldLabels.title, format: (value) => value },
    description: { label: controlFieldLabels.description, format: (value) => orNone(value, 'None') },
  };
}

export const controlStatusOptions = gapStatuses.map((status) => ({ value: status, label: status === 'not_applicable' ? 'Not applicable (excluded)' : gapStatusLabels[status] }));
