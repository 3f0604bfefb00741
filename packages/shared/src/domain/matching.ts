import {
  exclusionOf,
  exclusionReasons,
  mayStandIn,
  ranksBefore,
  reasonsFor,
  requestFacts,
  scoreProvider,
  servesRegion,
  type ExclusionCode,
  type Lane,
  type MatchProvider,
  type MatchRequest,
  type RequestFacts,
} from './matching-score.ts';

export {
  auStateNames,
  auStates,
  exclusionReasons,
  marketplaceServices,
  matchWeights,
  type AuState,
  type ExclusionCode,
  type Lane,
  type MarketplaceService,
  type MatchProvider,
  type MatchRequest,
  type ProviderKind,
} from './matching-score.ts';

/** A provider placed in a lane, with the reasons shown to the requester. */
export interface Ranked {
  providerId: string;
  /** 0–100, one decimal. */
  score: number;
  reasons: string[];
  /** The referral commission the provider discloses, shown to the requester. */
  commissionPercent: number | null;
}

/** A provider that offers a lane's service in the requester's region but was ruled out, and why. */
export interface Exclusion {
  providerId: string;
  lane: Lane;
  code: ExclusionCode;
  reason: string;
}

export interface MatchResult {
  lanes: Record<Lane, Ranked[]>;
  excluded: Exclusion[];
}

export interface MatchOptions {
  /** Providers per lane (default 3, the product's promise). */
  perLane?: number;
  /** Providers already offered or that declined this request (added to `request.excludeProviderIds`). */
  excludeProviderIds?: readonly string[];
}

function withExclusions(request: MatchRequest, options: MatchOptions): MatchRequest {
  const extra = options.excludeProviderIds ?? [];
  return extra.length === 0 ? request : { ...request, excludeProviderIds: [...(request.excludeProviderIds ?? []), ...extra] };
}

/** The lanes in a fixed order, and the matching service of each. */
const laneOrder: readonly Lane[] = ['consulting', 'certification', 'training'];

/** A bounded, sorted top-k of provider indices (best first), without allocating per provider. */
class TopK {
  readonly indices: Int32Array;
  readonly scores: Float64Array;
  size = 0;

