import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { Invitation, SentInvitation, invitationListQuery } from '@custodian/shared/contracts/org.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import { roleLabels, type Role } from '@custodian/shared/permissions.ts';
import type { z } from 'zod';
import { userLabel } from '../../core/auth-state.ts';
import type { OrgCtx, TxCtx } from '../../core/ctx.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { formatAuDate, todayIn } from '../../lib/dates.ts';
import { isUuid, newId } from '../../lib/ids.ts';
import { queueMail } from '../mail/mail.service.ts';
import {
  closeInvitation,
  findInvitation,
  findInvitationByToken,
  findPendingInvitationFor,
  insertInvitation,
  listInvitationRows,
  type InvitationRow,
} from './invitation.repo.ts';
import { findMemberByEmail, findMembership, findOrg, insertMembership, lockOrgRow } from './org.repo.ts';
import { assertMayGrantRole, rolesInvitableBy } from './org.policy.ts';
import { lockOrganisation } from './org.service.ts';

const invitationDays = 7;

function statusOf(row: InvitationRow, now: Date) {
  if (row.accepted_at) return 'accepted' as const;
  if (row.revoked_at) return 'revoked' as const;
  if (new Date(row.expires_at) <= now) return 'expired' as const;
  return 'pending' as const;
}

function toInvitation(row: InvitationRow, now: Date): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    expiresAt: new Date(row.expires_at).toISOString(),
    status: statusOf(row, now),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function listInvitations(ctx: OrgCtx, query: z.output<typeof invitationListQuery>): Promise<ListReply<Invitation>> {
  const page = await listInvitationRows(ctx.tx, ctx.org.id, query, ctx.now);
  return { ...page, items: page.items.map((row) => toInvitation(row, ctx.now)) };
}

/**
 * Invites someone by e-mail. The token carries the organisation id (so accepting needs no
 * cross-organisation lookup) and is stored only as a hash. Only an owner may invite an owner; one
 * pending invitation per address (the organisation's lock makes that hold for parallel requests).
 * Says whether an e-mail goes out, so nobody is told "sent" when there is no mail server.
 */
export async function inviteMember(ctx: OrgCtx, input: { email: string; role: Role }): Promise<SentInvitation> {
  assertMayGrantRole(ctx.actor, input.role);
  await lockOrganisation(ctx);
  if (await findPendingInvitationFor(ctx.tx, ctx.org.id, input.email, ctx.now)) {
    throw new AppError('conflict', `${input.email} already has a pending invitation. Withdraw it first to send a new one.`, [
      { path: 'email', message: 'already invited' },
    ]);
  }
  if (await findMemberByEmail(ctx.tx, ctx.org.id, input.email)) {
    throw new AppError('conflict', `${input.email} is already a member of this organisation.`, [{ path: 'email', message: 'already a member' }]);
  }
  const id = newId(ctx.now.getTime());
  const token = `${ctx.org.id}.${randomToken()}`;
  const expiresAt = new Date(ctx.now.getTime() + invitationDays * 86_400_000);
  await insertInvitation(ctx.tx, {
    org_id: ctx.org.id,
    id,
    email: input.email,
    role: input.role,
    token_hash: sha256Hex(token),
    invited_by: ctx.actor.userId,
    expires_at: expiresAt,
    created_at: ctx.now,
  });
  await queueMail(ctx, ctx.org.id, {
    to: input.email,
    subject: `You are invited to ${ctx.org.name} on Custodian`,
    text:
      `${ctx.user.name} invited you to join ${ctx.org.name} on Custodian as ${roleLabels[input.role]}.\n\n` +
      `Accept the invitation:\n${ctx.deps.config.publicUrl}/accept-invitation?token=${token}\n\n` +
      `The invitation expires on ${formatAuDate(todayIn(ctx.org.timeZone, expiresAt))}.\n`,
  });
  await ctx.audit('invitation.created', { type: 'invitation', id }, null, { email: input.email, role: input.role });
  const row = await findInvitation(ctx.tx, ctx.org.id, id);
  if (!row) throw new Error('invitation vanished after insert');
  return { ...toInvitation(row, ctx.now), delivery: ctx.deps.config.smtpUrl ? 'email' : 'outbox_only' };
}

export async function revokeInvitation(ctx: OrgCtx, id: string): Promise<void> {
  const row = await findInvitation(ctx.tx, ctx.org.id, id);
  if (!row) throw notFound('The invitation');
  const status = statusOf(row, ctx.now);
  if (status !== 'pending' || !(await closeInvitation(ctx.tx, ctx.org.id, id, { revoked_at: ctx.now }))) {
    throw new AppError('conflict', `This invitation is already ${status === 'pending' ? 'closed' : status}.`);
  }
  await ctx.audit('invitation.revoked', { type: 'invitation', id }, { email: row.email, role: row.role });
}

function orgIdFromToken(token: string): string {
  const orgId = token.split('.')[0] ?? '';
  if (!isUuid(orgId)) throw notFound('The invitation');
  return orgId;
}

const invitationGone = () => notFound('The invitation (it may have expired or been withdrawn)');

/**
 * Finds a pending invitation by its link token, switching the transaction's scope to the inviting
 * organisation (the token names it; the token's hash must match). An invitation whose sender has left
 * or may no longer invite as its role is gone too (revoked with the change; this also covers older ones).
 */
export async function findPendingInvitation(ctx: TxCtx, token: string, userId: string | null = ctx.auth.user?.id ?? null) {
  const orgId = orgIdFromToken(token);
  await ctx.setScope({ orgId, userId });
  const row = await findInvitationByToken(ctx.tx, orgId, sha256Hex(token));
  const org = await findOrg(ctx.tx, orgId);
  if (!row || !org || statusOf(row, ctx.now) !== 'pending') throw invitationGone();
  const sender = await findMembership(ctx.tx, orgId, row.invited_by);
  if (!rolesInvitableBy((sender?.role as Role | undefined) ?? null).includes(row.role as Role)) throw invitationGone();
  return { row, org };
}

/**
 * Adds the invited person to the organisation inside the caller's transaction (whose scope
 * findPendingInvitation set); the invitation must have been sent to their address.
 */
export async function acceptInvitationFor(ctx: TxCtx, token: string, user: { id: string; email: string; name: string }): Promise<{ orgId: string }> {
  // The organisation's lock first: removing the sender or changing their role (which revokes their
  // invitations under the same lock) then happens wholly before this acceptance or wholly after it.
  await ctx.setScope({ orgId: orgIdFromToken(token), userId: user.id });
  if (!(await lockOrgRow(ctx.tx, orgIdFromToken(token)))) throw invitationGone();
  const { row } = await findPendingInvitation(ctx, token, user.id);
  if (row.email !== user.email) throw new AppError('forbidden', `This invitation was sent to ${row.email}. Sign in as that person to accept it.`);
  await ctx.setScope({ orgId: row.org_id, userId: user.id });
  if (await findMembership(ctx.tx, row.org_id, user.id)) throw new AppError('conflict', 'You already belong to this organisation.');
  if (!(await closeInvitation(ctx.tx, row.org_id, row.id, { accepted_at: ctx.now }))) throw invitationGone();
  await insertMembership(ctx.tx, { org_id: row.org_id, user_id: user.id, role: row.role, created_at: ctx.now });
  const who = { orgId: row.org_id, userId: user.id, label: userLabel(user) };
  await ctx.recordAudit(who, { action: 'invitation.accepted', entity: { type: 'invitation', id: row.id } });
  await ctx.recordAudit(who, { action: 'member.added', entity: { type: 'member', id: user.id }, after: { role: row.role } });
  return { orgId: row.org_id };
}
