/**
 * The pieces of marketplace matching: who may stand in which lane, why a provider is ruled out, and its
 * score. Shared by the fast matcher (`matching.ts`) and the naive baseline it is benchmarked against, so
 * both rank by exactly the same rules.
 */

/** Australian states and territories. */
export const auStates = ['NSW', 'VIC', 'QLD', 'WA', 'SA', 'TAS', 'ACT', 'NT'] as const;
export type AuState = (typeof auStates)[number];

/** Full names of the states and territories. */
export const auStateNames: Record<AuState, string> = {
  NSW: 'New South Wales',
  VIC: 'Victoria',
  QLD: 'Queensland',
  WA: 'Western Australia',
  SA: 'South Australia',
  TAS: 'Tasmania',
  ACT: 'Australian Capital Territory',
  NT: 'Northern Territory',
};

/** The services a request asks for; each is a lane of up to three providers. */
export const marketplaceServices = ['consulting', 'certification', 'training'] as const;
export type MarketplaceService = (typeof marketplaceServices)[number];
export type Lane = MarketplaceService;

export type ProviderKind = 'consultant' | 'certification_body' | 'trainer';

export interface MatchRequest {
  services: MarketplaceService[];
  state: AuState;
  isRemoteAcceptable: boolean;
  sector: string;
  /** Staff headcount; carried for the lead, not scored. */
  headcount: number;
  /** The consultancy that built this organisation's ISMS, and when it finished. */
  ismsBuiltBy?: { providerId: string; finishedOn: string } | null;
  /** Today in the organisation's time zone, YYYY-MM-DD. */
  today: string;
  /** Providers already offered or that declined this request. */
  excludeProviderIds?: readonly string[];
}

export interface MatchProvider {
  id: string;
  kind: ProviderKind;
  services: MarketplaceService[];
  states: AuState[];
  isRemote: boolean;
  healthcareEngagements: number;
  sectors: string[];
  capacityPerMonth: number;
  openLeads: number;
  medianResponseHours: number | null;
  /** Average of verified reviews, 1–5. */
  reviewAverage: number | null;
  reviewCount: number;
  isVerified: boolean;
  isSuspended: boolean;
  /** YYYY-MM-DD, valid up to and including this day (certification bodies). */
  accreditationExpiresOn: string | null;
  affiliatedProviderIds: string[];
  commissionPercent: number | null;
  declinedOrExcluded?: boolean;
}

/**
 * Score weights (points out of 100). Each factor is a fraction 0–1 times its weight:
 * - services: share of the requested services the provider offers;
 * - region: 1 when it serves the requester's state, 0.6 when it only works remotely (and remote is acceptable);
 * - healthcare: ¾ for engagements (20 or more is full marks) and ¼ for having worked in the requester's sector;
 * - capacity: the share of its monthly capacity still free;
 * - response: 1 at a median of 4 hours or less, falling to 0 at 72 hours; 0.3 with no record yet;
 * - reviews: the verified average pulled towards 3 as if by three more 3-star reviews, then (x − 1) / 4,
 *   so a provider without reviews scores 0.5 and a few glowing reviews do not beat a long good record.
 */
export const matchWeights = { services: 15, region: 25, healthcare: 20, capacity: 10, response: 15, reviews: 15 } as const;

/** Why an otherwise suitable provider was left out of a lane. */
export const exclusionReasons = {
  already_offered: 'Already offered this request, or declined it.',
  accreditation_missing: 'No current accreditation on record.',
  accreditation_expired: 'Its accreditation has expired.',
  affiliated_with_isms_builder:
    'Has a commercial tie with the consultancy that built your ISMS in the last two years, so it cannot certify it impartially.',
  capacity_full: 'Has no capacity for new work this month.',
} as const;
export type ExclusionCode = keyof typeof exclusionReasons;

/** Which kinds may stand in a lane: a certification body only ever certifies (impartiality); consultants and trainers never do. */
export function mayStandIn(kind: ProviderKind, lane: Lane): boolean {
  return lane === 'certification' ? kind === 'certification_body' : kind !== 'certification_body';
}

/** 'YYYY-MM-DD' two calendar years earlier (29 February becomes 28 February). */
export function twoYearsBefore(date: string): string {
  const year = Number(date.slice(0, 4)) - 2;
  let rest = date.slice(4);
  if (rest === '-02-29') rest = '-02-28';
  return `${String(year).padStart(4, '0')}${rest}`;
}

/** The facts every provider is checked against, worked out once per request. */
export interface RequestFacts {
  request: MatchRequest;
  excludeIds: ReadonlySet<string>;
  /** The consultancy that built the ISMS within the last two years, or null. */
  recentBuilderId: string | null;
}

