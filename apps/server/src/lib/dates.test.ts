import { describe, expect, it } from 'vitest';
import { formatAuDate, nextDay, startOfDayIn, todayIn } from './dates.ts';

describe('dates in the organisation’s time zone', () => {
  it('starts a Sydney day at the UTC instant that is midnight in Sydney, either side of daylight saving', () => {
    expect(startOfDayIn('2027-03-01', 'Australia/Sydney').toISOString()).toBe('2027-02-28T13:00:00.000Z');
    expect(startOfDayIn('2027-07-01', 'Australia/Sydney').toISOString()).toBe('2027-06-30T14:00:00.000Z');
    expect(startOfDayIn('2026-10-04', 'Australia/Sydney').toISOString()).toBe('2026-10-03T14:00:00.000Z');
    expect(startOfDayIn('2026-07-01', 'Australia/Perth').toISOString()).toBe('2026-06-30T16:00:00.000Z');
  });

  it('gives today as the organisation sees it, not as UTC does', () => {
    const lateUtc = new Date('2026-12-02T20:00:00Z');
    expect(todayIn('Australia/Sydney', lateUtc)).toBe('2026-12-03');
    expect(todayIn('UTC', lateUtc)).toBe('2026-12-02');
  });

  it('moves to the next calendar day across month and year ends, and prints dd/mm/yyyy', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(formatAuDate('2027-03-01')).toBe('01/03/2027');
  });
});
