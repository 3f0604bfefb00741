import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auStates, matchProviders, matchProvidersNaive, type MatchProvider, type MatchRequest } from './matching.ts';
import { twoYearsBefore } from './matching-score.ts';

const request: MatchRequest = {
  services: ['consulting', 'certification'],
  state: 'NSW',
  isRemoteAcceptable: true,
  sector: 'general_practice',
  headcount: 40,
  ismsBuiltBy: null,
  today: '2027-03-01',
};

function provider(id: string, overrides: Partial<MatchProvider> = {}): MatchProvider {
  const isCb = overrides.kind === 'certification_body';
  return {
    id,
    kind: 'consultant',
    services: isCb ? ['certification'] : ['consulting'],
    states: ['NSW'],
    isRemote: false,
    healthcareEngagements: 5,
    sectors: [],
    capacityPerMonth: 5,
    openLeads: 1,
    medianResponseHours: 24,
    reviewAverage: null,
    reviewCount: 0,
    isVerified: true,
    isSuspended: false,
    accreditationExpiresOn: isCb ? '2028-01-01' : null,
    affiliatedProviderIds: [],
    commissionPercent: null,
    ...overrides,
  };
}
const cb = (id: string, overrides: Partial<MatchProvider> = {}) => provider(id, { kind: 'certification_body', ...overrides });
const ids = (ranked: { providerId: string }[]) => ranked.map((r) => r.providerId);

describe('matchProviders: lanes and impartiality', () => {
  it('never puts a certification body in the consulting lane, nor a consultant in the certification lane', () => {
    const result = matchProviders(request, [
      cb('cb-1', { services: ['certification', 'consulting', 'training'] }),
      provider('con-1', { services: ['consulting', 'certification'] }),
    ]);
    expect(ids(result.lanes.consulting)).toEqual(['con-1']);
    expect(ids(result.lanes.certification)).toEqual(['cb-1']);
    expect(result.lanes.training).toEqual([]);
  });

  it('fills only the lanes the request asks for', () => {
    const result = matchProviders({ ...request, services: ['training'] }, [provider('t-1', { kind: 'trainer', services: ['training'] }), cb('cb-1')]);
    expect(ids(result.lanes.training)).toEqual(['t-1']);
    expect(result.lanes.certification).toEqual([]);
  });

  it('excludes a CB affiliated with the consultancy that built the ISMS within two years, with a reason', () => {
    const builtBy = { providerId: 'con-builder', finishedOn: '2025-03-01' };
    const result = matchProviders({ ...request, ismsBuiltBy: builtBy }, [cb('cb-tied', { affiliatedProviderIds: ['con-builder'] }), cb('cb-free')]);
    expect(ids(result.lanes.certification)).toEqual(['cb-free']);
    expect(result.excluded).toEqual([
      { providerId: 'cb-tied', lane: 'certification', code: 'affiliated_with_isms_builder', reason: expect.stringContaining('built your ISMS') },
    ]);
  });

  it('lets the tie lapse once the ISMS was finished more than two years ago', () => {
    const builtBy = { providerId: 'con-builder', finishedOn: '2025-02-28' };
    const result = matchProviders({ ...request, ismsBuiltBy: builtBy }, [cb('cb-tied', { affiliatedProviderIds: ['con-builder'] })]);
    expect(ids(result.lanes.certification)).toEqual(['cb-tied']);
  });

  it('counts two years back by calendar date, 29 February included', () => {
    expect(twoYearsBefore('2027-03-01')).toBe('2025-03-01');
    expect(twoYearsBefore('2028-02-29')).toBe('2026-02-28');
  });

  it('excludes a CB whose accreditation expired before today or is missing; the expiry day still counts', () => {
    const result = matchProviders(request, [
      cb('cb-expired', { accreditationExpiresOn: '2027-02-28' }),
      cb('cb-today', { accreditationExpiresOn: '2027-03-01' }),
      cb('cb-none', { accreditationExpiresOn: null }),
    ]);
    expect(ids(result.lanes.certification)).toEqual(['cb-today']);
    expect(result.excluded.map((e) => [e.providerId, e.code])).toEqual([
      ['cb-expired', 'accreditation_expired'],
      ['cb-none', 'accreditation_missing'],
    ]);
  });
});