/** Works out the per-request facts once. */
export function requestFacts(request: MatchRequest): RequestFacts {
  const built = request.ismsBuiltBy ?? null;
  const recentBuilderId = built !== null && built.finishedOn >= twoYearsBefore(request.today) ? built.providerId : null;
  return { request, excludeIds: new Set(request.excludeProviderIds ?? []), recentBuilderId };
}

/** True when the provider serves the request's region: its state, or remotely when remote is acceptable. */
export function servesRegion(facts: RequestFacts, provider: MatchProvider): boolean {
  return provider.states.includes(facts.request.state) || (provider.isRemote && facts.request.isRemoteAcceptable);
}

/** A rule that rules out a provider who could otherwise stand in the lane, or null. */
export function exclusionOf(facts: RequestFacts, provider: MatchProvider): ExclusionCode | null {
  if (provider.declinedOrExcluded === true || facts.excludeIds.has(provider.id)) return 'already_offered';
  if (provider.kind === 'certification_body') {
    if (provider.accreditationExpiresOn === null) return 'accreditation_missing';
    if (provider.accreditationExpiresOn < facts.request.today) return 'accreditation_expired';
    const builder = facts.recentBuilderId;
    if (builder !== null && (provider.id === builder || provider.affiliatedProviderIds.includes(builder))) {
      return 'affiliated_with_isms_builder';
    }
  }
  if (provider.openLeads >= provider.capacityPerMonth) return 'capacity_full';
  return null;
}

function servicesFit(request: MatchRequest, provider: MatchProvider): number {
  if (request.services.length === 0) return 0;
  let covered = 0;
  for (const service of request.services) if (provider.services.includes(service)) covered += 1;
  return covered / request.services.length;
}

function responseFit(hours: number | null): number {
  if (hours === null) return 0.3;
  return Math.min(1, Math.max(0, (72 - hours) / 68));
}

function reviewFit(average: number | null, count: number): number {
  const prior = 3;
  const sum = average === null || count <= 0 ? 0 : average * count;
  const shrunk = (sum + prior * 3) / ((average === null ? 0 : Math.max(0, count)) + prior);
  return Math.min(1, Math.max(0, (shrunk - 1) / 4));
}

/** The provider's score out of 100 (not rounded); allocation-free, for the hot loop. */
export function scoreProvider(facts: RequestFacts, provider: MatchProvider): number {
  const request = facts.request;
  const region = provider.states.includes(request.state) ? 1 : provider.isRemote && request.isRemoteAcceptable ? 0.6 : 0;
  const engagements = Math.min(Math.max(provider.healthcareEngagements, 0), 20) / 20;
  const sector = provider.sectors.includes(request.sector) ? 1 : 0;
  const capacity = provider.capacityPerMonth > 0 ? Math.max(0, provider.capacityPerMonth - provider.openLeads) / provider.capacityPerMonth : 0;
  return (
    matchWeights.services * servicesFit(request, provider) +
    matchWeights.region * region +
    matchWeights.healthcare * (0.75 * engagements + 0.25 * sector) +
    matchWeights.capacity * capacity +
    matchWeights.response * responseFit(provider.medianResponseHours) +
    matchWeights.reviews * reviewFit(provider.reviewAverage, provider.reviewCount)
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Plain-English reasons for a ranked provider (built only for the winners). */
export function reasonsFor(facts: RequestFacts, provider: MatchProvider): string[] {
  const request = facts.request;
  const reasons: string[] = [];
  if (provider.states.includes(request.state)) reasons.push(`Serves ${request.state}`);
  else if (provider.isRemote) reasons.push('Works remotely');
  if (request.services.length > 1 && request.services.every((s) => provider.services.includes(s))) {
    reasons.push('Offers every service you asked for');
  }
  if (provider.healthcareEngagements > 0) reasons.push(plural(provider.healthcareEngagements, 'healthcare engagement'));
  if (provider.sectors.includes(request.sector)) reasons.push('Has worked in your sector');
  const hours = provider.medianResponseHours;
  if (hours !== null) reasons.push(hours < 1 ? 'Answers within the hour' : `Answers in about ${plural(Math.round(hours), 'hour')}`);
  if (provider.reviewAverage !== null && provider.reviewCount > 0) {
    reasons.push(`${provider.reviewAverage.toFixed(1)} from ${plural(provider.reviewCount, 'review')}`);
  }
  const free = provider.capacityPerMonth - provider.openLeads;
  if (free > 0) reasons.push(`Room for ${plural(free, 'new client')} this month`);
  return reasons;
}

/** Ranking order: higher score first, then the smaller id. */
export function ranksBefore(scoreA: number, idA: string, scoreB: number, idB: string): boolean {
  return scoreA > scoreB || (scoreA === scoreB && idA < idB);
}
