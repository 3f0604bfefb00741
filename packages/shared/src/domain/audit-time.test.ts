import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import table from './audit-time-27006.json' with { type: 'json' };
import {
  auditTimeBands,
  complexityAdjustment,
  effectivePersonnel,
  estimateAuditDays,
  initialAuditDays,
  sampledSites,
  type AuditKind,
} from './audit-time.ts';

const medium = [2, 2, 1] as const satisfies [1 | 2 | 3, 1 | 2 | 3, 1 | 2 | 3];

describe('initialAuditDays', () => {
  const bands = table.initial_audit_time_table.filter((b) => b.persons_max !== null);

  it('reads all 22 bands of the shared chart', () => {
    expect(bands).toHaveLength(22);
    expect(auditTimeBands).toHaveLength(22);
  });

  it.each(bands.map((b) => [b.persons_min, b.persons_max as number, b.initial_audit_days_stage1_plus_stage2 as number]))(
    'gives the band %i–%i persons %d days at both ends',
    (min, max, days) => {
      expect(initialAuditDays(min)).toBe(days);
      expect(initialAuditDays(max)).toBe(days);
    },
  );

  it('changes band exactly one person past each band', () => {
    expect(initialAuditDays(10)).toBe(5);
    expect(initialAuditDays(11)).toBe(6);
    expect(initialAuditDays(25)).toBe(7);
    expect(initialAuditDays(26)).toBe(8.5);
  });

  it('continues past 10,700 persons at one more day per 2,200 persons or part of it', () => {
    expect(initialAuditDays(10_700)).toBe(28);
    expect(initialAuditDays(10_701)).toBe(29);
    expect(initialAuditDays(12_900)).toBe(29);
    expect(initialAuditDays(12_901)).toBe(30);
    expect(initialAuditDays(21_700)).toBe(33);
  });

  it('treats fewer than one person as one, and rounds fractions up', () => {
    expect(initialAuditDays(0)).toBe(5);
    expect(initialAuditDays(10.2)).toBe(6);
  });
});

describe('effectivePersonnel', () => {
  it('counts part-timers by their full-time equivalent and rounds up to a whole person', () => {
    const result = effectivePersonnel({ fullTimeHeadcount: 20, partTimeFte: 4.3 });
    expect(result.effective).toBe(25);
    expect(result.steps.join(' ')).toContain('4.3');
    expect(result.steps.at(-1)).toContain('rounded up');
  });

  it('reduces 100 identical call-centre staff to no fewer than 10', () => {
    const result = effectivePersonnel({
      fullTimeHeadcount: 130,
      partTimeFte: 0,
      identicalRoleGroups: [{ label: 'call centre', headcount: 100 }],
    });
    expect(result.effective).toBe(40);
    expect(result.steps.join(' ')).toMatch(/100 people .*call centre.* count as 10/);
  });

  it('rounds the square root of an identical group up (10 → 4)', () => {
    expect(effectivePersonnel({ fullTimeHeadcount: 10, partTimeFte: 0, identicalRoleGroups: [{ label: 'reception', headcount: 10 }] }).effective).toBe(4);
  });

  it('never reduces a group of one or two below itself', () => {
    expect(effectivePersonnel({ fullTimeHeadcount: 2, partTimeFte: 0, identicalRoleGroups: [{ label: 'x', headcount: 2 }] }).effective).toBe(2);
  });

  it('counts at least one person', () => {
    expect(effectivePersonnel({ fullTimeHeadcount: 0, partTimeFte: 0 }).effective).toBe(1);
  });

  it('refuses groups larger than the full-time headcount and negative counts', () => {
    expect(() => effectivePersonnel({ fullTimeHeadcount: 5, partTimeFte: 0, identicalRoleGroups: [{ label: 'x', headcount: 6 }] })).toThrow(RangeError);
    expect(() => effectivePersonnel({ fullTimeHeadcount: -1, partTimeFte: 0 })).toThrow(RangeError);
    expect(() => effectivePersonnel({ fullTimeHeadcount: 1, partTimeFte: Number.NaN })).toThrow(RangeError);
  });
});

describe('complexityAdjustment', () => {
  it('reads levels from the factor sums (3–4 low, 5–6 medium, 7–9 high)', () => {
    expect(complexityAdjustment({ business: [1, 1, 2], it: [3, 3, 1] })).toMatchObject({ businessLevel: 'low', itLevel: 'high' });
    expect(complexityAdjustment({ business: [2, 2, 2], it: [2, 2, 3] })).toMatchObject({ businessLevel: 'medium', itLevel: 'high' });
  });

  it('orders a negative range as [min, max] and applies its middle by default', () => {
    const result = complexityAdjustment({ business: medium, it: [1, 1, 1] });
    expect(result.rangePercent).toEqual([-10, -5]);
    expect(result.appliedPercent).toBe(-7.5);
  });

  it('clamps the chosen percent into the range on both sides', () => {
    const high = { business: [3, 3, 3], it: [3, 3, 3] } as const satisfies { business: [3, 3, 3]; it: [3, 3, 3] };
    expect(complexityAdjustment({ ...high, chosenPercent: 150 }).appliedPercent).toBe(100);
    expect(complexityAdjustment({ ...high, chosenPercent: 5 }).appliedPercent).toBe(20);
    expect(complexityAdjustment({ ...high, chosenPercent: 35 }).appliedPercent).toBe(35);
    expect(complexityAdjustment({ business: [1, 1, 1], it: [1, 1, 1], chosenPercent: -50 }).appliedPercent).toBe(-30);
  });

  it('allows only zero where the chart says 0 %', () => {
    expect(complexityAdjustment({ business: medium, it: medium, chosenPercent: 20 })).toMatchObject({ rangePercent: [0, 0], appliedPercent: 0 });
  });
});

