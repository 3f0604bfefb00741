import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { Member, MemberListQuery, Organisation, UpdateOrgBody } from '@custodian/shared/contracts/org.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { Role } from '@custodian/shared/permissions.ts';
import { userLabel } from '../../core/auth-state.ts';
import type { OrgCtx, SessionCtx, TxCtx } from '../../core/ctx.ts';
import type { Tx } from '../../db/with-org.ts';
import { newId } from '../../lib/ids.ts';
import {
  countOwners,
  deleteMembership,
  findMemberRow,
  findMembership,
  findOrg,
  findPlatformOrgId,
  type OrgKind,
  holdsMoreThanMember,
  insertMembership,
  insertMembershipIfAbsent,
  insertOrg,
  listMemberRows,
  listOrgsOfUser,
  listOrgsOfUserPage,
  lockOrgRow,
  closeOrgRow,
  memberName,
  setOrgSsoRequired,
  updateMembershipRole,
  updateOrgRow,
  type MemberRow,
} from './org.repo.ts';
import { revokeInvitationsSentBy } from './invitation.repo.ts';
import { assertMayGrantRole, rolesInvitableBy } from './org.policy.ts';
import { recordDeparture } from './former-members.service.ts';

type OrgRow = NonNullable<Awaited<ReturnType<typeof findOrg>>>;

function toOrganisation(row: OrgRow): Organisation {
  return {
    orgId: row.org_id,
    name: row.name,
    timeZone: row.time_zone,
    isMfaRequired: row.is_mfa_required,
    isDemo: row.is_demo,
    createdAt: new Date(row.created_at).toISOString(),
    version: row.version,
  };
}

/**
 * Creates an organisation with its first owner inside the caller's transaction, switching the
 * transaction's scope to the new organisation.
 */
export async function createOrgWithOwner(
  ctx: TxCtx,
  input: { orgId: string; name: string; owner: { id: string; name: string; email: string }; isDemo?: boolean; kind?: OrgKind },
): Promise<void> {
  await ctx.setScope({ orgId: input.orgId, userId: input.owner.id });
  await insertOrg(ctx.tx, { org_id: input.orgId, name: input.name, is_demo: input.isDemo ?? false, kind: input.kind ?? 'healthcare', created_at: ctx.now });
  await insertMembership(ctx.tx, { org_id: input.orgId, user_id: input.owner.id, role: 'owner', created_at: ctx.now });
  const who = { orgId: input.orgId, userId: input.owner.id, label: userLabel(input.owner) };
  await ctx.recordAudit(who, { action: 'org.created', entity: { type: 'org', id: input.orgId }, after: { name: input.name } });
  await ctx.recordAudit(who, { action: 'member.added', entity: { type: 'member', id: input.owner.id }, after: { role: 'owner' } });
}

/** A signed-in person creates another organisation and becomes its owner. */
export async function createAnotherOrg(ctx: SessionCtx, name: string): Promise<Organisation> {
  const orgId = newId(ctx.now.getTime());
  await createOrgWithOwner(ctx, { orgId, name, owner: ctx.user });
  const row = await findOrg(ctx.tx, orgId);
  if (!row) throw new Error('organisation vanished after insert');
  return toOrganisation(row);
}

export async function getOrg(ctx: OrgCtx): Promise<Organisation> {
  const row = await findOrg(ctx.tx, ctx.org.id);
  if (!row) throw notFound('The organisation');
  return toOrganisation(row);
}

/** Changes the fields sent, if nobody changed the organisation since `version` was read (else 409). */
export async function updateOrg(ctx: OrgCtx, input: UpdateOrgBody): Promise<Organisation> {
  const before = await findOrg(ctx.tx, ctx.org.id);
  if (!before) throw notFound('The organisation');
  const conflict = (current: OrgRow) =>
    new AppError('edit_conflict', 'Someone else changed the organisation settings after you opened them. Check their change, then apply yours again.', {
      current: toOrganisation(current),
    });
  if (before.version !== input.version) throw conflict(before);
  const patch = {
    ...(input.name !== undefined && input.name !== before.name ? { name: input.name } : {}),
    ...(input.timeZone !== undefined && input.timeZone !== before.time_zone ? { time_zone: input.timeZone } : {}),
    ...(input.isMfaRequired !== undefined && input.isMfaRequired !== before.is_mfa_required ? { is_mfa_required: input.isMfaRequired } : {}),
  };
  if (Object.keys(patch).length === 0) return toOrganisation(before);
  const after = await updateOrgRow(ctx.tx, ctx.org.id, input.version, patch);
  if (!after) throw conflict((await findOrg(ctx.tx, ctx.org.id)) ?? before);
  await ctx.audit('org.updated', { type: 'org', id: ctx.org.id }, toOrganisation(before), toOrganisation(after));
  return toOrganisation(after);
}

