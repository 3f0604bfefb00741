import { percentOf, trainingStanding, type TrainingFrequency, type TrainingStatus } from '@custodian/shared/domain/training-status.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { listLatestCompletionRows, listMemberRows, listTeamRows, type MemberRow } from './training-people.repo.ts';
import { listAllItemRows, listAssignmentRows, type AssignmentRow, type TrainingItemRow } from './training.repo.ts';

/** One person's standing on one item assigned to them. */
export interface PersonItem {
  item: TrainingItemRow;
  person: MemberRow;
  appliesFrom: string;
  lastCompletedOn: string | null;
  dueOn: string | null;
  status: TrainingStatus;
}

export interface TrainingPicture {
  today: string;
  items: TrainingItemRow[];
  members: MemberRow[];
  teams: Array<{ id: string; name: string }>;
  standings: PersonItem[];
}

/** What the picture needs: the transaction, the clock and the organisation (a job has no signed-in actor). */
export type PictureCtx = Pick<OrgCtx, 'tx' | 'now'> & { org: { id: string; timeZone: string } };

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * The day an assignment starts to apply to a person, or null when it does not apply: never before the
 * item was assigned, the person joined the organisation, or (for a team) the person joined the team.
 */
function appliesFrom(assignment: AssignmentRow, person: MemberRow, joinedOn: string): string | null {
  const from = later(assignment.assigned_on, joinedOn);
  if (assignment.target_kind === 'role') return assignment.target_key === person.role ? from : null;
  if (assignment.target_kind === 'member') return assignment.target_key === person.user_id ? from : null;
  return person.team_id === assignment.target_key && person.team_since ? later(from, person.team_since) : null;
}

/** Who must do what and how each stands, on the organisation's today (its own time zone). */
export async function trainingPicture(ctx: PictureCtx): Promise<TrainingPicture> {
  const today = todayIn(ctx.org.timeZone, ctx.now);
  const [items, assignments, members, teams, latest] = [
    await listAllItemRows(ctx.tx, ctx.org.id),
    await listAssignmentRows(ctx.tx, ctx.org.id),
    await listMemberRows(ctx.tx, ctx.org.id),
    await listTeamRows(ctx.tx, ctx.org.id),
    await listLatestCompletionRows(ctx.tx, ctx.org.id),
  ];
  const lastDone = new Map(latest.map((row) => [`${row.item_id}|${row.user_id}`, row.completed_on]));
  const byItem = new Map<string, AssignmentRow[]>();
  for (const a of assignments) byItem.set(a.item_id, [...(byItem.get(a.item_id) ?? []), a]);
  const standings: PersonItem[] = [];
  for (const item of items) {
    const itemAssignments = byItem.get(item.id) ?? [];
    if (itemAssignments.length === 0) continue;
    for (const person of members) {
      const joinedOn = todayIn(ctx.org.timeZone, new Date(person.joined_at));
      const starts = itemAssignments.map((a) => appliesFrom(a, person, joinedOn)).filter((d): d is string => d !== null);
      if (starts.length === 0) continue;
      const from = starts.sort()[0] ?? today;
      const lastCompletedOn = lastDone.get(`${item.id}|${person.user_id}`) ?? null;
      const standing = trainingStanding({ appliesFrom: from, dueDays: item.due_days, frequency: item.frequency as TrainingFrequency, lastCompletedOn, today });
      standings.push({ item, person, appliesFrom: from, lastCompletedOn, ...standing });
    }
  }
  return { today, items, members, teams, standings };
}

export interface Tally {
  assigned: number;
  complete: number;
  due: number;
  overdue: number;
  percentComplete: number;
}

/** Counts of a set of standings; percent complete rounded down. */
export function tallyOf(standings: readonly PersonItem[]): Tally {
  const count = (status: TrainingStatus) => standings.filter((s) => s.status === status).length;
  const complete = count('complete');
  return { assigned: standings.length, complete, due: count('due'), overdue: count('overdue'), percentComplete: percentOf(complete, standings.length) };
}
