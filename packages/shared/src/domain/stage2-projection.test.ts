import { describe, expect, it } from 'vitest';
import { projectStage2, type ProjectionInput, type RecordedProjection } from './stage2-projection.ts';

// Today 01/03/2027; Stage 2 planned for 01/07/2027; 2 of 6 steps done, 1 step done in the last 14 days.
const base: ProjectionInput = {
  today: '2027-03-01',
  targetOn: '2027-07-01',
  stepsDone: 2,
  stepsTotal: 6,
  history: [{ on: '2027-02-15', stepsDone: 1 }],
  overdue: [],
  previous: null,
};
const record = (on: string, input: ProjectionInput): RecordedProjection => {
  const p = projectStage2(input);
  return { on, targetOn: input.targetOn, projectedOn: p.projectedOn, stepsDone: input.stepsDone, pacePerWeek: p.pacePerWeek, slipDays: p.slipDays, overdueTitles: input.overdue.map((m) => m.title) };
};

describe('the projected Stage 2 date', () => {
  it('is today + remaining steps ÷ the pace of the last 28 days, never before the planned date', () => {
    const p = projectStage2(base);
    // 1 step in 14 days = 0.5 a week; 4 steps left = 8 weeks = 56 days from 01/03 = 26/04, before the plan.
    expect(p.pacePerWeek).toBe(0.5);
    expect(p.remainingSteps).toBe(4);
    expect(p.projectedOn).toBe('2027-07-01');
    expect(p.cause).toBe('on_target');
    // Slower: 1 step in 28 days = 0.25 a week: 16 weeks = 112 days = 21/06, after a planned 01/04.
    const slow = projectStage2({ ...base, targetOn: '2027-04-01', history: [{ on: '2027-02-01', stepsDone: 1 }] });
    expect(slow.pacePerWeek).toBe(0.25);
    expect(slow.projectedOn).toBe('2027-06-21');
    const slower = projectStage2({ ...base, targetOn: '2027-04-01', history: [{ on: '2027-02-01', stepsDone: 1.5 }] });
    expect(slower.pacePerWeek).toBe(0.125);
    expect(slower.projectedOn).toBe('2027-10-11'); // 0.125 a week: 32 weeks = 224 days after 01/03
    expect(slower.cause).toBe('pace');
    expect(slower.basis).toContain('11/10/2027');
  });

  it('has no date (rather than a made-up one) when no work was completed in the window', () => {
    expect(projectStage2({ ...base, history: [] }).projectedOn).toBeNull();
    expect(projectStage2({ ...base, history: [{ on: '2027-01-01', stepsDone: 0 }] }).projectedOn).toBeNull();
    const stalled = projectStage2({ ...base, history: [{ on: '2027-02-15', stepsDone: 2 }] });
    expect(stalled.cause).toBe('unknown_pace');
    expect(stalled.basis).toContain('No work was completed in the last 28 days');
  });

  it('moves later when a milestone falls overdue, by the days it is late, and names it', () => {
    const before = record('2027-02-28', { ...base, today: '2027-02-28', history: [{ on: '2027-02-14', stepsDone: 1 }] });
    expect(before.projectedOn).toBe('2027-07-01');
    const late = projectStage2({ ...base, overdue: [{ title: 'Internal audit done', dueOn: '2027-02-19' }], previous: before });
    expect(late.slipDays).toBe(10);
    expect(late.projectedOn).toBe('2027-07-11');
    expect(late.cause).toBe('overdue');
    expect(late.basis).toContain('“Internal audit done” is 10 days overdue');
    expect(late.movement).toEqual({ direction: 'later', days: 10, reasons: ['“Internal audit done” fell overdue since 28/02/2027.'] });
    // A day later, still late: later again by one day.
    const stillLate = projectStage2({ ...base, today: '2027-03-02', overdue: [{ title: 'Internal audit done', dueOn: '2027-02-19' }], previous: record('2027-03-01', { ...base, overdue: [{ title: 'Internal audit done', dueOn: '2027-02-19' }] }) });
    expect(stillLate.projectedOn).toBe('2027-07-12');
    expect(stillLate.movement.direction).toBe('later');
    expect(stillLate.movement.reasons[0]).toBe('“Internal audit done” is still overdue, now by 11 days.');
  });

  it('moves earlier (or stays) when work is completed, and says so', () => {
    const slowInput = { ...base, targetOn: '2027-04-01', history: [{ on: '2027-02-01', stepsDone: 1.5 }] };
    const before = record('2027-02-28', slowInput);
    expect(before.projectedOn).toBe('2027-10-11');
    // One more step done: (3 − 1.5) ÷ 28 × 7 = 0.375 a week; 3 steps left = 56 days.
    const after = projectStage2({ ...slowInput, stepsDone: 3, previous: before });
    expect(after.projectedOn).toBe('2027-04-26');
    expect(after.movement.direction).toBe('earlier');
    expect(after.movement.reasons).toContain('Work was completed since 28/02/2027: 1 step (now 3 of 6).');
    expect(after.movement.reasons).toContain('The pace went up from 0.13 to 0.38 steps a week.');
    // Already on target: completing work keeps the planned date.
    const onTarget = projectStage2({ ...base, stepsDone: 3, previous: record('2027-02-28', base) });
    expect(onTarget.projectedOn).toBe('2027-07-01');
    expect(onTarget.movement.direction).toBe('same');
    // Finishing the overdue milestone takes the slip away.
    const late = { ...base, overdue: [{ title: 'Internal audit done', dueOn: '2027-02-19' }] };
    const finished = projectStage2({ ...base, previous: record('2027-02-28', late) });
    expect(finished.movement.direction).toBe('earlier');
    expect(finished.movement.reasons[0]).toBe('No milestone is overdue any more (since 28/02/2027).');
  });

  it('is the planned date once every step is complete', () => {
    const done = projectStage2({ ...base, stepsDone: 6 });
    expect(done.cause).toBe('complete');
    expect(done.projectedOn).toBe('2027-07-01');
  });
});
