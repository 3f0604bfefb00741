import { describe, expect, it } from 'vitest';
import { addCalendarMonths, percentOf, trainingStanding } from './training-status.ts';

describe('training standing', () => {
  it('is due a number of days after it applies, and overdue the day after that', () => {
    const base = { appliesFrom: '2027-03-01', dueDays: 30, frequency: 'yearly' as const, lastCompletedOn: null };
    expect(trainingStanding({ ...base, today: '2027-03-31' })).toEqual({ dueOn: '2027-03-31', status: 'due' });
    expect(trainingStanding({ ...base, today: '2027-04-01' })).toEqual({ dueOn: '2027-03-31', status: 'overdue' });
  });

  it('keeps a one-off item complete for good and brings a yearly one back a year after completion', () => {
    expect(trainingStanding({ appliesFrom: '2020-01-01', dueDays: 10, frequency: 'once', lastCompletedOn: '2020-01-05', today: '2030-01-01' })).toEqual({ dueOn: null, status: 'complete' });
    const yearly = { appliesFrom: '2026-01-01', dueDays: 10, frequency: 'yearly' as const, lastCompletedOn: '2026-06-15' };
    expect(trainingStanding({ ...yearly, today: '2027-05-15' })).toEqual({ dueOn: '2027-06-15', status: 'complete' });
    expect(trainingStanding({ ...yearly, today: '2027-05-16' })).toEqual({ dueOn: '2027-06-15', status: 'due' });
    expect(trainingStanding({ ...yearly, today: '2027-06-16' })).toEqual({ dueOn: '2027-06-15', status: 'overdue' });
  });

  it('adds months on the calendar, keeping the end of a month at the end', () => {
    expect(addCalendarMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addCalendarMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-12-15', 24)).toBe('2029-12-15');
    expect(percentOf(2, 3)).toBe(66);
    expect(percentOf(0, 0)).toBe(0);
  });
});
