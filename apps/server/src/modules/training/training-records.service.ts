import type { MyTraining, TrainingCompletion, TrainingCoverage } from '@custodian/shared/contracts/training.ts';
import { trainingRenewalDays, type TrainingFrequency } from '@custodian/shared/domain/training-status.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { formatAuDate } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { insertCompletionRow, listCompletionRows, type CompletionRow } from './training-people.repo.ts';
import { tallyOf, trainingPicture, type PersonItem, type TrainingPicture } from './training-standings.ts';
import { findItemRow } from './training.repo.ts';

const toCompletion = (row: CompletionRow): TrainingCompletion => ({
  id: row.id,
  itemId: row.item_id,
  userId: row.user_id,
  completedOn: row.completed_on,
  forDueOn: row.for_due_on,
  evidenceNote: row.evidence_note,
  recordedByName: row.recorded_by_name,
});

/** Coverage per item, per team (people in no team last) and per person, overdue first. */
export function coverageOf(picture: TrainingPicture): TrainingCoverage {
  const of = (keep: (s: PersonItem) => boolean) => tallyOf(picture.standings.filter(keep));
  const items = picture.items
    .filter((item) => picture.standings.some((s) => s.item.id === item.id))
    .map((item) => ({ itemId: item.id, title: item.title, ...of((s) => s.item.id === item.id) }));
  const teamName = new Map(picture.teams.map((t) => [t.id, t.name]));
  const teams = [...picture.teams.map((t) => ({ teamId: t.id as string | null, name: t.name })), { teamId: null, name: 'No team' }]
    .map((team) => ({ ...team, people: picture.members.filter((m) => m.team_id === team.teamId).length, ...of((s) => s.person.team_id === team.teamId) }))
    .filter((team) => team.teamId !== null || team.assigned > 0);
  const people = picture.members
    .map((m) => {
      const mine = picture.standings.filter((s) => s.person.user_id === m.user_id);
      const open = mine.filter((s) => s.status !== 'complete' && s.dueOn !== null).map((s) => s.dueOn ?? '');
      return { userId: m.user_id, name: m.name, teamName: m.team_id ? (teamName.get(m.team_id) ?? null) : null, nextDueOn: open.sort()[0] ?? null, ...tallyOf(mine) };
    })
    .filter((p) => p.assigned > 0)
    .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name));
  return { today: picture.today, items, teams, people };
}

export async function trainingCoverage(ctx: OrgCtx): Promise<TrainingCoverage> {
  return coverageOf(await trainingPicture(ctx));
}

/** The signed-in person's own training: what is assigned to them, its content or link, and when it is due. */
export async function myTraining(ctx: OrgCtx): Promise<{ today: string; items: MyTraining[] }> {
  const picture = await trainingPicture(ctx);
  const order = { overdue: 0, due: 1, complete: 2 } as const;
  const items = picture.standings
    .filter((s) => s.person.user_id === ctx.actor.userId)
    .sort((a, b) => order[a.status] - order[b.status] || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'))
    .map((s) => ({
      itemId: s.item.id,
      title: s.item.title,
      kind: s.item.kind as MyTraining['kind'],
      content: s.item.content,
      url: s.item.url,
      frequency: s.item.frequency as TrainingFrequency,
      status: s.status,
      dueOn: s.dueOn,
      lastCompletedOn: s.lastCompletedOn,
    }));
  return { today: picture.today, items };
}

/** The completions of an item, latest first. */
export async function listTrainingCompletions(ctx: OrgCtx, itemId: string): Promise<{ items: TrainingCompletion[] }> {
  if (!(await findItemRow(ctx.tx, ctx.org.id, itemId))) throw notFound('That training item');
  return { items: (await listCompletionRows(ctx.tx, ctx.org.id, itemId)).map(toCompletion) };
}

/**
 * Records a completion: the item must be assigned to the person, the day not in the future (the
 * organisation's calendar). It meets the person's current due date; training already complete (a one-off
 * done, a repeated one not yet open again) is refused, and two completions at once record one (the
 * unique due date).
 */
async function recordCompletion(ctx: OrgCtx, input: { itemId: string; userId: string; completedOn: string; evidenceNote: string }): Promise<TrainingCompletion> {
  const item = await findItemRow(ctx.tx, ctx.org.id, input.itemId, 'share');
  if (!item) throw notFound('That training item');
  const picture = await trainingPicture(ctx);
  const standing = picture.standings.find((s) => s.item.id === input.itemId && s.person.user_id === input.userId);
  const isSelf = input.userId === ctx.actor.userId;
  if (!standing) {
    throw new AppError('validation_failed', isSelf ? `“${item.title}” is not assigned to you.` : `“${item.title}” is not assigned to that person.`, [{ path: isSelf ? 'id' : 'userId', message: 'is not assigned this training' }]);
  }
  if (input.completedOn > picture.today) {
    throw new AppError('validation_failed', `The completion date cannot be in the future: today is ${formatAuDate(picture.today)}.`, [{ path: 'completedOn', message: 'is in the future' }]);
  }
  if (standing.lastCompletedOn !== null && input.completedOn < standing.lastCompletedOn) {
    throw new AppError('validation_failed', `A later completion is already recorded (${formatAuDate(standing.lastCompletedOn)}).`, [{ path: 'completedOn', message: 'is before the last completion' }]);
  }
  if (standing.status === 'complete' || standing.dueOn === null) {
    const until = standing.dueOn === null ? 'It is done once only.' : `It opens again ${trainingRenewalDays} days before it is next due, on ${formatAuDate(standing.dueOn)}.`;
    throw new AppError('conflict', `“${item.title}” is already complete for ${isSelf ? 'you' : standing.person.name}. ${until}`);
  }
  const row = await insertCompletionRow(ctx.tx, {
    org_id: ctx.org.id,
    id: newId(ctx.now.getTime()),
    item_id: input.itemId,
    user_id: input.userId,
    completed_on: input.completedOn,
    for_due_on: standing.dueOn,
    evidence_note: input.evidenceNote,
    recorded_by: ctx.actor.userId,
    recorded_at: ctx.now,
  });
  if (!row) throw new AppError('conflict', `A completion of “${item.title}” was just recorded for ${isSelf ? 'you' : standing.person.name}; it is not recorded twice.`);
  await ctx.audit(
    'training.completed',
    { type: 'training', id: input.itemId },
    null,
    { title: item.title, personName: standing.person.name, completedOn: input.completedOn, evidenceNote: input.evidenceNote, isSelf },
  );
  return toCompletion(row);
}

/** The signed-in person completes their own training. */
export async function completeMyTraining(ctx: OrgCtx, itemId: string, body: { completedOn: string; evidenceNote: string }): Promise<TrainingCompletion> {
  return recordCompletion(ctx, { itemId, userId: ctx.actor.userId, ...body });
}

/** A manager records someone's completion, with evidence. */
export async function recordTrainingCompletion(ctx: OrgCtx, itemId: string, body: { userId: string; completedOn: string; evidenceNote: string }): Promise<TrainingCompletion> {
  return recordCompletion(ctx, { itemId, userId: body.userId.toLowerCase(), completedOn: body.completedOn, evidenceNote: body.evidenceNote });
}
