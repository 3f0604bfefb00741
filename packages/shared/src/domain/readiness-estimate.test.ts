import { describe, expect, it } from 'vitest';
import { defaultEffortAssumptions, effortAssumptionLabels, estimateEffort } from './readiness-estimate.ts';

describe('estimateEffort', () => {
  it('prices a clinic starting from nothing near 20 consultant days and about eight months to a certificate', () => {
    const estimate = estimateEffort({ remaining: { notStarted: 120, partial: 20 } });
    expect(estimate.consultingDays).toBe(19.5); // 120 × 0.15 + 20 × 0.075
    expect(estimate.consultingCents).toBe(3_120_000); // 19.5 × $1,600
    expect(estimate.internalHours).toBe(195); // 120 × 1.5 + 20 × 0.75
    expect(estimate.certificationCents).toBe(1_000_000); // 5 × $1,800 + $1,000
    expect(estimate.totalCents).toBe(4_120_000);
    expect(estimate.weeks).toEqual({ implementation: 25, stage1ToStage2: 6, certificateIssue: 4, total: 35 }); // 195 h ÷ 8 = 24.4 → 25
    expect(estimate.explanation.join(' ')).toContain('$31,200');
  });

  it('lets the consultant set the pace when the team has more time', () => {
    const estimate = estimateEffort({ remaining: { notStarted: 120, partial: 20 }, assumptions: { internalHoursPerWeek: 40, consultantDaysPerWeek: 1 } });
    expect(estimate.weeks.implementation).toBe(20); // 19.5 days at 1 a week; the team needs only 5 weeks
  });

  it('uses the audit days and rates the user gives', () => {
    const estimate = estimateEffort({
      remaining: { notStarted: 0, partial: 0 },
      assumptions: { auditDays: 8.5, cbDayRateCents: 200_000, cbFixedFeesCents: 0 },
    });
    expect(estimate.consultingCents).toBe(0);
    expect(estimate.certificationCents).toBe(1_700_000);
    expect(estimate.weeks.implementation).toBe(0);
  });

  it('lists every assumption with its label, unit, value and whether it is the default', () => {
    const estimate = estimateEffort({ remaining: { notStarted: 1, partial: 0 }, assumptions: { consultantDayRateCents: 150_000, auditDays: 5 } });
    expect(estimate.assumptions.map((a) => a.key)).toEqual(Object.keys(effortAssumptionLabels));
    expect(estimate.assumptions.find((a) => a.key === 'consultantDayRateCents')).toEqual({
      key: 'consultantDayRateCents',
      label: "Consultant's day rate",
      unit: 'cents_per_day',
      value: 150_000,
      isDefault: false,
    });
    expect(estimate.assumptions.find((a) => a.key === 'auditDays')?.isDefault).toBe(true);
    expect(estimate.assumptions.find((a) => a.key === 'internalHoursPerWeek')?.value).toBe(defaultEffortAssumptions.internalHoursPerWeek);
  });

  it('has a label for every default', () => {
    expect(Object.keys(effortAssumptionLabels).sort()).toEqual(Object.keys(defaultEffortAssumptions).sort());
  });

  it('refuses negative counts, fractional cents and a zero pace', () => {
    expect(() => estimateEffort({ remaining: { notStarted: -1, partial: 0 } })).toThrow(RangeError);
    expect(() => estimateEffort({ remaining: { notStarted: 1.5, partial: 0 } })).toThrow(RangeError);
    expect(() => estimateEffort({ remaining: { notStarted: 1, partial: 0 }, assumptions: { cbDayRateCents: 10.5 } })).toThrow(/whole number of cents/);
    expect(() => estimateEffort({ remaining: { notStarted: 1, partial: 0 }, assumptions: { internalHoursPerWeek: 0 } })).toThrow(/more than zero/);
    expect(() => estimateEffort({ remaining: { notStarted: 1, partial: 0 }, assumptions: { auditDays: -2 } })).toThrow(RangeError);
  });
});
