import { AppError } from '@custodian/shared/errors.ts';
import type { OrgActor } from '../../core/auth-state.ts';

/*
 * permissions.ts says who may change training at all (training.write); this file says
 * which ones. Edit the rules to fit the module; the service calls them before it changes anything.
 */

/** A training may be deleted by an owner or ISMS manager, or by the person who added it. */
export function assertMayDeleteTraining(actor: OrgActor, record: { created_by: string | null }): void {
  const isManager = actor.role === 'owner' || actor.role === 'isms_manager';
  if (!isManager && record.created_by !== actor.userId) {
    throw new AppError('forbidden', 'Only an owner, an ISMS manager or the person who added it can delete this training.');
  }
}
