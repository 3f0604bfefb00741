import { certificationCycle, type CertificateStatus, type CertificationAuditKind } from '../contracts/certification.ts';

/**
 * The dates of a certification cycle, from the certificate's own (ADR 0032). Pure calendar arithmetic
 * on yyyy-mm-dd days: a month added to 31 January is the last day of February.
 */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastOfMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastOfMonth));
  return target.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** The expiry a certificate takes when none is given: the day before the third anniversary of its issue. */
export function defaultExpiry(issuedOn: string): string {
  return addDays(addMonths(issuedOn, certificationCycle.years * 12), -1);
}

export interface CycleDates {
  issuedOn: string | null;
  expiresOn: string | null;
  /** The Stage 2 audit: held, else planned (the certification decision follows it). */
  stage2On: string | null;
}

/**
 * The latest day each audit should happen, or null when the certificate does not say yet. Surveillance
 * counts from the certification decision (the issue date, else the Stage 2 audit); recertification is
 * due three months before expiry. Stage 1 and Stage 2 have no default: the organisation plans them.
 */
export function dueByOf(kind: CertificationAuditKind, dates: CycleDates): string | null {
  const decision = dates.issuedOn ?? dates.stage2On;
  const [first, second] = certificationCycle.surveillanceMonths;
  if (kind === 'surveillance1') return decision ? addMonths(decision, first) : null;
  if (kind === 'surveillance2') return decision ? addMonths(decision, second) : null;
  if (kind === 'recertification') {
    const expiry = dates.expiresOn ?? (dates.issuedOn ? defaultExpiry(dates.issuedOn) : null);
    return expiry ? addMonths(expiry, -certificationCycle.recertificationMonthsBeforeExpiry) : null;
  }
  return null;
}

/** Where a certificate stands on a day: a later one replaced it, not yet issued, certified, or expired. */
export function certificateStatusOf(cert: { isCurrent: boolean; issuedOn: string | null; expiresOn: string | null }, today: string): CertificateStatus {
  if (!cert.isCurrent) return 'superseded';
  if (!cert.issuedOn) return 'working_towards';
  if (cert.expiresOn && cert.expiresOn < today) return 'expired';
  return 'certified';
}
