import { can, type Actor } from '@custodian/shared/permissions.ts';

/**
 * Who sees and revokes which API tokens. Everyone sees and revokes their own; the people who manage
 * the organisation's members (owners) see and revoke every token of the organisation, because a token
 * is a member's access and they decide who has access.
 */
export function canOverseeEveryToken(actor: Actor): boolean {
  return can(actor, 'members.manage');
}

export function canRevokeToken(actor: Actor, tokenUserId: string): boolean {
  return actor.userId === tokenUserId || canOverseeEveryToken(actor);
}