describe('matchProviders: who is a candidate', () => {
  it('leaves out unverified and suspended providers without listing them', () => {
    const result = matchProviders(request, [provider('a', { isVerified: false }), provider('b', { isSuspended: true })]);
    expect(result.lanes.consulting).toEqual([]);
    expect(result.excluded).toEqual([]);
  });

  it('excludes a provider whose open leads fill its capacity, and keeps one with a place left', () => {
    const result = matchProviders(request, [provider('full', { capacityPerMonth: 3, openLeads: 3 }), provider('room', { capacityPerMonth: 3, openLeads: 2 })]);
    expect(ids(result.lanes.consulting)).toEqual(['room']);
    expect(result.excluded.map((e) => e.code)).toEqual(['capacity_full']);
  });

  it('excludes providers already offered or that declined, in every lane they would stand in', () => {
    const both = { services: ['consulting', 'training'] as MatchProvider['services'] };
    const result = matchProviders(
      { ...request, services: ['consulting', 'training'], excludeProviderIds: ['offered'] },
      [provider('offered', both), provider('declined', { ...both, declinedOrExcluded: true }), provider('fresh', both)],
    );
    expect(ids(result.lanes.consulting)).toEqual(['fresh']);
    expect(ids(result.lanes.training)).toEqual(['fresh']);
    expect(result.excluded.map((e) => `${e.providerId}/${e.lane}`)).toEqual(['offered/consulting', 'offered/training', 'declined/consulting', 'declined/training']);
  });

  it('also takes the already-offered ids as an option', () => {
    const result = matchProviders(request, [provider('offered'), provider('fresh')], { excludeProviderIds: ['offered'] });
    expect(ids(result.lanes.consulting)).toEqual(['fresh']);
    expect(result.excluded.map((e) => e.code)).toEqual(['already_offered']);
  });

  it('takes remote providers from other states only when remote is acceptable', () => {
    const providers = [provider('vic-remote', { states: ['VIC'], isRemote: true }), provider('vic-only', { states: ['VIC'] })];
    expect(ids(matchProviders(request, providers).lanes.consulting)).toEqual(['vic-remote']);
    expect(matchProviders({ ...request, isRemoteAcceptable: false }, providers).lanes.consulting).toEqual([]);
  });
});

describe('matchProviders: ranking', () => {
  it('ranks by fit and keeps at most three per lane', () => {
    const providers = [
      provider('weak', { healthcareEngagements: 0, medianResponseHours: 70 }),
      provider('strong', { healthcareEngagements: 25, sectors: ['general_practice'], medianResponseHours: 3, reviewAverage: 4.8, reviewCount: 20 }),
      provider('remote', { states: ['WA'], isRemote: true }),
      provider('middle', { healthcareEngagements: 10, medianResponseHours: 12 }),
    ];
    const result = matchProviders(request, providers);
    expect(ids(result.lanes.consulting)).toEqual(['strong', 'middle', 'remote']);
    expect(matchProviders(request, providers, { perLane: 1 }).lanes.consulting).toHaveLength(1);
  });

  it('breaks ties by id, whatever the input order', () => {
    const providers = [provider('c'), provider('a'), provider('b'), provider('d')];
    expect(ids(matchProviders(request, providers).lanes.consulting)).toEqual(['a', 'b', 'c']);
    expect(ids(matchProviders(request, [...providers].reverse()).lanes.consulting)).toEqual(['a', 'b', 'c']);
  });

  it('gives plain-English reasons and the disclosed commission', () => {
    const [ranked] = matchProviders({ ...request, services: ['certification'] }, [
      cb('cb-1', { healthcareEngagements: 12, medianResponseHours: 6.2, reviewAverage: 4.6, reviewCount: 9, commissionPercent: 10, sectors: ['general_practice'] }),
    ]).lanes.certification;
    expect(ranked?.reasons).toEqual([
      'Serves NSW',
      '12 healthcare engagements',
      'Has worked in your sector',
      'Answers in about 6 hours',
      '4.6 from 9 reviews',
      'Room for 4 new clients this month',
    ]);
    expect(ranked?.commissionPercent).toBe(10);
    expect(ranked?.score).toBeGreaterThan(0);
    expect(ranked?.score).toBeLessThanOrEqual(100);
  });
});

