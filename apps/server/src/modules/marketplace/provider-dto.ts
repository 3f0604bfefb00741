import type { ProviderBadge, ProviderKind, VerificationState } from '@custodian/shared/contracts/provider-fields.ts';
import type { Accreditation, Affiliation, ProviderProfile } from '@custodian/shared/contracts/providers.ts';
import { toIso } from '../../lib/dates.ts';
import { badgeOf, claimSha256, latestFor, verificationState, type AccreditationClaim, type ProfileClaim, type VerificationRow } from './provider-claims.ts';
import type { AccreditationRow, AffiliationRow, ProfileRow } from './provider.repo.ts';

/** Rows as the contracts shape them, with each claim's badge worked out against today's date. */

const num = (value: string | number | null): number | null => (value === null ? null : Number(value));

/** The columns of a profile its claim is made of. */
export type ProfileClaimColumns = Pick<ProfileRow, 'kind' | 'display_name' | 'services' | 'standards' | 'sectors' | 'healthcare_engagements' | 'healthcare_summary' | 'team_size' | 'team_summary'>;

/** The columns of an accreditation its claim is made of. */
export type AccreditationClaimColumns = Pick<AccreditationRow, 'id' | 'accreditation_body' | 'is_iaf_member' | 'accreditation_number' | 'standards' | 'scope_note' | 'expires_on' | 'certificate_sha256'>;

export function profileClaimOf(row: ProfileClaimColumns): ProfileClaim {
  return {
    kind: row.kind,
    displayName: row.display_name,
    services: row.services,
    standards: row.standards,
    sectors: row.sectors,
    healthcareEngagements: row.healthcare_engagements,
    healthcareSummary: row.healthcare_summary,
    teamSize: row.team_size,
    teamSummary: row.team_summary,
  };
}

export function accreditationClaimOf(row: AccreditationClaimColumns): AccreditationClaim {
  return {
    accreditationBody: row.accreditation_body,
    isIafMember: row.is_iaf_member,
    accreditationNumber: row.accreditation_number,
    standards: row.standards,
    scopeNote: row.scope_note,
    expiresOn: row.expires_on,
    certificateSha256: row.certificate_sha256,
  };
}

export interface ClaimStanding {
  badge: ProviderBadge | null;
  state: VerificationState;
  latest: VerificationRow | null;
}

export function profileStanding(row: ProfileClaimColumns, verifications: readonly VerificationRow[], today: string): ClaimStanding {
  const latest = latestFor(verifications, 'profile', null);
  const sha = claimSha256(profileClaimOf(row));
  return { latest, badge: badgeOf(latest, sha, today), state: verificationState(latest, sha, today) };
}

export function accreditationStanding(row: AccreditationClaimColumns, verifications: readonly VerificationRow[], today: string): ClaimStanding {
  const latest = latestFor(verifications, 'accreditation', row.id);
  const sha = claimSha256(accreditationClaimOf(row));
  return { latest, badge: badgeOf(latest, sha, today), state: verificationState(latest, sha, today) };
}

export function toProfile(row: ProfileRow, verifications: readonly VerificationRow[], today: string): ProviderProfile {
  const standing = profileStanding(row, verifications, today);
  return {
    orgId: row.org_id,
    kind: row.kind as ProviderKind,
    slug: row.slug,
    displayName: row.display_name,
    summary: row.summary,
    services: row.services as ProviderProfile['services'],
    standards: row.standards as ProviderProfile['standards'],
    states: row.states as ProviderProfile['states'],
    isRemote: row.is_remote,
    sectors: row.sectors as ProviderProfile['sectors'],
    healthcareEngagements: row.healthcare_engagements,
    healthcareSummary: row.healthcare_summary,
    teamSize: row.team_size,
    teamSummary: row.team_summary,
    dayRateMinCents: num(row.day_rate_min_cents),
    dayRateMaxCents: num(row.day_rate_max_cents),
    capacityPerMonth: row.capacity_per_month,
    commissionPercent: num(row.commission_percent),
    commissionNote: row.commission_note,
    isPublished: row.is_published,
    isDemo: row.is_demo,
    suspendedAt: toIso(row.suspended_at),
    suspendedReason: row.suspended_reason,
    badge: standing.badge,
    verificationState: standing.state,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function toAccreditation(row: AccreditationRow, verifications: readonly VerificationRow[], today: string): Accreditation {
  const standing = accreditationStanding(row, verifications, today);
  const hasFile = row.certificate_name !== null && row.certificate_type !== null && row.certificate_sha256 !== null;
  return {
    id: row.id,
    accreditationBody: row.accreditation_body,
    isIafMember: row.is_iaf_member,
    accreditationNumber: row.accreditation_number,
    standards: row.standards as Accreditation['standards'],
    scopeNote: row.scope_note,
    expiresOn: row.expires_on,
    certificate: hasFile ? { fileName: row.certificate_name ?? '', contentType: row.certificate_type ?? '', sha256: row.certificate_sha256 ?? '' } : null,
    badge: standing.badge,
    verificationState: standing.state,
    version: row.version,
  };
}

export function toAffiliation(row: AffiliationRow): Affiliation {
  return {
    id: row.id,
    affiliatedOrgId: row.affiliated_org_id,
    affiliatedSlug: row.affiliated_slug,
    affiliatedName: row.affiliated_name,
    relationship: row.relationship,
    commissionPercent: num(row.commission_percent),
    startedOn: row.started_on,
    endedOn: row.ended_on,
    version: row.version,
  };
}

/** The fields of a profile an audit event shows, in the contract's words. */
export function profileAuditFields(row: ProfileRow): Record<string, unknown> {
  const dto = toProfile(row, [], '1900-01-01');
  const { badge: _badge, verificationState: _state, updatedAt: _at, suspendedAt: _s, suspendedReason: _r, orgId: _o, isDemo: _d, ...fields } = dto;
  return fields;
}
