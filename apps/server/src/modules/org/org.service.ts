import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { Role } from '@custodian/shared/permissions.ts';
import { withOrg, withUser, type Tx } from '../../db/with-org.ts';
import type { Ctx } from '../../http/context.ts';
import { newId } from '../../lib/ids.ts';
import { auditWho, recordAudit } from '../audit-log/audit-log.service.ts';
import { countOwners, deleteMembership, findMemberRow, findMembership, listOrgsOfUser, findOrg, insertMembership, insertOrg, listMemberRows, updateMembershipRole, updateOrgRow } from './org.repo.ts';

type OrgRow = NonNullable<Awaited<ReturnType<typeof findOrg>>>;

function toOrganisation(row: OrgRow) {
  return {
    orgId: row.org_id,
    name: row.name,
    timeZone: row.time_zone,
    isMfaRequired: row.is_mfa_required,
    isDemo: row.is_demo,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * Creates an organisation with its first owner inside the caller's transaction, which must already be
 * scoped to the new organisation's id.
 */
export async function createOrgWithOwner(
  trx: Tx,
  input: { orgId: string; name: string; ownerId: string; ownerLabel: string; requestId: string | null; at: Date; isDemo?: boolean },
): Promise<void> {
  await insertOrg(trx, { org_id: input.orgId, name: input.name, is_demo: input.isDemo ?? false, created_at: input.at });
  await insertMembership(trx, { org_id: input.orgId, user_id: input.ownerId, role: 'owner', created_at: input.at });
  const who = { orgId: input.orgId, userId: input.ownerId, label: input.ownerLabel, requestId: input.requestId, at: input.at };
  await recordAudit(trx, who, { action: 'org.created', entityType: 'org', entityId: input.orgId, after: { name: input.name } });
  await recordAudit(trx, who, { action: 'member.added', entityType: 'member', entityId: input.ownerId, after: { role: 'owner' } });
}

/** A signed-in person creates another organisation and becomes its owner. */
export async function createAnotherOrg(deps: Ctx['deps'], user: { id: string; name: string; email: string }, name: string, requestId: string) {
  const at = deps.clock();
  const orgId = newId(at.getTime());
  return withOrg(deps.database.db, { orgId, userId: user.id }, async (trx) => {
    await createOrgWithOwner(trx, { orgId, name, ownerId: user.id, ownerLabel: `${user.name} <${user.email}>`, requestId, at });
    const row = await findOrg(trx, orgId);
    if (!row) throw new Error('organisation vanished after insert');
    return toOrganisation(row);
  });
}

export async function getOrg(ctx: Ctx) {
  return withOrg(ctx.deps.database.db, ctx.actor, async (trx) => {
    const row = await findOrg(trx, ctx.actor.orgId);
    if (!row) throw notFound('The organisation');
    return toOrganisation(row);
  });
}

export async function updateOrg(ctx: Ctx, input: { name?: string | undefined; timeZone?: string | undefined; isMfaRequired?: boolean | undefined }) {
  return withOrg(ctx.deps.database.db, ctx.actor, async (trx) => {
    const before = await findOrg(trx, ctx.actor.orgId);
    if (!before) throw notFound('The organisation');
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
      ...(input.isMfaRequired !== undefined ? { is_mfa_required: input.isMfaRequired } : {}),
    };
    if (Object.keys(patch).length === 0) return toOrganisation(before);
    const after = await updateOrgRow(trx, ctx.actor.orgId, patch);
    await recordAudit(trx, auditWho(ctx), { action: 'org.updated', entityType: 'org', entityId: ctx.actor.orgId, before: toOrganisation(before), after: toOrganisation(after) });
    return toOrganisation(after);
  });
}

type MemberRow = NonNullable<Awaited<ReturnType<typeof findMemberRow>>>;

function toMember(row: MemberRow) {
  return { userId: row.user_id, name: row.name, email: row.email, role: row.role as Role, hasMfa: row.mfa_enabled_at !== null, joinedAt: new Date(row.created_at).toISOString() };
}

export async function listMembers(ctx: Ctx, page: number, pageSize: number) {
  return withOrg(ctx.deps.database.db, ctx.actor, async (trx) => {
    const { rows, total } = await listMemberRows(trx, ctx.actor.orgId, page, pageSize);
    return { items: rows.map(toMember), page, pageSize, total };
  });
}

/** Member ids of the organisation (used to check owners of gap items). */
export async function isMember(ctx: Ctx, trx: Tx, userId: string): Promise<boolean> {
  return (await findMemberRow(trx, ctx.actor.orgId, userId)) !== undefined;
}

export async function changeMemberRole(ctx: Ctx, userId: string, role: Role) {
  return withOrg(ctx.deps.database.db, ctx.actor, async (trx) => {
    const before = await findMemberRow(trx, ctx.actor.orgId, userId);
    if (!before) throw notFound('The member');
    if (before.role === 'owner' && role !== 'owner' && (await countOwners(trx, ctx.actor.orgId)) <= 1) {
      throw new AppError('conflict', 'An organisation needs at least one owner. Make someone else an owner first.');
    }
    await updateMembershipRole(trx, ctx.actor.orgId, userId, role);
    await recordAudit(trx, auditWho(ctx), { action: 'member.role_changed', entityType: 'member', entityId: userId, before: { role: before.role }, after: { role } });
    return toMember({ ...before, role });
  });
}

export async function removeMember(ctx: Ctx, userId: string) {
  await withOrg(ctx.deps.database.db, ctx.actor, async (trx) => {
    const before = await findMemberRow(trx, ctx.actor.orgId, userId);
    if (!before) throw notFound('The member');
    if (before.role === 'owner' && (await countOwners(trx, ctx.actor.orgId)) <= 1) {
      throw new AppError('conflict', 'An organisation needs at least one owner. Make someone else an owner first.');
    }
    await deleteMembership(trx, ctx.actor.orgId, userId);
    await recordAudit(trx, auditWho(ctx), { action: 'member.removed', entityType: 'member', entityId: userId, before: { role: before.role, email: before.email } });
  });
}

/** Whether the person belongs to an organisation (through their own memberships). */
export async function findOwnMembership(db: Ctx['deps']['database']['db'], userId: string, orgId: string) {
  return withUser(db, userId, (trx) => findMembership(trx, orgId, userId));
}

/** Every organisation the person belongs to, for the switcher. */
export async function listMyOrganisations(deps: Ctx['deps'], userId: string) {
  const rows = await withUser(deps.database.db, userId, (trx) => listOrgsOfUser(trx, userId));
  return rows.map((m) => ({ orgId: m.org_id, name: m.name, role: m.role as Role, isDemo: m.is_demo }));
}

/** The organisation's time zone, inside the caller's transaction (for "today" and overdue dates). */
export async function orgTimeZone(trx: Tx, orgId: string): Promise<string> {
  return (await findOrg(trx, orgId))?.time_zone ?? 'Australia/Sydney';
}

/** Adds a person to the organisation of the caller's transaction (demo data; invitations use their own path). */
export async function addMember(trx: Tx, input: { orgId: string; userId: string; role: Role; at: Date }): Promise<void> {
  await insertMembership(trx, { org_id: input.orgId, user_id: input.userId, role: input.role, created_at: input.at });
}

/** A person's memberships with their organisations, inside the caller's transaction (sessions, sign-in). */
export async function listMembershipsOfUser(trx: Tx, userId: string) {
  return listOrgsOfUser(trx, userId);
}
