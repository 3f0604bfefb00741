import { AppError } from '@custodian/shared/errors.ts';
import type { OrgActor } from '../../core/auth-state.ts';

/*
 * permissions.ts says who may change risks at all (risks.write); this file says which ones, and who may
 * accept a residual risk.
 */

/** A risk may be deleted by an owner or ISMS manager, or by the person who added it. */
export function assertMayDeleteRisk(actor: OrgActor, record: { created_by: string | null }): void {
  const isManager = actor.role === 'owner' || actor.role === 'isms_manager';
  if (!isManager && record.created_by !== actor.userId) {
    throw new AppError('forbidden', 'Only an owner, an ISMS manager or the person who added it can delete this risk.');
  }
}

/** Only the risk's owner accepts its residual risk (6.1.3 f: the risk owners' approval). */
export function assertMayAcceptRisk(actor: OrgActor, risk: { owner_user_id: string | null; owner_name: string | null }): void {
  if (risk.owner_user_id === null) throw new AppError('validation_failed', 'Give the risk an owner first: only its owner can accept it.', [{ path: 'ownerUserId', message: 'is needed before acceptance' }]);
  if (risk.owner_user_id !== actor.userId) {
    throw new AppError('forbidden', `Only the risk's owner${risk.owner_name ? `, ${risk.owner_name},` : ''} can accept it.`);
  }
}
