import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { FormerMember, formerMemberListQuery } from '@custodian/shared/contracts/org.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { Role } from '@custodian/shared/permissions.ts';
import type { z } from 'zod';
import type { AuditWho, OrgCtx, TxCtx } from '../../core/ctx.ts';
import { deidentifyInTrail, pseudonymOf } from '../audit-log/audit-log.service.ts';
import { deidentifyMail } from '../mail/mail.service.ts';
import {
  lockOrgAgainstRules,
  countMembersAndOwners,
  deidentifyInvitations,
  findFormerMember,
  listFormerMemberRows,
  markFormerMemberDeidentified,
  takePseudonymNumber,
  upsertFormerMember,
  type FormerMemberRow,
} from './former-members.repo.ts';
import { closeOrgRow, deleteMembership, findMembership, lockOrgRow, memberName } from './org.repo.ts';

function toFormerMember(row: FormerMemberRow): FormerMember {
  const isDeidentified = row.pseudonym_no !== null;
  return {
    userId: row.user_id,
    name: row.name,
    email: isDeidentified ? null : row.email,
    role: row.role as Role,
    leftAt: new Date(row.left_at).toISOString(),
    reason: row.reason as FormerMember['reason'],
    isDeidentified,
    deidentifiedAt: row.deidentified_at ? new Date(row.deidentified_at).toISOString() : null,
  };
}

/** The people who have left the organisation (owners: the members page). */
export async function listFormerMembers(ctx: OrgCtx, query: z.output<typeof formerMemberListQuery>): Promise<ListReply<FormerMember>> {
  const page = await listFormerMemberRows(ctx.tx, ctx.org.id, query);
  return { ...page, items: page.items.map(toFormerMember) };
}

/** A person leaves an organisation (removed, or deleting their account): their membership ends and the organisation keeps who they were. */
export async function recordDeparture(ctx: TxCtx, orgId: string, person: { userId: string; name: string; email: string; role: string }, reason: 'removed' | 'account_deleted'): Promise<boolean> {
  await upsertFormerMember(ctx.tx, { org_id: orgId, user_id: person.userId, name: person.name, email: person.email, role: person.role, left_at: ctx.now, reason });
  return deleteMembership(ctx.tx, orgId, person.userId);
}

/**
 * Replaces a former member's name and address with "Former member N" in the organisation's records
 * (this row, invitations to them, mail to or naming them, their fields in the audit trail), recording
 * the de-identification as `who` (ADR 0015). The caller holds the organisation's lock.
 */
async function deidentifyIn(ctx: TxCtx, who: AuditWho, former: FormerMemberRow): Promise<FormerMemberRow> {
  const no = await takePseudonymNumber(ctx.tx, former.org_id);
  const pseudonym = { no, text: pseudonymOf(no) };
  await ctx.recordAudit(who, { action: 'member.deidentified', entity: { type: 'member', id: former.user_id }, after: { pseudonym: pseudonym.text, pseudonymNo: no } });
  const row = await markFormerMemberDeidentified(ctx.tx, { orgId: former.org_id, userId: former.user_id }, pseudonym, ctx.now);
  await deidentifyInvitations(ctx.tx, former.org_id, former.email, pseudonym.text);
  await deidentifyMail(ctx, former.org_id, { name: former.name, email: former.email }, pseudonym.text);
  await deidentifyInTrail(ctx, former.org_id, { userId: former.user_id, email: former.email }, pseudonym);
  return row;
}

/**
 * An owner de-identifies someone who has left. Refused while the person is a member (409), and for
 * someone already de-identified (409: two at once give one pseudonym, the organisation's lock decides).
 */
export async function deidentifyFormerMember(ctx: OrgCtx, userId: string): Promise<FormerMember> {
  if (!(await lockOrgRow(ctx.tx, ctx.org.id))) throw notFound('The organisation');
  if (await findMembership(ctx.tx, ctx.org.id, userId)) {
    const name = (await memberName(ctx.tx, ctx.org.id, userId)) ?? 'This person';
    throw new AppError('conflict', `${name} is still a member of ${ctx.org.name}. Only people who have left can be de-identified: remove them from the organisation first.`);
  }
  const former = await findFormerMember(ctx.tx, ctx.org.id, userId);
  if (!former) throw notFound('The former member');
  if (former.pseudonym_no !== null) throw new AppError('conflict', `This former member has already been de-identified: they are shown as “${former.name}”.`);
  return toFormerMember(await deidentifyIn(ctx, { orgId: ctx.org.id, userId: ctx.actor.userId, label: ctx.actor.userLabel }, former));
}

/**
 * An organisation's head count, for a person about to delete their account; with the organisation
 * locked against the rules that count owners (role changes, removals) when asked. The lock lets
 * inserts that merely reference the organisation through (its foreign keys) go on, so an action
 * already under way is never deadlocked by the deletion.
 */
export async function lockForDeparture(ctx: TxCtx, orgId: string, isLocking: boolean): Promise<{ members: number; owners: number }> {
  if (isLocking) await lockOrgAgainstRules(ctx.tx, orgId);
  return countMembersAndOwners(ctx.tx, orgId);
}

/**
 * The organisation's last member deleted their account: it is closed (kept, read-only: nobody can
 * reach it, its audit trail still verifies), its pending invitations withdrawn, and the person
 * de-identified in it, since nobody is left to do so. Recorded as the departing person.
 */
export async function closeOrganisation(ctx: TxCtx, who: AuditWho): Promise<void> {
  const closed = await closeOrgRow(ctx.tx, who.orgId, ctx.now);
  if (!closed) return;
  await ctx.recordAudit(who, { action: 'org.closed', entity: { type: 'org', id: who.orgId }, after: { invitationsWithdrawn: closed.invitationsWithdrawn } });
  const former = who.userId ? await findFormerMember(ctx.tx, who.orgId, who.userId) : undefined;
  if (former) await deidentifyIn(ctx, who, former);
}
