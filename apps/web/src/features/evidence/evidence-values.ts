import { evidenceValidityLabels, type EvidenceItem, type EvidenceValidity } from '@custodian/shared/contracts/evidence.ts';
import type { ConflictFields } from '../../lib/edit-conflict.ts';
import { formatDate } from '../../lib/format.ts';

/** What the evidence form holds: text as typed; no owner and no date are empty strings. */
export interface EvidenceValues {
  title: string;
  description: string;
  ownerUserId: string;
  validUntil: string;
  url: string;
  note: string;
}

export const evidenceFieldLabels = {
  kind: 'Kind of evidence',
  title: 'Title',
  description: 'Description',
  ownerUserId: 'Owner',
  validUntil: 'Valid until',
  url: 'Web address',
  note: 'Note',
  file: 'File',
  targetKind: 'Evidence of',
  targetId: 'Item',
};

export const emptyEvidenceValues: EvidenceValues = { title: '', description: '', ownerUserId: '', validUntil: '', url: '', note: '' };

export function evidenceValues(item: EvidenceItem): EvidenceValues {
  return { title: item.title, description: item.description, ownerUserId: item.ownerUserId ?? '', validUntil: item.validUntil ?? '', url: item.url ?? '', note: item.note ?? '' };
}

/** The changed fields as the update sends them (empty owner or date: none). */
export function evidencePatchOf(changes: Partial<EvidenceValues>): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(changes)) patch[key] = (key === 'ownerUserId' || key === 'validUntil') && value === '' ? null : value;
  return patch;
}

export function evidenceConflictFields(ownerNames: Map<string, string>): ConflictFields<EvidenceValues> {
  const text = (value: string) => value || '(empty)';
  return {
    title: { label: evidenceFieldLabels.title, format: text },
    description: { label: evidenceFieldLabels.description, format: text },
    ownerUserId: { label: evidenceFieldLabels.ownerUserId, format: (value) => (value ? (ownerNames.get(value) ?? 'A member') : 'No owner yet') },
    validUntil: { label: evidenceFieldLabels.validUntil, format: (value) => (value ? formatDate(value) : 'No end date') },
    url: { label: evidenceFieldLabels.url, format: text },
    note: { label: evidenceFieldLabels.note, format: text },
  };
}

export const validityTones: Record<EvidenceValidity, 'neutral' | 'warning' | 'success' | 'danger'> = { no_date: 'neutral', current: 'success', expiring: 'warning', expired: 'danger' };

/** "Expired (31/01/2026)" or "No end date". */
export function validityWords(item: Pick<EvidenceItem, 'validity' | 'validUntil'>): string {
  if (!item.validUntil) return evidenceValidityLabels.no_date;
  const date = formatDate(item.validUntil);
  return item.validity === 'expired' ? `Expired ${date}` : item.validity === 'expiring' ? `Expires ${date}` : `Valid until ${date}`;
}

/** "1.2 MB", "830 KB". */
export function sizeWords(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
