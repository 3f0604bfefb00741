import { AppError } from '@custodian/shared/errors.ts';
import { can, roles, type Role } from '@custodian/shared/permissions.ts';
import type { OrgActor } from '../../core/auth-state.ts';

/*
 * Rules about particular records, beside the role list in permissions.ts: permissions.ts says who may
 * invite at all (members.invite); this file says which invitations and role changes a person may make.
 */

/** Only an owner may make someone an owner (by invitation or by changing a role). */
export function assertMayGrantRole(actor: OrgActor, role: Role): void {
  if (role === 'owner' && actor.role !== 'owner') throw new AppError('forbidden', 'Only an owner can make someone an owner.');
}

/**
 * The roles a member with `role` may invite people as (none without members.invite; an owner only by
 * an owner). A pending invitation stays valid only while its sender could still send it.
 */
export function rolesInvitableBy(role: Role | null): readonly Role[] {
  if (!role || !can({ userId: '', role }, 'members.invite')) return [];
  return role === 'owner' ? roles : roles.filter((r) => r !== 'owner');
}
