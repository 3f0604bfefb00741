import type { ProviderBadge, VerificationState } from '@custodian/shared/contracts/provider-fields.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { formatAuDate } from '../../lib/dates.ts';

/**
 * What the platform operator verifies, and whether a badge still holds. A verification stores the
 * SHA-256 of the claim's canonical JSON at that moment; the badge shows only while the claim hashes
 * the same (an edit of any claimed field ends it), the verification is not withdrawn, and the day is
 * not past its lapse date (an accreditation's expiry).
 */

/** The profile fields a profile verification vouches for. */
export interface ProfileClaim {
  kind: string;
  displayName: string;
  services: readonly string[];
  standards: readonly string[];
  sectors: readonly string[];
  healthcareEngagements: number;
  healthcareSummary: string;
  teamSize: number;
  teamSummary: string;
}

/** The accreditation fields an accreditation verification vouches for (the certificate by its hash). */
export interface AccreditationClaim {
  accreditationBody: string;
  isIafMember: boolean;
  accreditationNumber: string;
  standards: readonly string[];
  scopeNote: string;
  expiresOn: string;
  certificateSha256: string | null;
}

/** The SHA-256 a verification stores for a claim. */
export function claimSha256(claim: ProfileClaim | AccreditationClaim): string {
  // Lists of words are a set: their order is not part of the claim.
  const sorted = Object.fromEntries(Object.entries(claim).map(([key, value]) => [key, Array.isArray(value) ? [...(value as string[])].sort() : value]));
  return sha256Hex(canonicalJson(sorted));
}

/** A stored verification, as the repo reads it. */
export interface VerificationRow {
  id: string;
  subject: string;
  subject_id: string | null;
  claim_sha256: string;
  verified_on: string;
  lapses_on: string | null;
  revoked_at: Date | string | null;
  created_at: Date | string;
}

/** The latest verification of one claim (by when it was made). */
export function latestFor(rows: readonly VerificationRow[], subject: 'profile' | 'accreditation', subjectId: string | null): VerificationRow | null {
  let latest: VerificationRow | null = null;
  for (const row of rows) {
    if (row.subject !== subject || row.subject_id !== subjectId) continue;
    if (!latest || new Date(row.created_at).getTime() > new Date(latest.created_at).getTime()) latest = row;
  }
  return latest;
}

/** Where a claim stands, from its latest verification, its hash now and today's date (yyyy-mm-dd). */
export function verificationState(latest: VerificationRow | null, currentSha256: string, today: string): VerificationState {
  if (!latest) return 'unverified';
  if (latest.revoked_at) return 'revoked';
  if (latest.claim_sha256 !== currentSha256) return 'changed_since';
  if (latest.lapses_on !== null && latest.lapses_on < today) return 'lapsed';
  return 'verified';
}

/** The badge a current verification shows, in words; null when the claim is not verified now. */
export function badgeOf(latest: VerificationRow | null, currentSha256: string, today: string): ProviderBadge | null {
  if (!latest || verificationState(latest, currentSha256, today) !== 'verified') return null;
  const what = latest.subject === 'accreditation' ? 'Accreditation' : 'Profile';
  const until = latest.lapses_on ? `, valid until ${formatAuDate(latest.lapses_on)}` : '';
  return {
    verificationId: latest.id,
    subject: latest.subject === 'accreditation' ? 'accreditation' : 'profile',
    subjectId: latest.subject_id,
    verifiedOn: latest.verified_on,
    lapsesOn: latest.lapses_on,
    wording: `${what} verified by Custodian on ${formatAuDate(latest.verified_on)}${until}`,
  };
}

/** The file type of a certificate, from its first bytes (PDF, PNG or JPEG); null for anything else. */
export function sniffCertificateType(bytes: Buffer): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** The marketplace's calendar (badges lapse and figures are dated in it): Sydney time. */
export const marketplaceTimeZone = 'Australia/Sydney';
