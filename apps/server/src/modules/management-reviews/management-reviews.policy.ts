import { AppError } from '@custodian/shared/errors.ts';
import type { OrgActor } from '../../core/auth-state.ts';

/*
 * permissions.ts says who may change management reviews at all (management_reviews.write); this file says
 * which ones, and what each step of a review allows.
 */

/** A planned review may be deleted by an owner or ISMS manager, or by the person who prepared it. */
export function assertMayDeleteReview(actor: OrgActor, record: { created_by: string | null }): void {
  const isManager = actor.role === 'owner' || actor.role === 'isms_manager';
  if (!isManager && record.created_by !== actor.userId) {
    throw new AppError('forbidden', 'Only an owner, an ISMS manager or the person who prepared it can delete this management review.');
  }
}

/** Minutes are approved by top management: an owner of the organisation. */
export function assertMayApproveMinutes(actor: OrgActor): void {
  if (actor.role !== 'owner')
    throw new AppError('forbidden', 'Only an owner of the organisation (top management) can approve the minutes of a management review.');
}

/** Approved minutes are the record of the meeting: they no longer change (actions are still followed up). */
export function assertNotApproved(record: { status: string }): void {
  if (record.status === 'approved')
    throw new AppError('conflict', 'The minutes of this review are approved and can no longer change. Follow up its actions instead.');
}
