import type { PlanStep } from '@custodian/shared/contracts/plan.ts';
import type { DatedObligation } from '@custodian/shared/domain/obligations.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { evidenceObligations } from '../evidence/evidence-obligations.service.ts';
import { risksObligations } from '../risks/risk-obligations.service.ts';
import { auditsObligations, internalAuditProgress } from '../audits/audits.service.ts';
import { certificationObligations, certificationProgress } from '../certification/certification.service.ts';
import { documentsObligations, mandatoryDocumentsProgress } from '../documents/documents.service.ts';
import { managementReviewProgress, reviewsObligations } from '../management-reviews/management-reviews.service.ts';
import { trainingObligations } from '../training/training.service.ts';
import { controlsProgress, riskProgress, scopeProgress } from './plan-progress.ts';

/** A step's progress as a module reports it: `detail` is one plain sentence ("9 of 16 mandatory documents approved"). */
export type ProgressSource = (ctx: OrgCtx) => Promise<{ done: number; total: number; detail: string }>;

/**
 * Where each step of the guided path reads its progress: one line per module. A step with no source
 * yet reads as not started (nothing in the product records that work yet). A step with two sources
 * (internal audit and management review) counts each as half of the step.
 */
export const progressSources: Record<PlanStep, ProgressSource[]> = {
  scope: [scopeProgress],
  risk: [riskProgress],
  controls: [controlsProgress],
  documents: [mandatoryDocumentsProgress],
  audit_review: [internalAuditProgress, managementReviewProgress],
  certification: [certificationProgress],
};

/** A module's dated obligations (packages/shared/src/domain/obligations.ts). */
export type ObligationSource = (ctx: OrgCtx) => Promise<DatedObligation[]>;

/**
 * Every dated obligation in the product, for the calendar feed and the reminders: one line per module.
 * The plan's own milestones are added by the plan service itself (`planObligations`).
 */
export const obligationSources: ObligationSource[] = [risksObligations, evidenceObligations, documentsObligations, auditsObligations, reviewsObligations, certificationObligations, trainingObligations];

/**
 * Kinds another job already e-mails about (risk-review-reminders: 7 days before and overdue, once per
 * review date; evidence-reminders: 30 days before and at expiry; document-reminders: a policy's review
 * and a person's unacknowledged policy; corrective-action-reminders: an action past its due day;
 * training-reminders: training due soon and overdue). The generic reminder job skips them, so nobody
 * gets two e-mails for one date; they still appear in the calendar feed.
 */
export const kindsRemindedElsewhere: ReadonlySet<string> = new Set(['risk-review', 'evidence-expiry', 'policy-review', 'policy-acknowledgement', 'corrective-action', 'training']);