function toMember(row: MemberRow): Member {
  return {
    userId: row.user_id,
    name: row.name,
    email: row.email,
    role: row.role as Role,
    hasMfa: row.mfa_enabled_at !== null,
    joinedAt: new Date(row.created_at).toISOString(),
    version: row.version,
  };
}

export async function listMembers(ctx: OrgCtx, query: MemberListQuery): Promise<ListReply<Member>> {
  const page = await listMemberRows(ctx.tx, ctx.org.id, query);
  return { ...page, items: page.items.map(toMember) };
}

/** The member's name, or null when the person does not belong to this organisation. */
export async function findMemberName(ctx: OrgCtx, userId: string): Promise<string | null> {
  return memberName(ctx.tx, ctx.org.id, userId);
}

/** Takes the organisation's lock for the rest of the transaction (rules that span several rows). */
export async function lockOrganisation(ctx: OrgCtx): Promise<void> {
  if (!(await lockOrgRow(ctx.tx, ctx.org.id))) throw notFound('The organisation');
}

const lastOwnerMessage = 'An organisation needs at least one owner. Make someone else an owner first.';

/** Changes a member's role if nobody changed it since `version`; an organisation keeps one owner. */
export async function changeMemberRole(ctx: OrgCtx, userId: string, input: { role: Role; version: number }): Promise<Member> {
  assertMayGrantRole(ctx.actor, input.role);
  await lockOrganisation(ctx);
  const before = await findMemberRow(ctx.tx, ctx.org.id, userId);
  if (!before) throw notFound('The member');
  const conflict = (current: MemberRow) =>
    new AppError('edit_conflict', `Someone else changed ${current.name}'s role after you opened the list. It is now shown; choose again.`, {
      current: toMember(current),
    });
  if (before.version !== input.version) throw conflict(before);
  if (before.role === input.role) return toMember(before);
  if (before.role === 'owner' && (await countOwners(ctx.tx, ctx.org.id)) <= 1) throw new AppError('conflict', lastOwnerMessage);
  const saved = await updateMembershipRole(ctx.tx, { orgId: ctx.org.id, userId, version: input.version }, input.role);
  if (!saved) throw conflict((await findMemberRow(ctx.tx, ctx.org.id, userId)) ?? before);
  await ctx.audit('member.role_changed', { type: 'member', id: userId }, { role: before.role }, { role: input.role });
  await revokeInvitationsOfSender(ctx, userId, input.role);
  return toMember({ ...before, role: input.role, version: saved.version });
}

export async function removeMember(ctx: OrgCtx, userId: string): Promise<void> {
  await lockOrganisation(ctx);
  const before = await findMemberRow(ctx.tx, ctx.org.id, userId);
  if (!before) throw notFound('The member');
  if (before.role === 'owner' && (await countOwners(ctx.tx, ctx.org.id)) <= 1) throw new AppError('conflict', lastOwnerMessage);
  const person = { userId, name: before.name, email: before.email, role: before.role };
  if (!(await recordDeparture(ctx, ctx.org.id, person, 'removed'))) throw notFound('The member');
  await ctx.audit('member.removed', { type: 'member', id: userId }, { role: before.role, email: before.email });
  await revokeInvitationsOfSender(ctx, userId, null);
}

/**
 * Revokes the pending invitations a member sent that they could no longer send (removed: all of them;
 * a new role: those it may not invite as), in the caller's transaction and under the organisation's
 * lock, each revocation recorded. An acceptance takes the same lock, so it happens wholly before (the
 * new member stays) or after (the invitation is already revoked).
 */
async function revokeInvitationsOfSender(ctx: OrgCtx, senderId: string, newRole: Role | null): Promise<void> {
  const keep = rolesInvitableBy(newRole);
  const revoked = await revokeInvitationsSentBy(ctx.tx, ctx.org.id, senderId, ctx.now, keep);
  const reason = newRole === null ? 'sender_removed' : 'sender_role_changed';
  for (const invitation of revoked) {
    await ctx.audit(
      'invitation.revoked_with_sender',
      { type: 'invitation', id: invitation.id },
      { email: invitation.email, role: invitation.role },
      { reason, senderId },
    );
  }
}

/** Whether the person belongs to an organisation (read through their own memberships). */
export async function findOwnMembership(ctx: TxCtx, userId: string, orgId: string) {
  return findMembership(ctx.tx, orgId, userId);
}

/** One page of the organisations the signed-in person belongs to, for the switcher. */
export async function listMyOrganisations(ctx: SessionCtx, query: { order: 'asc' | 'desc'; limit: number; cursor?: string | undefined }) {
  const page = await listOrgsOfUserPage(ctx.tx, ctx.user.id, query);
  return { ...page, items: page.items.map((m) => ({ orgId: m.org_id, name: m.name, role: m.role as Role, isDemo: m.is_demo })) };
}