describe('sampledSites', () => {
  const cases: Array<[number, AuditKind, number]> = [
    [1, 'initial', 1], [1, 'surveillance', 1], [1, 'recertification', 1],
    [4, 'initial', 2], [4, 'surveillance', 2], [4, 'recertification', 2],
    [10, 'initial', 4], [10, 'surveillance', 2], [10, 'recertification', 3],
    [25, 'initial', 5], [25, 'surveillance', 3], [25, 'recertification', 4],
  ];

  it.each(cases)('samples ⌈k√%i⌉ sites at the %s audit: %i, plus the central function', (n, audit, expected) => {
    const sample = sampledSites(n, audit);
    expect(sample.sampled).toBe(expected);
    expect(sample.locationsAudited).toBe(expected + 1);
    expect(sample.includesCentralFunction).toBe(true);
  });

  it('visits only the central function when there are no other sites', () => {
    expect(sampledSites(0, 'initial')).toMatchObject({ sampled: 0, locationsAudited: 1 });
  });
});

describe('estimateAuditDays', () => {
  it('adjusts the chart days, splits Stage 1 and 2, and derives surveillance and recertification', () => {
    const estimate = estimateAuditDays({
      personnel: { fullTimeHeadcount: 40, partTimeFte: 5 },
      complexity: { business: [3, 3, 2], it: [2, 2, 2], chosenPercent: 20 },
      sites: { count: 4 },
    });
    expect(estimate.effectivePersons).toBe(45);
    expect(estimate.tableDays).toBe(8.5);
    expect(estimate.adjustedInitialDays).toBe(10); // 8.5 × 1.2 = 10.2 → 10
    expect(estimate.stage1Days).toBe(3);
    expect(estimate.stage2Days).toBe(7);
    expect(estimate.surveillanceDays).toBe(3.5); // 3.33 → 3.5
    expect(estimate.recertificationDays).toBe(6.5); // 6.67 → 6.5
    expect(estimate.sitesSampled.initial.sampled).toBe(2);
    expect(estimate.explanation.join('\n')).toContain('8.5 days for 45 persons');
  });

  it('gives a one-site practice of five the smallest audit', () => {
    const estimate = estimateAuditDays({ personnel: { fullTimeHeadcount: 5, partTimeFte: 0 }, complexity: { business: medium, it: medium } });
    expect(estimate).toMatchObject({ tableDays: 5, adjustedInitialDays: 5, stage1Days: 1.5, stage2Days: 3.5, surveillanceDays: 1.5, recertificationDays: 3.5 });
    expect(estimate.sitesSampled.surveillance.locationsAudited).toBe(1);
  });
});

describe('audit time: properties', () => {
  it('never gives fewer days to more persons, and rises by at most 1.5 days a band', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40_000 }), fc.integer({ min: 1, max: 3_000 }), (persons, more) => {
        const days = initialAuditDays(persons);
        const next = initialAuditDays(persons + more);
        expect(next).toBeGreaterThanOrEqual(days);
        expect(initialAuditDays(persons + 1) - days).toBeLessThanOrEqual(1.5);
      }),
    );
  });

  it('never counts more than everyone, nor fewer than the square root of the group', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 200 }), fc.nat(), (fullTime, fteTenths, split) => {
        const group = fullTime === 0 ? 0 : split % (fullTime + 1);
        const input = { fullTimeHeadcount: fullTime, partTimeFte: fteTenths / 10, identicalRoleGroups: [{ label: 'g', headcount: group }] };
        const { effective } = effectivePersonnel(input);
        expect(effective).toBeLessThanOrEqual(Math.max(1, Math.ceil(fullTime + fteTenths / 10)));
        expect(effective).toBeGreaterThanOrEqual(fullTime - group + Math.ceil(Math.sqrt(group)));
      }),
    );
  });

  it('keeps every estimate in half days with Stage 1 + Stage 2 equal to the initial days', () => {
    const rating = fc.constantFrom(1 as const, 2 as const, 3 as const);
    const ratings = fc.tuple(rating, rating, rating);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), ratings, ratings, fc.option(fc.integer({ min: -50, max: 150 })), (persons, business, it_, chosen) => {
        const e = estimateAuditDays({ personnel: { fullTimeHeadcount: persons, partTimeFte: 0 }, complexity: { business, it: it_, chosenPercent: chosen ?? undefined } });
        for (const days of [e.adjustedInitialDays, e.stage1Days, e.stage2Days, e.surveillanceDays, e.recertificationDays]) {
          expect(Number.isInteger(days * 2)).toBe(true);
          expect(days).toBeGreaterThan(0);
        }
        expect(e.stage1Days + e.stage2Days).toBe(e.adjustedInitialDays);
      }),
    );
  });
});
