import { AppError, notFound } from '@custodian/shared/errors.ts';
import { roleLabels, type Role } from '@custodian/shared/permissions.ts';
import { withOrg, type Tx } from '../../db/with-org.ts';
import type { BaseCtx, Ctx } from '../../http/context.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { newId } from '../../lib/ids.ts';
import { formatAuDate } from '../../lib/dates.ts';
import { auditWho, recordAudit } from '../audit-log/audit-log.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import { findInvitation, findInvitationByToken, findMemberByEmail, findMembership, findOrg, insertInvitation, insertMembership, listInvitationRows, markInvitation } from './org.repo.ts';

const invitationDays = 7;
type InvitationRow = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

function statusOf(row: InvitationRow, now: Date) {
  if (row.accepted_at) return 'accepted' as const;
  if (row.revoked_at) return 'revoked' as const;
  if (new Date(row.expires_at) <= now) return 'expired' as const;
  return 'pending' as const;
}

function toInvitation(row: InvitationRow, now: Date) {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    expiresAt: new Date(row.expires_at).toISOString(),
    status: statusOf(row, now),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function listInvitations(ctx: Ctx) {
  const now = ctx.deps.clock();
  return withOrg(ctx.deps.database.db, ctx.actor, async (trx) => (await listInvitationRows(trx, ctx.actor.orgId)).map((row) => toInvitation(row, now)));
}

/**
 * Invites someone by e-mail. The token carries the organisation id (so accepting needs no
 * cross-organisation lookup) and is stored only as a hash. Only an owner may invite an owner.
 */
export async function inviteMember(ctx: Ctx, input: { email: string; role: Role }) {
  if (input.role === 'owner' && ctx.actor.role !== 'owner') throw new AppError('forbidden', 'Only an owner can invite another owner.');
  const now = ctx.deps.clock();
  const secret = randomToken();
  const token = `${ctx.actor.orgId}.${secret}`;
  const result = await withOrg(ctx.deps.database.db, ctx.actor, async (trx) => {
    const org = await findOrg(trx, ctx.actor.orgId);
    if (!org) throw notFound('The organisation');
    const existing = (await listInvitationRows(trx, ctx.actor.orgId)).find((row) => row.email === input.email && statusOf(row, now) === 'pending');
    if (existing) throw new AppError('conflict', `${input.email} already has a pending invitation. Withdraw it first to send a new one.`, [{ path: 'email', message: 'already invited' }]);
    if (await findMemberByEmail(trx, ctx.actor.orgId, input.email)) throw new AppError('conflict', `${input.email} is already a member of this organisation.`, [{ path: 'email', message: 'already a member' }]);
    const id = newId(now.getTime());
    const expiresAt = new Date(now.getTime() + invitationDays * 86_400_000);
    await insertInvitation(trx, { org_id: ctx.actor.orgId, id, email: input.email, role: input.role, token_hash: sha256Hex(token), invited_by: ctx.actor.userId, expires_at: expiresAt, created_at: now });
    await queueMail(trx, ctx.actor.orgId, {
      to: input.email,
      subject: `You are invited to ${org.name} on Custodian`,
      text:
        `${ctx.actor.userLabel.replace(/ <.*$/, '')} invited you to join ${org.name} on Custodian as ${roleLabels[input.role]}.\n\n` +
        `Accept the invitation:\n${ctx.deps.config.publicUrl}/accept-invitation?token=${token}\n\n` +
        `The invitation expires on ${formatAuDate(expiresAt.toISOString())}.\n`,
    }, now);
    await recordAudit(trx, auditWho(ctx), { action: 'invitation.created', entityType: 'invitation', entityId: id, after: { email: input.email, role: input.role } });
    const row = await findInvitation(trx, ctx.actor.orgId, id);
    if (!row) throw new Error('invitation vanished after insert');
    return toInvitation(row, now);
  });
  ctx.deps.notifyMail();
  return result;
}

export async function revokeInvitation(ctx: Ctx, id: string) {
  const now = ctx.deps.clock();
  await withOrg(ctx.deps.database.db, ctx.actor, async (trx) => {
    const row = await findInvitation(trx, ctx.actor.orgId, id);
    if (!row) throw notFound('The invitation');
    if (statusOf(row, now) !== 'pending') throw new AppError('conflict', `This invitation is already ${statusOf(row, now)}.`);
    await markInvitation(trx, ctx.actor.orgId, id, { revoked_at: now });
    await recordAudit(trx, auditWho(ctx), { action: 'invitation.revoked', entityType: 'invitation', entityId: id, before: { email: row.email, role: row.role } });
  });
}

function orgIdFromToken(token: string): string {
  const orgId = token.split('.')[0] ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(orgId)) throw notFound('The invitation');
  return orgId;
}

async function loadPendingInvitation(ctx: BaseCtx, token: string) {
  const orgId = orgIdFromToken(token);
  const now = ctx.deps.clock();
  return withOrg(ctx.deps.database.db, { orgId }, async (trx) => {
    const row = await findInvitationByToken(trx, orgId, sha256Hex(token));
    const org = await findOrg(trx, orgId);
    if (!row || !org || statusOf(row, now) !== 'pending') throw notFound('The invitation (it may have expired or been withdrawn)');
    return { row, org };
  });
}

/** What an invitation link is for, shown before the person accepts it. */
export async function previewInvitation(ctx: BaseCtx, token: string, hasAccount: (email: string) => Promise<boolean>) {
  const { row, org } = await loadPendingInvitation(ctx, token);
  return { organisationName: org.name, email: row.email, role: row.role as Role, hasAccount: await hasAccount(row.email) };
}

/**
 * Adds the invited person to the organisation; the invitation must have been sent to their address.
 * createAccount, when given, creates the person's account inside the same transaction.
 */
export async function acceptInvitationFor(
  ctx: BaseCtx,
  token: string,
  user: { id: string; email: string; name: string },
  createAccount?: (trx: Tx) => Promise<void>,
) {
  const { row } = await loadPendingInvitation(ctx, token);
  if (row.email !== user.email) {
    throw new AppError('forbidden', `This invitation was sent to ${row.email}. Sign in as that person to accept it.`);
  }
  const now = ctx.deps.clock();
  await withOrg(ctx.deps.database.db, { orgId: row.org_id, userId: user.id }, async (trx) => {
    // A new person's account is created in the same transaction as the membership: both or neither.
    if (createAccount) await createAccount(trx);
    if (await findMembership(trx, row.org_id, user.id)) throw new AppError('conflict', 'You already belong to this organisation.');
    await insertMembership(trx, { org_id: row.org_id, user_id: user.id, role: row.role, created_at: now });
    await markInvitation(trx, row.org_id, row.id, { accepted_at: now });
    const who = { orgId: row.org_id, userId: user.id, label: `${user.name} <${user.email}>`, requestId: ctx.requestId, at: now };
    await recordAudit(trx, who, { action: 'invitation.accepted', entityType: 'invitation', entityId: row.id });
    await recordAudit(trx, who, { action: 'member.added', entityType: 'member', entityId: user.id, after: { role: row.role } });
  });
  return { orgId: row.org_id };
}
