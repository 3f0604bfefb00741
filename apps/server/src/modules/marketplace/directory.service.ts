import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { DirectoryEntry, DirectoryProfile, DirectoryQuery } from '@custodian/shared/contracts/providers.ts';
import type { ProviderBadge, ProviderKind } from '@custodian/shared/contracts/provider-fields.ts';
import { notFound } from '@custodian/shared/errors.ts';
import type { TxCtx } from '../../core/ctx.ts';
import type { VerificationRow } from './provider-claims.ts';
import { accreditationStanding, profileStanding, toAccreditation, toAffiliation, toProfile } from './provider-dto.ts';
import { marketplaceToday } from './provider-scope.ts';
import { listAccreditationsOf, listAffiliationRows, listVerificationRows, type AccreditationRow, type ProfileRow } from './provider.repo.ts';
import { findListedBySlug, listDirectoryRows, listPublishedReviews } from './directory.repo.ts';

/** Every current badge of a provider: its profile's and its accreditations'. */
function badgesOf(row: ProfileRow, accreditations: readonly AccreditationRow[], verifications: readonly VerificationRow[], today: string): ProviderBadge[] {
  const badges: ProviderBadge[] = [];
  const profile = profileStanding(row, verifications, today).badge;
  if (profile) badges.push(profile);
  for (const accreditation of accreditations) {
    const badge = accreditationStanding(accreditation, verifications, today).badge;
    if (badge) badges.push(badge);
  }
  return badges;
}

function toEntry(row: ProfileRow, badgeCount: number): DirectoryEntry {
  const profile = toProfile(row, [], '1900-01-01');
  return {
    providerId: row.org_id,
    slug: profile.slug,
    displayName: profile.displayName,
    kind: row.kind as ProviderKind,
    summary: profile.summary,
    services: profile.services,
    states: profile.states,
    isRemote: profile.isRemote,
    healthcareEngagements: profile.healthcareEngagements,
    dayRateMinCents: profile.dayRateMinCents,
    dayRateMaxCents: profile.dayRateMaxCents,
    isDemo: profile.isDemo,
    badgeCount,
  };
}

/** One page of the public directory (anyone, signed in or not). */
export async function listDirectory(ctx: TxCtx, query: DirectoryQuery): Promise<ListReply<DirectoryEntry>> {
  const page = await listDirectoryRows(ctx.tx, query);
  const ids = page.items.map((row) => row.org_id);
  const accreditations = await listAccreditationsOf(ctx.tx, ids);
  const verifications = await listVerificationRows(ctx.tx, ids);
  const today = marketplaceToday(ctx);
  const items = page.items.map((row) => {
    const ownAccreditations = accreditations.filter((item) => item.org_id === row.org_id);
    const ownVerifications = verifications.filter((item) => item.org_id === row.org_id);
    return toEntry(row, badgesOf(row, ownAccreditations, ownVerifications, today).length);
  });
  return { ...page, items };
}

/** A listed provider's public page; a draft or suspended provider is "not found". */
export async function getDirectoryProfile(ctx: TxCtx, slug: string): Promise<DirectoryProfile> {
  const row = await findListedBySlug(ctx.tx, slug);
  if (!row) throw notFound('That provider');
  const ids = [row.org_id];
  const accreditations = await listAccreditationsOf(ctx.tx, ids);
  const verifications = await listVerificationRows(ctx.tx, ids);
  const affiliations = await listAffiliationRows(ctx.tx, row.org_id);
  const reviews = await listPublishedReviews(ctx.tx, row.org_id, 20);
  const today = marketplaceToday(ctx);
  const badges = badgesOf(row, accreditations, verifications, today);
  const profile = toProfile(row, verifications, today);
  return {
    ...toEntry(row, badges.length),
    standards: profile.standards,
    sectors: profile.sectors,
    healthcareSummary: profile.healthcareSummary,
    teamSize: profile.teamSize,
    teamSummary: profile.teamSummary,
    capacityPerMonth: profile.capacityPerMonth,
    commissionPercent: profile.commissionPercent,
    commissionNote: profile.commissionNote,
    badges,
    accreditations: accreditations.map((a) => {
      const { certificate, version: _v, verificationState: _s, ...rest } = toAccreditation(a, verifications, today);
      return { ...rest, hasCertificate: certificate !== null };
    }),
    affiliations: affiliations.map((a) => {
      const { version: _v, ...rest } = toAffiliation(a);
      return rest;
    }),
    reviews: reviews.map((r) => ({ id: r.id, rating: r.rating, body: r.body, reviewerLabel: r.reviewer_label, createdAt: new Date(r.created_at).toISOString() })),
  };
}
