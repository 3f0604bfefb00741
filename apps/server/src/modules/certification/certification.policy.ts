import { AppError } from '@custodian/shared/errors.ts';
import type { OrgActor } from '../../core/auth-state.ts';

/*
 * permissions.ts says who may change the certification cycle at all (certification.write); this file
 * says who may remove a certificate's whole record.
 */

/** A certificate and its audit dates may be deleted only by an owner or an ISMS manager. */
export function assertMayDeleteCertificate(actor: OrgActor): void {
  if (actor.role !== 'owner' && actor.role !== 'isms_manager') {
    throw new AppError('forbidden', 'Only an owner or an ISMS manager can delete a certificate.');
  }
}
