/**
 * When a person's training is due and how it stands, on the organisation's calendar days (yyyy-mm-dd).
 * A first completion is due `dueDays` after the item applies to the person; a repeated item is due
 * again `frequency` after the last completion, and opens again `trainingRenewalDays` before that.
 */
export const trainingFrequencies = ['once', 'six_monthly', 'yearly', 'two_yearly'] as const;
export type TrainingFrequency = (typeof trainingFrequencies)[number];
export const trainingFrequencyLabels: Record<TrainingFrequency, string> = { once: 'Once', six_monthly: 'Every 6 months', yearly: 'Every year', two_yearly: 'Every 2 years' };
const frequencyMonths: Record<TrainingFrequency, number | null> = { once: null, six_monthly: 6, yearly: 12, two_yearly: 24 };

export const trainingStatuses = ['complete', 'due', 'overdue'] as const;
export type TrainingStatus = (typeof trainingStatuses)[number];
export const trainingStatusLabels: Record<TrainingStatus, string> = { complete: 'Complete', due: 'Due', overdue: 'Overdue' };

/** A repeated item opens again this many days before it is next due. */
export const trainingRenewalDays = 30;
/** A "due soon" reminder goes this many days before the due date. */
export const trainingReminderDays = 14;

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return [y ?? 1970, m ?? 1, d ?? 1];
}

/** The calendar day `days` after (or before, when negative) an ISO date. */
export function addCalendarDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The same day `months` later; the 31st becomes the month's last day (31/08 + 6 months = 28/02 or 29/02). */
export function addCalendarMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

export interface TrainingStanding {
  /** The day the next completion is due; null once a one-off item is done. */
  dueOn: string | null;
  status: TrainingStatus;
}

/** How one person's training on one item stands today. */
export function trainingStanding(input: { appliesFrom: string; dueDays: number; frequency: TrainingFrequency; lastCompletedOn: string | null; today: string }): TrainingStanding {
  const months = frequencyMonths[input.frequency];
  if (input.lastCompletedOn === null) {
    const dueOn = addCalendarDays(input.appliesFrom, input.dueDays);
    return { dueOn, status: dueOn < input.today ? 'overdue' : 'due' };
  }
  if (months === null) return { dueOn: null, status: 'complete' };
  const dueOn = addCalendarMonths(input.lastCompletedOn, months);
  if (dueOn < input.today) return { dueOn, status: 'overdue' };
  return { dueOn, status: input.today < addCalendarDays(dueOn, -trainingRenewalDays) ? 'complete' : 'due' };
}

/** Whole percent of `part` in `whole` (0 when nothing is assigned), rounded down so 99.6 % is not "100 %". */
export function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.floor((part * 100) / whole);
}
