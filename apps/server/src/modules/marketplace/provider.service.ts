import type { ProviderKind } from '@custodian/shared/contracts/provider-fields.ts';
import type { CreateProviderOrgBody, ProviderProfile, updateProviderProfileBody } from '@custodian/shared/contracts/providers.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import { userLabel } from '../../core/auth-state.ts';
import type { OrgCtx, SessionCtx, TxCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { createOrgWithOwner } from '../org/org.service.ts';
import { profileAuditFields, toProfile } from './provider-dto.ts';
import { marketplaceToday, requireProfileRow, requireProvider } from './provider-scope.ts';
import { findProfile, insertProfile, isSlugTaken, listVerificationRows, updateProfileRow, type ProfilePatch } from './provider.repo.ts';

export { listAccreditations, createAccreditation, updateAccreditation, deleteAccreditation, downloadCertificate } from './provider-accreditation.service.ts';
export { listAffiliations, createAffiliation, updateAffiliation, deleteAffiliation } from './provider-affiliation.service.ts';

function slugTaken(): AppError {
  return new AppError('validation_failed', 'Another provider already uses that web address. Choose another.', [{ path: 'slug', message: 'is already used by another provider' }]);
}

/**
 * A signed-in person creates a provider organisation (consultancy, certification body or trainer) and
 * becomes its owner; its profile starts unpublished. The transaction's scope moves to the new
 * organisation; the person switches to it to edit the profile.
 */
export async function createProviderOrg(ctx: SessionCtx, input: CreateProviderOrgBody): Promise<ProviderProfile> {
  return createProviderOrgFor(ctx, ctx.user, input);
}

/** Creates a provider organisation owned by a given person (a signed-in person, or the demo's). */
export async function createProviderOrgFor(ctx: TxCtx, owner: { id: string; name: string; email: string }, input: CreateProviderOrgBody, options: { isDemo?: boolean } = {}): Promise<ProviderProfile> {
  if (await isSlugTaken(ctx.tx, input.slug, null)) throw slugTaken();
  const orgId = newId(ctx.now.getTime());
  await createOrgWithOwner(ctx, { orgId, name: input.name, owner, kind: input.kind, ...(options.isDemo ? { isDemo: true } : {}) });
  const row = await insertProfile(ctx.tx, { org_id: orgId, kind: input.kind, slug: input.slug, display_name: input.displayName, is_demo: options.isDemo ?? false, created_at: ctx.now, updated_at: ctx.now });
  const who = { orgId, userId: owner.id, label: userLabel(owner) };
  await ctx.recordAudit(who, { action: 'provider.profile_created', entity: { type: 'provider_profile', id: orgId }, after: profileAuditFields(row) });
  return toProfile(row, [], marketplaceToday(ctx));
}

export async function getProviderProfile(ctx: OrgCtx): Promise<ProviderProfile> {
  const row = await requireProfileRow(ctx);
  return toProfile(row, await listVerificationRows(ctx.tx, [ctx.org.id]), marketplaceToday(ctx));
}

type ProfileInput = z.output<typeof updateProviderProfileBody>;

const fieldColumns = {
  displayName: 'display_name',
  slug: 'slug',
  summary: 'summary',
  services: 'services',
  standards: 'standards',
  states: 'states',
  isRemote: 'is_remote',
  sectors: 'sectors',
  healthcareEngagements: 'healthcare_engagements',
  healthcareSummary: 'healthcare_summary',
  teamSize: 'team_size',
  teamSummary: 'team_summary',
  dayRateMinCents: 'day_rate_min_cents',
  dayRateMaxCents: 'day_rate_max_cents',
  capacityPerMonth: 'capacity_per_month',
  commissionPercent: 'commission_percent',
  commissionNote: 'commission_note',
  isPublished: 'is_published',
} as const satisfies Record<Exclude<keyof ProfileInput, 'version'>, keyof ProfilePatch>;

/** The fields sent that differ from the stored profile, as a patch. */
function profilePatch(before: ProviderProfile, input: ProfileInput): ProfilePatch {
  const patch: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(fieldColumns) as Array<[keyof typeof fieldColumns, string]>) {
    const value = input[field];
    if (value === undefined) continue;
    const current = before[field];
    if (JSON.stringify(current) === JSON.stringify(value)) continue;
    patch[column] = value;
  }
  return patch as ProfilePatch;
}

function checkProfileRules(kind: ProviderKind, merged: ProviderProfile, input: ProfileInput): void {
  const problems: Array<{ path: string; message: string }> = [];
  if (merged.dayRateMinCents !== null && merged.dayRateMaxCents !== null && merged.dayRateMinCents > merged.dayRateMaxCents) {
    problems.push({ path: 'dayRateMaxCents', message: 'must be at least the lowest day rate' });
  }
  if ((merged.dayRateMinCents === null) !== (merged.dayRateMaxCents === null)) {
    problems.push({ path: merged.dayRateMinCents === null ? 'dayRateMinCents' : 'dayRateMaxCents', message: 'give both ends of the day-rate range, or neither' });
  }
  const isCommissionSent = (input.commissionPercent !== undefined && input.commissionPercent !== null) || (input.commissionNote !== undefined && input.commissionNote !== '');
  if (kind !== 'certification_body' && isCommissionSent) problems.push({ path: 'commissionPercent', message: 'only a certification body discloses a referral commission' });
  if (kind === 'certification_body' && merged.services.includes('consulting')) {
    problems.push({ path: 'services', message: 'a certification body cannot offer consulting (it would audit its own advice)' });
  }
  if (problems.length > 0) throw new AppError('validation_failed', 'Some profile details need fixing.', problems);
}

/** Changes the fields sent, if nobody changed the profile since `version` was read (else 409 with the current profile). */
export async function updateProviderProfile(ctx: OrgCtx, input: ProfileInput): Promise<ProviderProfile> {
  const kind = await requireProvider(ctx);
  const beforeRow = await requireProfileRow(ctx);
  const verifications = await listVerificationRows(ctx.tx, [ctx.org.id]);
  const today = marketplaceToday(ctx);
  const before = toProfile(beforeRow, verifications, today);
  const conflict = (current: ProviderProfile) =>
    new AppError('edit_conflict', 'Someone else changed the profile after you opened it. Check their change, then apply yours again.', { current });
  if (before.version !== input.version) throw conflict(before);
  const merged: ProviderProfile = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as ProviderProfile;
  checkProfileRules(kind, merged, input);
  const patch = profilePatch(before, input);
  if (Object.keys(patch).length === 0) return before;
  if (patch.slug !== undefined && (await isSlugTaken(ctx.tx, patch.slug, ctx.org.id))) throw slugTaken();
  const afterRow = await updateProfileRow(ctx.tx, ctx.org.id, input.version, patch, ctx.now);
  if (!afterRow) throw conflict(toProfile((await findProfile(ctx.tx, ctx.org.id)) ?? beforeRow, verifications, today));
  const beforeFields = profileAuditFields(beforeRow);
  const afterFields = profileAuditFields(afterRow);
  const changed = Object.keys(afterFields).filter((k) => JSON.stringify(beforeFields[k]) !== JSON.stringify(afterFields[k]));
  await ctx.audit(
    'provider.profile_updated',
    { type: 'provider_profile', id: ctx.org.id },
    Object.fromEntries(changed.map((k) => [k, beforeFields[k]])),
    Object.fromEntries(changed.map((k) => [k, afterFields[k]])),
  );
  return toProfile(afterRow, verifications, today);
}