/** Adds a person to the organisation (demo data; invitations use their own path). */
export async function addMember(ctx: OrgCtx, input: { userId: string; role: Role }): Promise<void> {
  await insertMembership(ctx.tx, { org_id: ctx.org.id, user_id: input.userId, role: input.role, created_at: ctx.now });
  await ctx.audit('member.added', { type: 'member', id: input.userId }, null, { role: input.role });
}

/** Whether the organisation requires single sign-on. */
export async function isSsoRequired(ctx: TxCtx, orgId: string): Promise<boolean> {
  return (await findOrg(ctx.tx, orgId))?.is_sso_required === true;
}

/** Sets "single sign-on required" (the SSO settings record the event). */
export async function setSsoRequired(ctx: OrgCtx, isRequired: boolean): Promise<void> {
  await setOrgSsoRequired(ctx.tx, ctx.org.id, isRequired);
}

/**
 * A person joins an organisation through its single sign-on (just-in-time membership), recorded in its
 * trail as their own act. The transaction must be scoped to the organisation and the person. False when
 * they were already a member (a parallel sign-in added them).
 */
export async function joinBySso(ctx: TxCtx, input: { orgId: string; user: { id: string; name: string; email: string }; role: Role; isNewAccount: boolean }): Promise<boolean> {
  if (!(await insertMembershipIfAbsent(ctx.tx, { org_id: input.orgId, user_id: input.user.id, role: input.role, created_at: ctx.now }))) return false;
  await ctx.recordAudit(
    { orgId: input.orgId, userId: input.user.id, label: userLabel(input.user) },
    { action: 'member.joined_by_sso', entity: { type: 'member', id: input.user.id }, after: { role: input.role, isNewAccount: input.isNewAccount } },
  );
  return true;
}

/** A person's memberships with their organisations (sessions, sign-in), by organisation name. */
export async function listMembershipsOfUser(tx: Tx, userId: string) {
  return listOrgsOfUser(tx, userId);
}

/** Who closes an abandoned organisation in its audit trail: Custodian itself, not a person. */
export const systemActorLabel = 'Custodian (automatic)';

/** The platform organisation's name: it has no members; its audit trail is the marketplace's. */
export const platformOrgName = 'Custodian marketplace';

/**
 * The platform organisation's id, creating it (with its audit trail's first event) when it does not
 * exist yet. Run once at start; a second server starting at the same moment loses the unique index
 * race and reads the winner's.
 */
export async function ensurePlatformOrg(ctx: TxCtx): Promise<string> {
  const existing = await findPlatformOrgId(ctx.tx);
  if (existing) return existing;
  const orgId = newId(ctx.now.getTime());
  await ctx.setScope({ orgId, userId: null });
  await insertOrg(ctx.tx, { org_id: orgId, name: platformOrgName, kind: 'platform', created_at: ctx.now });
  await ctx.recordAudit({ orgId, userId: null, label: systemActorLabel }, { action: 'org.created', entity: { type: 'org', id: orgId }, after: { name: platformOrgName } });
  return orgId;
}

/** The platform organisation's id, or null before the server first started. */
export async function platformOrgId(tx: Tx): Promise<string | null> {
  return findPlatformOrgId(tx);
}

/** Whether an organisation is a marketplace provider, and of which kind (null when it is not one). */
export async function findProviderKind(ctx: OrgCtx): Promise<'consultant' | 'certification_body' | 'trainer' | null> {
  const row = await findOrg(ctx.tx, ctx.org.id);
  const kind = row?.kind;
  return kind === 'consultant' || kind === 'certification_body' || kind === 'trainer' ? kind : null;
}

/**
 * Takes an unconfirmed person out of an organisation they created, inside the caller's transaction.
 * When nothing else belongs to it, the organisation is closed, not deleted: its row, audit chain and
 * head stay, so the chain (and the checkpoints outside the database) keep verifying, and the closure
 * is itself the chain's last event (ADR 0014). Otherwise only the membership is removed, recorded.
 * Returns whether the organisation was closed.
 */
export async function leaveAbandonedOrg(ctx: TxCtx, input: { orgId: string; user: { id: string; name: string; email: string }; reason: 'expired' | 'superseded' }): Promise<boolean> {
  await ctx.setScope({ orgId: input.orgId, userId: input.user.id });
  if (!(await lockOrgRow(ctx.tx, input.orgId))) return false;
  const who = { orgId: input.orgId, userId: null, label: systemActorLabel };
  const isShared = await holdsMoreThanMember(ctx.tx, input.orgId, input.user.id);
  const before = await findMemberRow(ctx.tx, input.orgId, input.user.id);
  if (before && (await deleteMembership(ctx.tx, input.orgId, input.user.id))) {
    await ctx.recordAudit(who, { action: 'member.removed', entity: { type: 'member', id: input.user.id }, before: { role: before.role, email: before.email } });
  }
  if (isShared || !(await closeOrgRow(ctx.tx, input.orgId, ctx.now))) return false;
  await ctx.recordAudit(who, { action: 'org.closed', entity: { type: 'org', id: input.orgId }, after: { reason: input.reason } });
  return true;
}
