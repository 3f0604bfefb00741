import type { TrainingTeam } from '@custodian/shared/contracts/training.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { findMemberRow, findTeamRow, insertTeamRow, listMemberRows, listTeamRows, setTeamMemberRow } from './training-people.repo.ts';

/** The organisation's teams with their members. */
export async function listTrainingTeams(ctx: OrgCtx): Promise<{ items: TrainingTeam[] }> {
  const [teams, members] = [await listTeamRows(ctx.tx, ctx.org.id), await listMemberRows(ctx.tx, ctx.org.id)];
  return { items: teams.map((t) => ({ ...t, members: members.filter((m) => m.team_id === t.id).map((m) => ({ userId: m.user_id, name: m.name })) })) };
}

/** Adds a team; a name the organisation already uses (in any case) is refused. */
export async function createTrainingTeam(ctx: OrgCtx, body: { name: string }): Promise<TrainingTeam> {
  const id = newId(ctx.now.getTime());
  if (!(await insertTeamRow(ctx.tx, { org_id: ctx.org.id, id, name: body.name, created_at: ctx.now, created_by: ctx.actor.userId }))) {
    throw new AppError('conflict', `There is already a team called “${body.name}”.`);
  }
  await ctx.audit('training.team_created', { type: 'training_team', id }, null, { name: body.name });
  return { id, name: body.name, members: [] };
}

/** Puts a member in a team from today (moving them from another), or takes them out of their team; an unknown member or team is 404, as another organisation's is. */
export async function setTrainingTeam(ctx: OrgCtx, body: { userId: string; teamId: string | null }): Promise<void> {
  const member = await findMemberRow(ctx.tx, ctx.org.id, body.userId.toLowerCase());
  if (!member) throw notFound('That member');
  const team = body.teamId === null ? null : await findTeamRow(ctx.tx, ctx.org.id, body.teamId.toLowerCase(), true);
  if (body.teamId !== null && !team) throw notFound('That team');
  if ((team?.id ?? null) === member.team_id) {
    ctx.skipAudit('the member was already there');
    return;
  }
  const teams = await listTeamRows(ctx.tx, ctx.org.id);
  const before = teams.find((t) => t.id === member.team_id)?.name ?? null;
  await setTeamMemberRow(ctx.tx, { org_id: ctx.org.id, user_id: member.user_id, team_id: team?.id ?? null, since: todayIn(ctx.org.timeZone, ctx.now) });
  await ctx.audit('training.team_changed', { type: 'member', id: member.user_id }, { name: member.name, team: before }, { name: member.name, team: team?.name ?? null });
}