const arbitraryProvider: fc.Arbitrary<MatchProvider> = fc.record({
  id: fc.stringMatching(/^p[0-9]{1,3}$/),
  kind: fc.constantFrom('consultant' as const, 'certification_body' as const, 'trainer' as const),
  services: fc.subarray(['consulting' as const, 'certification' as const, 'training' as const]),
  states: fc.subarray([...auStates]),
  isRemote: fc.boolean(),
  healthcareEngagements: fc.integer({ min: 0, max: 40 }),
  sectors: fc.subarray(['general_practice', 'dental', 'pathology']),
  capacityPerMonth: fc.integer({ min: 0, max: 6 }),
  openLeads: fc.integer({ min: 0, max: 6 }),
  medianResponseHours: fc.option(fc.integer({ min: 0, max: 100 })),
  reviewAverage: fc.option(fc.integer({ min: 10, max: 50 }).map((x) => x / 10)),
  reviewCount: fc.integer({ min: 0, max: 30 }),
  isVerified: fc.boolean(),
  isSuspended: fc.boolean(),
  accreditationExpiresOn: fc.option(fc.constantFrom('2026-12-31', '2027-03-01', '2028-06-30')),
  affiliatedProviderIds: fc.subarray(['p1', 'p2', 'p3']),
  commissionPercent: fc.option(fc.integer({ min: 0, max: 20 })),
  declinedOrExcluded: fc.boolean(),
});
const arbitraryRequest: fc.Arbitrary<MatchRequest> = fc.record({
  services: fc.subarray(['consulting' as const, 'certification' as const, 'training' as const]),
  state: fc.constantFrom(...auStates),
  isRemoteAcceptable: fc.boolean(),
  sector: fc.constantFrom('general_practice', 'dental'),
  headcount: fc.integer({ min: 1, max: 500 }),
  ismsBuiltBy: fc.option(fc.record({ providerId: fc.constantFrom('p1', 'p2'), finishedOn: fc.constantFrom('2024-01-01', '2026-01-01') })),
  today: fc.constant('2027-03-01'),
  excludeProviderIds: fc.subarray(['p1', 'p4', 'p7', 'p10']),
});

describe('matchProviders: properties', () => {
  it('never places a CB in consulting, never more than three per lane, never an excluded or ineligible provider', () => {
    fc.assert(
      fc.property(arbitraryRequest, fc.uniqueArray(arbitraryProvider, { selector: (p) => p.id, maxLength: 40 }), (req, providers) => {
        const byId = new Map(providers.map((p) => [p.id, p]));
        const result = matchProviders(req, providers);
        const excludedIds = new Set([...(req.excludeProviderIds ?? []), ...result.excluded.map((e) => e.providerId)]);
        for (const [lane, ranked] of Object.entries(result.lanes)) {
          expect(ranked.length).toBeLessThanOrEqual(3);
          for (const r of ranked) {
            const p = byId.get(r.providerId) as MatchProvider;
            expect(excludedIds.has(r.providerId)).toBe(false);
            expect(p.isVerified && !p.isSuspended && p.openLeads < p.capacityPerMonth).toBe(true);
            expect(p.kind === 'certification_body').toBe(lane === 'certification');
          }
        }
      }),
    );
  });

  it('ranks exactly as the naive filter-and-sort does', () => {
    fc.assert(
      fc.property(arbitraryRequest, fc.uniqueArray(arbitraryProvider, { selector: (p) => p.id, maxLength: 40 }), (req, providers) => {
        const fast = matchProviders(req, providers);
        const naive = matchProvidersNaive(req, providers);
        expect(fast.lanes).toEqual(naive.lanes);
        const key = (e: { providerId: string; lane: string; code: string }) => `${e.lane}/${e.providerId}/${e.code}`;
        expect(fast.excluded.map(key).sort()).toEqual(naive.excluded.map(key).sort());
      }),
    );
  });
});
