import type { AuditAction } from '@custodian/shared/domain/audit-wording.ts';
import { matchProviders, type AuState, type Lane, type MarketplaceService, type MatchProvider, type ProviderKind } from '@custodian/shared/domain/matching.ts';
import type { AuditEntity, TxCtx } from '../../core/ctx.ts';
import { formatAuDate, todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { queueMail } from '../mail/mail.service.ts';
import { platformOrgId, systemActorLabel } from '../org/org.service.ts';
import { insertLead, listLeadRecipients, liveLeadStatuses } from './lead.repo.ts';
import { listMatchCandidates, listOfferedProviders, type CandidateRow } from './matching.repo.ts';
import type { RequestRow } from './request.repo.ts';
import { anonymise } from './request-view.ts';
import { guestTimeZone } from './requester-scope.ts';
import { accreditationStanding, profileStanding } from './provider-dto.ts';

/** A lane holds at most this many live leads (offered, accepted, quoted, won or lost). */
export const providersPerLane = 3;

/** The scope a transaction returns to after the matcher visited other organisations (to mail them). */
export interface Scope {
  orgId: string | null;
  userId: string | null;
}

/** How the matcher records what it did: in the operator's trail, or the platform's as Custodian itself. */
export type RecordEvent = (action: AuditAction, entity: AuditEntity, after: unknown) => Promise<void>;

/** Records an event in the platform organisation's trail as Custodian (automatic), then restores the scope. */
export function platformRecorder(ctx: TxCtx, restore: Scope): RecordEvent {
  return async (action, entity, after) => {
    const platform = await platformOrgId(ctx.tx);
    if (!platform) throw new Error('the platform organisation does not exist (it is created when the server starts)');
    await ctx.setScope({ orgId: platform, userId: null });
    await ctx.recordAudit({ orgId: platform, userId: null, label: systemActorLabel }, { action, entity, after });
    await ctx.setScope(restore);
  };
}

/**
 * The profile's services (`providerServices`: 'consulting', 'certification_audit', 'training') in the
 * matcher's words (`marketplaceServices`: 'certification' for the audit). Unmapped, no certification
 * body ever stood in the certification lane.
 */
export function matchServicesOf(profileServices: readonly string[]): MarketplaceService[] {
  return profileServices.map((s) => (s === 'certification_audit' ? 'certification' : s)).filter((s): s is MarketplaceService => s === 'consulting' || s === 'certification' || s === 'training');
}

/**
 * Verified as the directory's badges are: the latest verification of the claim is not withdrawn, not
 * lapsed, and the claim still hashes as it did (an edited profile or accreditation is not verified
 * until the operator looks again).
 */
export function toMatchProvider(row: CandidateRow, today: string): MatchProvider {
  const isVerified = profileStanding(row, row.verifications, today).state === 'verified';
  const verifiedExpiries = row.accreditations.filter((a) => accreditationStanding(a, row.verifications, today).state === 'verified').map((a) => a.expires_on);
  return {
    id: row.org_id,
    kind: row.kind as ProviderKind,
    services: matchServicesOf(row.services),
    states: row.states as AuState[],
    isRemote: row.is_remote,
    healthcareEngagements: row.healthcare_engagements,
    sectors: row.sectors,
    capacityPerMonth: row.capacity_per_month,
    openLeads: row.open_leads,
    medianResponseHours: row.median_response_hours,
    reviewAverage: row.review_average,
    reviewCount: row.review_count,
    isVerified,
    isSuspended: false,
    accreditationExpiresOn: verifiedExpiries.length > 0 ? verifiedExpiries.sort().at(-1) ?? null : null,
    affiliatedProviderIds: row.affiliated_ids,
    commissionPercent: row.commission_percent === null ? null : Number(row.commission_percent),
  };
}

function leadMail(publicUrl: string, name: string, leadId: string, lane: Lane, respondBy: Date) {
  const what = lane === 'certification' ? 'a certification audit' : lane === 'consulting' ? 'consulting' : 'training';
  return {
    subject: 'A new request for quotes is waiting',
    text:
      `Hello ${name},\n\nA healthcare organisation using the Custodian marketplace is asking for quotes for ${what}, ` +
      `and your organisation is one of up to three providers it was offered to.\n\n` +
      `See the request (without the organisation's name until they choose to show it to you) and accept or decline it:\n\n` +
      `${publicUrl}/provider/leads/${leadId}\n\n` +
      `Please answer by ${formatAuDate(todayIn(guestTimeZone, respondBy))}. If you do not, the request passes to the next provider.\n`,
  };
}

/** Mails a provider's owners and ISMS managers from its own outbox, then returns to `restore`. */
async function mailProvider(ctx: TxCtx, providerOrgId: string, restore: Scope, lead: { id: string; lane: Lane; respondBy: Date }): Promise<void> {
  await ctx.setScope({ orgId: providerOrgId, userId: restore.userId });
  for (const person of await listLeadRecipients(ctx.tx, providerOrgId)) {
    await queueMail(ctx, providerOrgId, { to: person.email, ...leadMail(ctx.deps.config.publicUrl, person.name, lead.id, lead.lane, lead.respondBy) });
  }
  await ctx.setScope(restore);
}

/**
 * Fills each requested lane of an open request up to three live leads with the best-ranked providers
 * not yet offered it, and mails each one. The caller holds the request's row lock (lockRequest) and
 * runs as the operator or the marketplace agent, so two approvals, a decline and a sweep at once take
 * turns and never exceed three per lane; the (request, provider) key keeps a provider from being
 * offered the same request twice. Returns how many leads were offered.
 */
export async function offerLeads(ctx: TxCtx, request: RequestRow, restore: Scope, record: RecordEvent): Promise<number> {
  const offered = await listOfferedProviders(ctx.tx, request.id);
  const today = todayIn(guestTimeZone, ctx.now);
  const candidates = (await listMatchCandidates(ctx.tx, today)).map((row) => toMatchProvider(row, today));
  const sites = request.sites as Array<{ state: AuState }>;
  const result = matchProviders(
    {
      services: request.services as MarketplaceService[],
      state: sites[0]?.state ?? 'NSW',
      isRemoteAcceptable: request.is_remote_acceptable,
      sector: request.sector,
      headcount: request.headcount,
      ismsBuiltBy: request.isms_built_by_org_id && request.isms_built_finished_on ? { providerId: request.isms_built_by_org_id, finishedOn: String(request.isms_built_finished_on) } : null,
      today,
    },
    candidates,
    { excludeProviderIds: offered.map((lead) => lead.provider_org_id) },
  );
  const respondBy = new Date(ctx.now.getTime() + ctx.deps.config.leadResponseHours * 3_600_000);
  const anonymised = anonymise(request);
  let count = 0;
  for (const lane of request.services as Lane[]) {
    const inLane = offered.filter((lead) => lead.lane === lane);
    const live = inLane.filter((lead) => (liveLeadStatuses as readonly string[]).includes(lead.status)).length;
    const lastRank = inLane.reduce((max, lead) => Math.max(max, lead.rank), 0);
    const chosen = result.lanes[lane].slice(0, Math.max(0, providersPerLane - live));
    for (const [index, ranked] of chosen.entries()) {
      const id = newId(ctx.now.getTime());
      await insertLead(ctx.tx, {
        id,
        request_id: request.id,
        provider_org_id: ranked.providerId,
        lane,
        rank: lastRank + index + 1,
        score: ranked.score,
        reasons: ranked.reasons,
        commission_percent: ranked.commissionPercent,
        offered_at: ctx.now,
        respond_by: respondBy,
        anonymised,
      });
      await record('marketplace_lead.offered', { type: 'marketplace_lead', id }, { requestId: request.id, lane, rank: lastRank + index + 1, providerOrgId: ranked.providerId });
      await mailProvider(ctx, ranked.providerId, restore, { id, lane, respondBy });
      count += 1;
    }
  }
  return count;
}
