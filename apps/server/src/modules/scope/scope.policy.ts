import { AppError } from '@custodian/shared/errors.ts';
import type { OrgActor } from '../../core/auth-state.ts';

/*
 * permissions.ts says who may change the scope at all (scope.write); this file says which changes
 * need more: deleting someone else's entry, and approving the scope statement.
 */

const isManager = (actor: OrgActor) => actor.role === 'owner' || actor.role === 'isms_manager';

/** An entry may be deleted by an owner or ISMS manager, or by the person who added it. */
export function assertMayDeleteScopeItem(actor: OrgActor, record: { created_by: string | null }): void {
  if (!isManager(actor) && record.created_by !== actor.userId) {
    throw new AppError('forbidden', 'Only an owner, an ISMS manager or the person who added it can delete this entry.');
  }
}

/** The scope statement is approved by the people who own the ISMS: an owner or an ISMS manager. */
export function assertMayApproveScope(actor: OrgActor): void {
  if (!isManager(actor)) throw new AppError('forbidden', 'Only an owner or an ISMS manager can approve the scope statement.');
}
