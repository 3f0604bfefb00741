import { describe, expect, it } from 'vitest';
import { flagQuote, formatCalendarDate, type FlagQuoteInput } from './quote-flags.ts';
import type { CbQuoteLines, WorkPackage } from './quote-normaliser.ts';

const lines: CbQuoteLines = {
  stage1Days: 3,
  stage2Days: 7,
  surveillance1Days: 3.5,
  surveillance2Days: 3.5,
  recertificationDays: 6.5,
  dayRateCents: 180_000,
  applicationFeeCents: 0,
  certificateFeeCents: 0,
  annualFeeCents: 0,
  travelCentsPerAudit: 0,
};
const estimate = { adjustedInitialDays: 10, surveillanceDays: 3.5, recertificationDays: 6.5 };
const accreditation = { expiresOn: '2027-06-30', scopeIncludes27001: true };
const asOf = '2027-03-01';

function cbFlags(overrides: Partial<CbQuoteLines> = {}, extra: Partial<FlagQuoteInput> = {}) {
  return flagQuote({ quote: { kind: 'certification', lines: { ...lines, ...overrides } }, estimate, accreditation, asOf, ...extra });
}
function consultantFlags(kinds: WorkPackage['kind'][], extra: Partial<FlagQuoteInput> = {}) {
  const packages = kinds.map((kind) => ({ kind, days: 1, feeCents: 100_000, year: 0 as const }));
  return flagQuote({ quote: { kind: 'consulting', lines: { packages } }, asOf, ...extra });
}
const codes = (flags: { code: string }[]) => flags.map((f) => f.code);

describe('flagQuote: a complete, accredited CB quote', () => {
  it('raises nothing', () => {
    expect(cbFlags()).toEqual([]);
  });
});

describe('audit_days_below_estimate', () => {
  it('accepts initial days exactly 30 % below the estimate and flags anything lower', () => {
    expect(codes(cbFlags({ stage1Days: 2, stage2Days: 5 }))).toEqual([]);
    const flags = cbFlags({ stage1Days: 2, stage2Days: 4.5 });
    expect(codes(flags)).toEqual(['audit_days_below_estimate']);
    expect(flags[0]?.severity).toBe('serious');
    expect(flags[0]?.message).toContain('6.5 days, 35 % below the 10 days');
  });

  it('checks each surveillance audit and the recertification on their own', () => {
    expect(codes(cbFlags({ surveillance1Days: 2.5 }))).toEqual([]); // 2.45 is the line
    expect(cbFlags({ surveillance2Days: 2 })[0]?.message).toContain('second surveillance');
  });

  it('flags a recertification below 70 % of its estimate', () => {
    expect(codes(cbFlags({ recertificationDays: 5 }))).toEqual([]); // the line is 4.55 days
    expect(codes(cbFlags({ recertificationDays: 4.5 }))).toEqual(['audit_days_below_estimate']);
  });

  it('says nothing without an estimate', () => {
    expect(cbFlags({ stage1Days: 0.5, stage2Days: 0.5 }, { estimate: null })).toEqual([]);
  });
});

describe('accreditation flags', () => {
  it('flags a CB with no accreditation on record, or without an expiry', () => {
    expect(codes(cbFlags({}, { accreditation: null }))).toEqual(['accreditation_missing']);
    expect(codes(cbFlags({}, { accreditation: { expiresOn: null, scopeIncludes27001: true } }))).toEqual(['accreditation_missing']);
  });

  it('treats the expiry day itself as still valid and the day after as expired', () => {
    expect(cbFlags({}, { asOf: '2027-06-30' })).toEqual([]);
    const flags = cbFlags({}, { asOf: '2027-07-01' });
    expect(codes(flags)).toEqual(['accreditation_expired']);
    expect(flags[0]?.message).toContain('30/06/2027');
  });

  it('flags an accreditation scope without ISO/IEC 27001', () => {
    expect(codes(cbFlags({}, { accreditation: { expiresOn: '2030-01-01', scopeIncludes27001: false } }))).toEqual(['accreditation_scope_without_27001']);
  });

  it('does not ask consultants for accreditation', () => {
    expect(consultantFlags(['gap_analysis'], { accreditation: null })).toEqual([]);
  });
});

describe('missing_line_items', () => {
  it('flags a zero stage, surveillance or recertification line and a missing day rate, naming them', () => {
    const flags = cbFlags({ surveillance2Days: 0, dayRateCents: 0 });
    expect(codes(flags)).toEqual(['missing_line_items']);
    expect(flags[0]?.severity).toBe('warning');
    expect(flags[0]?.message).toContain('surveillance year 2 audit days and the day rate');
    expect(codes(cbFlags({ stage1Days: 0, stage2Days: 10 }))).toEqual(['missing_line_items']);
  });

  it('flags a consultant quote without packages, not one with a package', () => {
    expect(codes(consultantFlags([]))).toEqual(['missing_line_items']);
    expect(consultantFlags(['training'])).toEqual([]);
  });
});

describe('consultant_audits_own_work', () => {
  it('flags an internal audit together with documentation or the risk assessment', () => {
    expect(codes(consultantFlags(['documentation', 'internal_audit']))).toEqual(['consultant_audits_own_work']);
    const flags = consultantFlags(['risk_assessment_soa', 'documentation', 'internal_audit']);
    expect(flags[0]?.message).toContain('(policies and documentation; risk assessment and statement of applicability)');
  });

  it('does not flag an internal audit alone, or documentation without one', () => {
    expect(consultantFlags(['internal_audit', 'training', 'management_review'])).toEqual([]);
    expect(consultantFlags(['documentation', 'risk_assessment_soa'])).toEqual([]);
  });

  it('flags an internal audit by the consultant who built the ISMS', () => {
    expect(codes(consultantFlags(['internal_audit'], { consultantBuiltIsms: true }))).toEqual(['consultant_audits_own_work']);
    expect(consultantFlags(['training'], { consultantBuiltIsms: true })).toEqual([]);
  });
});

describe('dates', () => {
  it('writes dates dd/mm/yyyy and refuses other forms', () => {
    expect(formatCalendarDate('2027-01-09')).toBe('09/01/2027');
    expect(() => flagQuote({ quote: { kind: 'consulting', lines: { packages: [] } }, asOf: '1/3/2027' })).toThrow(RangeError);
  });
});
