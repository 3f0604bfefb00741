import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { MarketplaceHealth, OperatorClaim, OperatorProvider, OperatorProviderQuery, verifyClaimBody } from '@custodian/shared/contracts/operator.ts';
import type { ProviderKind } from '@custodian/shared/contracts/provider-fields.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import type { OperatorCtx, TxCtx } from '../../core/ctx.ts';
import type { AuditAction } from '@custodian/shared/domain/audit-wording.ts';
import { formatAuDate, startOfDayIn, todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { claimSha256, marketplaceTimeZone, type VerificationRow } from './provider-claims.ts';
import { accreditationClaimOf, accreditationStanding, profileClaimOf, profileStanding } from './provider-dto.ts';
import { marketplaceToday } from './provider-scope.ts';
import { findAccreditationRow, findProfile, listAccreditationsOf, listVerificationRows, readCertificate, type AccreditationRow, type CertificateFile, type ProfileRow } from './provider.repo.ts';
import { healthCounts, insertVerification, listProviderRows, providerStandingCounts, revokeVerificationRow, setStandingRow, findVerificationRow } from './operator.repo.ts';

function accreditationLabel(row: AccreditationRow): string {
  return `${row.accreditation_body} accreditation ${row.accreditation_number} (expires ${formatAuDate(row.expires_on)})`;
}

function toOperatorProvider(row: ProfileRow, accreditations: readonly AccreditationRow[], verifications: readonly VerificationRow[], today: string): OperatorProvider {
  const profile = profileStanding(row, verifications, today);
  const claims: OperatorClaim[] = [
    { subject: 'profile', subjectId: null, label: 'Profile', state: profile.state, badge: profile.badge, latestVerificationId: profile.latest?.id ?? null, standards: row.standards as OperatorClaim['standards'], expiresOn: null, hasCertificate: false },
    ...accreditations.map((a): OperatorClaim => {
      const standing = accreditationStanding(a, verifications, today);
      return {
        subject: 'accreditation',
        subjectId: a.id,
        label: accreditationLabel(a),
        state: standing.state,
        badge: standing.badge,
        latestVerificationId: standing.latest?.id ?? null,
        standards: a.standards as OperatorClaim['standards'],
        expiresOn: a.expires_on,
        hasCertificate: a.certificate_sha256 !== null,
      };
    }),
  ];
  return {
    orgId: row.org_id,
    slug: row.slug,
    displayName: row.display_name,
    kind: row.kind as ProviderKind,
    isPublished: row.is_published,
    isDemo: row.is_demo,
    suspendedAt: row.suspended_at === null ? null : new Date(row.suspended_at).toISOString(),
    suspendedReason: row.suspended_reason,
    commissionPercent: row.commission_percent === null ? null : Number(row.commission_percent),
    claims,
    needsVerification: claims.some((c) => c.state !== 'verified'),
    version: row.version,
  };
}

async function loadProvider(ctx: TxCtx, orgId: string): Promise<OperatorProvider> {
  const row = await findProfile(ctx.tx, orgId);
  if (!row) throw notFound('That provider');
  return toOperatorProvider(row, await listAccreditationsOf(ctx.tx, [orgId]), await listVerificationRows(ctx.tx, [orgId]), marketplaceToday(ctx));
}

/** Every provider with the state of each claim (operator). */
export async function listProvidersForOperator(ctx: OperatorCtx, query: OperatorProviderQuery): Promise<ListReply<OperatorProvider>> {
  const page = await listProviderRows(ctx.tx, query);
  const ids = page.items.map((row) => row.org_id);
  const accreditations = await listAccreditationsOf(ctx.tx, ids);
  const verifications = await listVerificationRows(ctx.tx, ids);
  const today = marketplaceToday(ctx);
  const items = page.items.map((row) =>
    toOperatorProvider(
      row,
      accreditations.filter((a) => a.org_id === row.org_id),
      verifications.filter((v) => v.org_id === row.org_id),
      today,
    ),
  );
  return { ...page, items };
}

/**
 * Verifies a claim as it stands now: a dated badge holding the SHA-256 of the claim's fields (an edit
 * ends it) that lapses with an accreditation's expiry. For the operator, and for the demo's system actor.
 */
export async function verifyClaim(
  ctx: TxCtx & { audit: (action: AuditAction, entity: { type: string; id: string }, before?: unknown, after?: unknown) => Promise<void> },
  orgId: string,
  input: z.output<typeof verifyClaimBody>,
  verifiedBy: string | null,
): Promise<OperatorProvider> {
  const profile = await findProfile(ctx.tx, orgId);
  if (!profile) throw notFound('That provider');
  const today = marketplaceToday(ctx);
  let sha: string;
  let lapsesOn: string | null = null;
  let label = 'Profile';
  let subjectId: string | null = null;
  if (input.subject === 'accreditation') {
    if (!input.accreditationId) throw new AppError('validation_failed', 'Choose the accreditation to verify.', [{ path: 'accreditationId', message: 'is required to verify an accreditation' }]);
    const accreditation = await findAccreditationRow(ctx.tx, orgId, input.accreditationId);
    if (!accreditation) throw notFound('That accreditation');
    if (accreditation.expires_on < today) throw new AppError('conflict', `This accreditation expired on ${formatAuDate(accreditation.expires_on)}: ask the provider for its current one.`);
    sha = claimSha256(accreditationClaimOf(accreditation));
    lapsesOn = accreditation.expires_on;
    label = accreditationLabel(accreditation);
    subjectId = accreditation.id;
  } else {
    sha = claimSha256(profileClaimOf(profile));
  }
  const id = newId(ctx.now.getTime());
  await insertVerification(ctx.tx, { org_id: orgId, id, subject: input.subject, subject_id: subjectId, claim_sha256: sha, verified_on: today, lapses_on: lapsesOn, verified_by: verifiedBy, note: input.note, created_at: ctx.now });
  await ctx.audit('provider.verified', { type: 'provider_profile', id: orgId }, undefined, { provider: profile.display_name, claim: label, verifiedOn: today, lapsesOn, note: input.note });
  return loadProvider(ctx, orgId);
}

/** Withdraws a verification (its badge stops showing at once). */
export async function revokeVerification(ctx: OperatorCtx, orgId: string, verificationId: string): Promise<OperatorProvider> {
  const profile = await findProfile(ctx.tx, orgId);
  const found = profile ? await findVerificationRow(ctx.tx, orgId, verificationId) : undefined;
  if (!profile || !found) throw notFound('That verification');
  const revoked = await revokeVerificationRow(ctx.tx, orgId, verificationId, ctx.now);
  if (!revoked) throw new AppError('conflict', 'This verification was already withdrawn.');
  await ctx.audit('provider.verification_revoked', { type: 'provider_profile', id: orgId }, { provider: profile.display_name, claim: revoked.subject === 'profile' ? 'Profile' : 'Accreditation', verifiedOn: revoked.verified_on });
  return loadProvider(ctx, orgId);
}

/** Suspends a provider with a reason: it leaves the directory and matching until reinstated. */
export async function suspendProvider(ctx: OperatorCtx, orgId: string, reason: string): Promise<OperatorProvider> {
  const profile = await findProfile(ctx.tx, orgId);
  if (!profile) throw notFound('That provider');
  const after = await setStandingRow(ctx.tx, orgId, { at: ctx.now, reason }, ctx.now);
  if (!after) throw new AppError('conflict', `${profile.display_name} is already suspended.`);
  await ctx.audit('provider.suspended', { type: 'provider_profile', id: orgId }, undefined, { provider: profile.display_name, reason });
  return loadProvider(ctx, orgId);
}

export async function reinstateProvider(ctx: OperatorCtx, orgId: string, note: string): Promise<OperatorProvider> {
  const profile = await findProfile(ctx.tx, orgId);
  if (!profile) throw notFound('That provider');
  const after = await setStandingRow(ctx.tx, orgId, null, ctx.now);
  if (!after) throw new AppError('conflict', `${profile.display_name} is not suspended.`);
  await ctx.audit('provider.reinstated', { type: 'provider_profile', id: orgId }, { provider: profile.display_name, reason: profile.suspended_reason }, { note });
  return loadProvider(ctx, orgId);
}

export async function operatorCertificate(ctx: OperatorCtx, orgId: string, accreditationId: string): Promise<CertificateFile> {
  const file = await readCertificate(ctx.tx, orgId, accreditationId);
  if (!file) throw notFound('That certificate');
  return file;
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Requests by status, leads' answers, median hours to a first answer and quote acceptance over 30 and 90 days. */
export async function marketplaceHealth(ctx: OperatorCtx): Promise<MarketplaceHealth> {
  const today = todayIn(marketplaceTimeZone, ctx.now);
  const windows = [];
  for (const days of [30, 90]) {
    const from = addDays(today, -days + 1);
    const counts = await healthCounts(ctx.tx, startOfDayIn(from, marketplaceTimeZone));
    windows.push({
      days,
      from,
      requestsByStatus: counts.requestsByStatus,
      leads: counts.leads,
      medianHoursToFirstResponse: counts.medianHours === null ? null : Math.round(counts.medianHours * 10) / 10,
      quotes: counts.quotes,
      quoteAcceptanceRate: counts.quotes.submitted === 0 ? null : counts.quotes.accepted / counts.quotes.submitted,
    });
  }
  return { asOf: today, providers: await providerStandingCounts(ctx.tx), windows };
}
