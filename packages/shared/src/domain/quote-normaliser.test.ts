import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatAud,
  normaliseQuote,
  workPackageKinds,
  workPackageLabels,
  type CbQuoteLines,
  type ConsultantQuoteLines,
  type NormalisedQuote,
  type QuoteInput,
} from './quote-normaliser.ts';

const cb: CbQuoteLines = {
  stage1Days: 1.5,
  stage2Days: 3.5,
  surveillance1Days: 1.5,
  surveillance2Days: 1.5,
  recertificationDays: 3.5,
  dayRateCents: 180_000,
  applicationFeeCents: 50_000,
  certificateFeeCents: 30_000,
  annualFeeCents: 40_000,
  travelCentsPerAudit: 25_000,
};

const days = fc.integer({ min: 0, max: 40 }).map((halves) => halves / 2);
const cents = fc.integer({ min: 0, max: 100_000_000 });
const cbLines: fc.Arbitrary<CbQuoteLines> = fc.record({
  stage1Days: days,
  stage2Days: days,
  surveillance1Days: days,
  surveillance2Days: days,
  recertificationDays: days,
  dayRateCents: cents,
  applicationFeeCents: cents,
  certificateFeeCents: cents,
  annualFeeCents: cents,
  travelCentsPerAudit: cents,
});
const consultantLines: fc.Arbitrary<ConsultantQuoteLines> = fc.record({
  packages: fc.array(
    fc.record({
      kind: fc.constantFrom(...workPackageKinds),
      days,
      feeCents: cents,
      year: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
    }),
    { maxLength: 20 },
  ),
});
const anyQuote: fc.Arbitrary<QuoteInput> = fc.oneof(
  cbLines.map((lines) => ({ kind: 'certification' as const, lines })),
  consultantLines.map((lines) => ({ kind: 'consulting' as const, lines })),
);

function everyLine(result: NormalisedQuote): number[] {
  return result.years.flatMap((year) => year.lines.map((line) => line.cents));
}

describe('normaliseQuote: certification', () => {
  const result = normaliseQuote({ kind: 'certification', lines: cb });

  it('puts Stage 1 and 2, both travels, the application and certificate fees in year 0', () => {
    expect(result.years[0].label).toContain('initial certification');
    expect(result.years[0].lines).toEqual([
      { label: 'Stage 1 audit: 1.5 days', cents: 270_000 },
      { label: 'Travel for the Stage 1 audit', cents: 25_000 },
      { label: 'Stage 2 audit: 3.5 days', cents: 630_000 },
      { label: 'Travel for the Stage 2 audit', cents: 25_000 },
      { label: 'Application fee', cents: 50_000 },
      { label: 'Certificate fee', cents: 30_000 },
    ]);
    expect(result.years[0].totalCents).toBe(1_030_000);
  });

  it('charges the annual fee in years 1 to 3 and the certificate again at recertification', () => {
    expect(result.years[1].lines[1]?.label).toBe('Travel for the surveillance audit');
    expect(result.years[1].totalCents).toBe(270_000 + 25_000 + 40_000);
    expect(result.years[2].totalCents).toBe(270_000 + 25_000 + 40_000);
    expect(result.years[3].totalCents).toBe(630_000 + 25_000 + 40_000 + 30_000);
    expect(result.totalCents).toBe(1_030_000 + 335_000 * 2 + 725_000);
  });

  it('reports the audit days per audit', () => {
    expect(result.auditDays).toEqual({ initial: 5, surveillance1: 1.5, surveillance2: 1.5, recertification: 3.5 });
  });

  it('charges no travel for an audit without days', () => {
    const remoteStage1 = normaliseQuote({ kind: 'certification', lines: { ...cb, stage1Days: 0 } });
    expect(remoteStage1.years[0].lines.filter((l) => l.label.startsWith('Travel'))).toHaveLength(1);
  });

  it('rounds half-cent day lines to whole cents', () => {
    const odd = normaliseQuote({ kind: 'certification', lines: { ...cb, dayRateCents: 100_001 } });
    expect(odd.years[0].lines[0]?.cents).toBe(150_002);
  });

  it('refuses negative or fractional money and negative days', () => {
    expect(() => normaliseQuote({ kind: 'certification', lines: { ...cb, annualFeeCents: -1 } })).toThrow(RangeError);
    expect(() => normaliseQuote({ kind: 'certification', lines: { ...cb, dayRateCents: 10.5 } })).toThrow(RangeError);
    expect(() => normaliseQuote({ kind: 'certification', lines: { ...cb, stage2Days: -0.5 } })).toThrow(RangeError);
  });
});

describe('normaliseQuote: consulting', () => {
  it('places each work package in its year with its plain-English name', () => {
    const result = normaliseQuote({
      kind: 'consulting',
      lines: {
        packages: [
          { kind: 'gap_analysis', days: 2, feeCents: 300_000, year: 0 },
          { kind: 'internal_audit', days: 1, feeCents: 160_000, year: 1 },
          { kind: 'internal_audit', days: 1, feeCents: 160_000, year: 2 },
        ],
      },
    });
    expect(result.years[0].lines).toEqual([{ label: 'Gap analysis: 2 days', cents: 300_000 }]);
    expect(result.years[1].lines[0]?.label).toBe('Internal audit: 1 day');
    expect(result.years[3].lines).toEqual([]);
    expect(result.totalCents).toBe(620_000);
    expect(result.auditDays).toBeNull();
  });

  it('labels every kind of work package', () => {
    for (const kind of workPackageKinds) expect(workPackageLabels[kind]).toMatch(/^[A-Z]/);
  });
});

describe('normaliseQuote: properties', () => {
  it('the cycle total equals the sum of every line', () => {
    fc.assert(
      fc.property(anyQuote, (quote) => {
        const result = normaliseQuote(quote);
        expect(result.totalCents).toBe(everyLine(result).reduce((a, b) => a + b, 0));
      }),
    );
  });

  it("every year's total equals its lines", () => {
    fc.assert(
      fc.property(anyQuote, (quote) => {
        for (const year of normaliseQuote(quote).years) {
          expect(year.totalCents).toBe(year.lines.reduce((a, line) => a + line.cents, 0));
        }
      }),
    );
  });

  it('valid input never gives a negative or fractional amount', () => {
    fc.assert(
      fc.property(anyQuote, (quote) => {
        const result = normaliseQuote(quote);
        for (const amount of [result.totalCents, ...result.years.map((y) => y.totalCents), ...everyLine(result)]) {
          expect(Number.isSafeInteger(amount)).toBe(true);
          expect(amount).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('always has four years in cycle order', () => {
    fc.assert(
      fc.property(anyQuote, (quote) => {
        expect(normaliseQuote(quote).years.map((y) => y.label.slice(0, 6))).toEqual(['Year 0', 'Year 1', 'Year 2', 'Year 3']);
      }),
    );
  });
});

describe('formatAud', () => {
  it('formats cents as Australian dollars', () => {
    expect(formatAud(123_456)).toBe('$1,234.56');
  });
});
