/**
 * The projected Stage 2 date: the rule the dashboard uses, pure so a test pins it.
 *
 * Work is measured in steps of the guided path (six steps, each from 0 to 1 by its own progress:
 * 9 of 16 documents approved is 0.5625 of the documentation step), so every step weighs the same.
 *
 * 1. Pace: steps completed per week over the last 28 days, from the daily points recorded: (work done
 *    now − work done at the oldest point within the window) ÷ the days between × 7. No point a day or
 *    more old, or no work done in the window: the pace is unknown and no date is projected.
 * 2. Work date: today + the remaining steps ÷ pace, in whole days (today when nothing remains).
 * 3. Slip: a milestone not done after its due date has held everything after it up; the planned date
 *    moves by the days the most overdue milestone is late.
 * 4. Projected Stage 2 = the latest of the planned date, the work date and the planned date + slip:
 *    never earlier than the planned date (the audit booking), later whenever the work or a late
 *    milestone says so.
 */

export const paceWindowDays = 28;

export interface ProgressPoint {
  /** The calendar day (yyyy-mm-dd). */
  on: string;
  /** Work done that day, in steps (0 to 6). */
  stepsDone: number;
}

export interface OverdueMilestone {
  title: string;
  dueOn: string;
}

/** The projection as last recorded: what "why it moved" compares with. */
export interface RecordedProjection {
  on: string;
  targetOn: string;
  projectedOn: string | null;
  stepsDone: number;
  pacePerWeek: number | null;
  slipDays: number;
  overdueTitles: string[];
}

export interface ProjectionInput {
  today: string;
  /** The Stage 2 date the plan aims for. */
  targetOn: string;
  stepsDone: number;
  stepsTotal: number;
  /** Earlier daily points (any order); points on or after today are ignored. */
  history: ProgressPoint[];
  /** Milestones not done whose due date has passed. */
  overdue: OverdueMilestone[];
  previous: RecordedProjection | null;
}

export type ProjectionCause = 'complete' | 'on_target' | 'pace' | 'overdue' | 'unknown_pace';

export interface Stage2Projection {
  projectedOn: string | null;
  cause: ProjectionCause;
  pacePerWeek: number | null;
  remainingSteps: number;
  slipDays: number;
  /** The most overdue milestone, when one is. */
  latestMilestone: OverdueMilestone | null;
  /** One or two sentences: what the date rests on. */
  basis: string;
  movement: { direction: 'first' | 'later' | 'earlier' | 'same'; days: number; reasons: string[] };
}

const dayMs = 86_400_000;
const toDay = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toDay(to) - toDay(from)) / dayMs);
}
export function addDaysTo(iso: string, days: number): string {
  return new Date(toDay(iso) + days * dayMs).toISOString().slice(0, 10);
}
const latest = (dates: string[]) => dates.reduce((a, b) => (b > a ? b : a));
const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const formatDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const steps = (n: number) => `${round(n, 1)} ${round(n, 1) === 1 ? 'step' : 'steps'}`;

/** The pace in steps a week from the points in the window, or null when it cannot be measured. */
export function measurePace(today: string, stepsDone: number, history: ProgressPoint[]): number | null {
  const windowStart = addDaysTo(today, -paceWindowDays);
  const inWindow = history.filter((p) => p.on >= windowStart && p.on < today).sort((a, b) => (a.on < b.on ? -1 : 1));
  const base = inWindow[0];
  if (!base) return null;
  const days = daysBetween(base.on, today);
  const gained = stepsDone - base.stepsDone;
  if (days < 1 || gained <= 0) return null;
  return (gained / days) * 7;
}