  constructor(readonly capacity: number) {
    this.indices = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  offer(index: number, score: number, providers: readonly MatchProvider[]): void {
    const k = this.capacity;
    if (k === 0) return;
    const id = (providers[index] as MatchProvider).id;
    if (this.size === k) {
      const worst = this.size - 1;
      if (!ranksBefore(score, id, this.scores[worst] as number, (providers[this.indices[worst] as number] as MatchProvider).id)) return;
    } else {
      this.size += 1;
    }
    let at = this.size - 1;
    while (at > 0) {
      const above = at - 1;
      if (!ranksBefore(score, id, this.scores[above] as number, (providers[this.indices[above] as number] as MatchProvider).id)) break;
      this.indices[at] = this.indices[above] as number;
      this.scores[at] = this.scores[above] as number;
      at = above;
    }
    this.indices[at] = index;
    this.scores[at] = score;
  }
}

function toRanked(facts: RequestFacts, provider: MatchProvider, score: number): Ranked {
  return {
    providerId: provider.id,
    score: Math.round(score * 10) / 10,
    reasons: reasonsFor(facts, provider),
    commissionPercent: provider.commissionPercent,
  };
}

/**
 * Ranks providers into up to `perLane` (3) per requested lane, in one pass with a partial top-k.
 *
 * Rules: only verified, unsuspended providers; a provider must offer the lane's service and serve the
 * requester's state (or work remotely when remote is acceptable) — others are simply not candidates.
 * A certification body stands only in the certification lane, consultants and trainers never do. Among
 * the candidates, these are ruled out and listed in `excluded` with a plain-English reason: already offered
 * or declined (`excludeProviderIds`), a CB with no or expired accreditation (by `today`), a CB affiliated
 * with the consultancy that built this organisation's ISMS within two years of `today`, and anyone whose
 * open leads fill its monthly capacity. Ties break by provider id. Reasons are built only for the winners.
 */
export function matchProviders(request: MatchRequest, providers: readonly MatchProvider[], options: MatchOptions = {}): MatchResult {
  const perLane = Math.max(0, Math.floor(options.perLane ?? 3));
  const facts = requestFacts(withExclusions(request, options));
  const wanted = laneOrder.filter((lane) => request.services.includes(lane));
  const tops = new Map<Lane, TopK>(wanted.map((lane) => [lane, new TopK(perLane)]));
  const consulting = tops.get('consulting') ?? null;
  const certification = tops.get('certification') ?? null;
  const training = tops.get('training') ?? null;
  const excluded: Exclusion[] = [];

  for (let index = 0; index < providers.length; index += 1) {
    const provider = providers[index] as MatchProvider;
    if (!provider.isVerified || provider.isSuspended) continue;
    const isCb = provider.kind === 'certification_body';
    const inCertification = certification !== null && isCb && provider.services.includes('certification');
    const inConsulting = consulting !== null && !isCb && provider.services.includes('consulting');
    const inTraining = training !== null && !isCb && provider.services.includes('training');
    if (!inCertification && !inConsulting && !inTraining) continue;
    if (!servesRegion(facts, provider)) continue;
    const exclusion = exclusionOf(facts, provider);
    if (exclusion !== null) {
      const reason = exclusionReasons[exclusion];
      if (inConsulting) excluded.push({ providerId: provider.id, lane: 'consulting', code: exclusion, reason });
      if (inCertification) excluded.push({ providerId: provider.id, lane: 'certification', code: exclusion, reason });
      if (inTraining) excluded.push({ providerId: provider.id, lane: 'training', code: exclusion, reason });
      continue;
    }
    const score = scoreProvider(facts, provider);
    if (inConsulting) consulting.offer(index, score, providers);
    if (inCertification) certification.offer(index, score, providers);
    if (inTraining) training.offer(index, score, providers);
  }

  const lanes: Record<Lane, Ranked[]> = { consulting: [], certification: [], training: [] };
  for (const [lane, top] of tops) {
    for (let i = 0; i < top.size; i += 1) {
      lanes[lane].push(toRanked(facts, providers[top.indices[i] as number] as MatchProvider, top.scores[i] as number));
    }
  }
  return { lanes, excluded };
}

/**
 * The same ranking done the obvious way — filter, score and describe every candidate, full sort, take
 * the first `perLane` — kept as the benchmark's baseline and the tests' reference.
 */
export function matchProvidersNaive(request: MatchRequest, providers: readonly MatchProvider[], options: MatchOptions = {}): MatchResult {
  const perLane = Math.max(0, Math.floor(options.perLane ?? 3));
  const facts = requestFacts(withExclusions(request, options));
  const lanes: Record<Lane, Ranked[]> = { consulting: [], certification: [], training: [] };
  const excluded: Exclusion[] = [];
  for (const lane of laneOrder.filter((l) => request.services.includes(l))) {
    const candidates = providers.filter(
      (p) => p.isVerified && !p.isSuspended && mayStandIn(p.kind, lane) && p.services.includes(lane) && servesRegion(facts, p),
    );
    const ranked = candidates
      .filter((p) => {
        const code = exclusionOf(facts, p);
        if (code !== null) excluded.push({ providerId: p.id, lane, code, reason: exclusionReasons[code] });
        return code === null;
      })
      .map((p) => ({ id: p.id, raw: scoreProvider(facts, p), ranked: toRanked(facts, p, scoreProvider(facts, p)) }))
      .sort((a, b) => (ranksBefore(a.raw, a.id, b.raw, b.id) ? -1 : ranksBefore(b.raw, b.id, a.raw, a.id) ? 1 : 0));
    lanes[lane] = ranked.slice(0, perLane).map((r) => r.ranked);
  }
  return { lanes, excluded };
}
