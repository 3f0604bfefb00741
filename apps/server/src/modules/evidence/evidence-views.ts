import { evidenceExpiringDays, evidenceKindLabels, type EvidenceItem, type EvidenceKind, type EvidenceValidity } from '@custodian/shared/contracts/evidence.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { formatAuDate, nextDay, todayIn } from '../../lib/dates.ts';
import type { EvidenceRow, ValidityDays } from './evidence.repo.ts';

/** The calendar day `days` after an ISO date. */
export function addDays(isoDate: string, days: number): string {
  let date = isoDate;
  for (let i = 0; i < days; i += 1) date = nextDay(date);
  return date;
}

/** The organisation's today (its own time zone) and the last day that counts as "expiring". */
export function validityDays(timeZone: string, now: Date): ValidityDays {
  const today = todayIn(timeZone, now);
  return { today, expiringBy: addDays(today, evidenceExpiringDays) };
}

export function validityOf(validUntil: string | null, days: ValidityDays): EvidenceValidity {
  if (validUntil === null) return 'no_date';
  if (validUntil < days.today) return 'expired';
  if (validUntil <= days.expiringBy) return 'expiring';
  return 'current';
}

export function toEvidenceItem(row: EvidenceRow, days: ValidityDays): EvidenceItem {
  return {
    id: row.id,
    kind: row.kind as EvidenceKind,
    title: row.title,
    description: row.description,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_user_id === null ? null : (row.owner_name ?? 'A former member'),
    validUntil: row.valid_until,
    validity: validityOf(row.valid_until, days),
    url: row.url,
    note: row.note_text,
    file:
      row.file_sha256 && row.file_name && row.file_type
        ? { name: row.file_name, contentType: row.file_type, size: row.file_size ?? 0, sha256: row.file_sha256 }
        : null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

/** The item as its audit events record it: what a person can read, the file by name and fingerprint. */
export function evidenceSnapshot(row: EvidenceRow): Record<string, unknown> {
  return {
    title: row.title,
    kind: evidenceKindLabels[row.kind as EvidenceKind],
    description: row.description,
    ownerUserId: row.owner_user_id,
    validUntil: row.valid_until,
    ...(row.kind === 'link' ? { url: row.url } : {}),
    ...(row.kind === 'note' ? { note: row.note_text } : {}),
    ...(row.kind === 'file' ? { fileName: row.file_name, fileSha256: row.file_sha256 } : {}),
  };
}

/** Today's figures for a context (the organisation's time zone). */
export function daysFor(ctx: OrgCtx): ValidityDays {
  return validityDays(ctx.org.timeZone, ctx.now);
}

/** "31/01/2027" or "no end date". */
export function validUntilWords(validUntil: string | null): string {
  return validUntil ? formatAuDate(validUntil) : 'no end date';
}