/** Applies the rule (see the file's comment) and explains the date against the previous projection. */
export function projectStage2(input: ProjectionInput): Stage2Projection {
  const { today, targetOn } = input;
  const remainingSteps = Math.max(0, round(input.stepsTotal - input.stepsDone, 6));
  const pacePerWeek = measurePace(today, input.stepsDone, input.history);
  const mostOverdue = input.overdue.reduce<OverdueMilestone | null>((a, m) => (a === null || m.dueOn < a.dueOn ? m : a), null);
  const slipDays = mostOverdue ? Math.max(0, daysBetween(mostOverdue.dueOn, today)) : 0;
  const slipDate = addDaysTo(targetOn, slipDays);

  let projectedOn: string | null;
  let cause: ProjectionCause;
  let basis: string;
  if (remainingSteps === 0) {
    projectedOn = latest([targetOn, slipDate, today]);
    cause = 'complete';
    basis = 'Every step is complete: Stage 2 can go ahead as booked.';
  } else if (pacePerWeek === null) {
    projectedOn = null;
    cause = 'unknown_pace';
    basis = `No work was completed in the last ${paceWindowDays} days, so there is no pace to project from yet. ${steps(remainingSteps)} of ${input.stepsTotal} remain.`;
  } else {
    const workDate = addDaysTo(today, Math.ceil((remainingSteps / pacePerWeek) * 7));
    projectedOn = latest([targetOn, workDate, slipDate]);
    const paceWords = `At the pace of the last ${paceWindowDays} days (${round(pacePerWeek, 2)} steps a week), the remaining ${steps(remainingSteps)} take until ${formatDay(workDate)}.`;
    if (projectedOn === targetOn && workDate <= targetOn && slipDays === 0) {
      cause = 'on_target';
      basis = `${paceWords} That is in time for the planned date.`;
    } else if (slipDate >= workDate && slipDays > 0) {
      cause = 'overdue';
      basis = `“${mostOverdue?.title ?? ''}” is ${slipDays} ${slipDays === 1 ? 'day' : 'days'} overdue, which holds up every later step. ${paceWords}`;
    } else {
      cause = 'pace';
      basis = paceWords;
    }
  }
  return { projectedOn, cause, pacePerWeek, remainingSteps, slipDays, latestMilestone: mostOverdue, basis, movement: explainMovement(input, projectedOn, pacePerWeek, slipDays) };
}

function explainMovement(input: ProjectionInput, projectedOn: string | null, pace: number | null, slipDays: number): Stage2Projection['movement'] {
  const previous = input.previous;
  if (!previous) return { direction: 'first', days: 0, reasons: [] };
  const days = previous.projectedOn && projectedOn ? daysBetween(previous.projectedOn, projectedOn) : 0;
  const direction = days > 0 ? 'later' : days < 0 ? 'earlier' : 'same';
  const since = `since ${formatDay(previous.on)}`;
  const reasons: string[] = [];
  const newlyOverdue = input.overdue.filter((m) => !previous.overdueTitles.includes(m.title));
  if (slipDays > previous.slipDays) {
    const names = newlyOverdue.length > 0 ? newlyOverdue.map((m) => `“${m.title}”`).join(', ') : `“${input.overdue[0]?.title ?? ''}”`;
    reasons.push(newlyOverdue.length > 0 ? `${names} fell overdue ${since}.` : `${names} is still overdue, now by ${slipDays} days.`);
  } else if (slipDays < previous.slipDays) {
    reasons.push(slipDays === 0 ? `No milestone is overdue any more (${since}).` : `Overdue milestones were finished ${since}.`);
  }
  const gained = round(input.stepsDone - previous.stepsDone, 2);
  if (gained > 0) reasons.push(`Work was completed ${since}: ${steps(gained)} (now ${round(input.stepsDone, 1)} of ${input.stepsTotal}).`);
  if (gained < 0) reasons.push(`Work went back ${since}: ${steps(-gained)} (now ${round(input.stepsDone, 1)} of ${input.stepsTotal}).`);
  if (pace !== null && previous.pacePerWeek !== null && round(pace, 2) !== round(previous.pacePerWeek, 2)) {
    reasons.push(`The pace went ${pace > previous.pacePerWeek ? 'up' : 'down'} from ${round(previous.pacePerWeek, 2)} to ${round(pace, 2)} steps a week.`);
  }
  if (pace === null && previous.pacePerWeek !== null) reasons.push(`No work was completed in the last ${paceWindowDays} days, so the pace can no longer be measured.`);
  if (input.targetOn !== previous.targetOn) reasons.push(`The planned Stage 2 date changed from ${formatDay(previous.targetOn)} to ${formatDay(input.targetOn)}.`);
  if (reasons.length === 0 && direction !== 'same') reasons.push(`Time passed ${since} with the same work left.`);
  return { direction, days: Math.abs(days), reasons };
}
