import { planStepLabels, planSteps, type PlanStep, type StepProgress } from '@custodian/shared/contracts/plan.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { progressSources } from './plan-sources.ts';

const nextActions: Record<PlanStep, { words: string; href: string }> = {
  scope: { words: 'Write the scope statement (what the ISMS covers and why) and have it approved.', href: '/scope' },
  risk: { words: 'Assess each risk and decide how it will be treated.', href: '/risks' },
  controls: { words: 'Decide which controls apply (a reason for each, a justification for each exclusion), then approve the Statement of Applicability.', href: '/soa' },
  documents: { words: 'Write and approve the mandatory documents and policies.', href: '/documents' },
  audit_review: { words: 'Run the internal audit, then hold the management review.', href: '/audits' },
  certification: { words: 'Book the certification body, then hold the Stage 1 and Stage 2 audits.', href: '/certification' },
};

/** A module's detail as a sentence of its own (some end without a full stop), so two sources of one step read as two sentences. */
const asSentence = (detail: string) => (/[.!?]$/.test(detail.trim()) ? detail.trim() : `${detail.trim()}.`);

/**
 * Each step's progress from its sources (in the order of the steps), and the work done in steps: each
 * step counts from 0 to 1 (the mean of its sources' done ÷ total), so the six weigh the same.
 */
export async function readSteps(ctx: OrgCtx): Promise<{ steps: StepProgress[]; stepsDone: number }> {
  const steps: StepProgress[] = [];
  let stepsDone = 0;
  for (const step of planSteps) {
    const sources = progressSources[step];
    // One after another: they share the request's transaction.
    const reports: Array<{ done: number; total: number; detail: string }> = [];
    for (const source of sources) reports.push(await source(ctx));
    const fraction = reports.length === 0 ? 0 : reports.reduce((sum, r) => sum + (r.total > 0 ? Math.min(1, r.done / r.total) : 0), 0) / reports.length;
    stepsDone += fraction;
    const done = reports.reduce((sum, r) => sum + r.done, 0);
    const total = reports.reduce((sum, r) => sum + r.total, 0);
    const state = fraction >= 1 ? 'done' : fraction > 0 ? 'in_progress' : 'not_started';
    steps.push({
      step,
      title: planStepLabels[step],
      done,
      total: reports.length === 0 ? 1 : total,
      detail: reports.length === 0 ? 'Not started: nothing is recorded for this step yet.' : reports.map((r) => asSentence(r.detail)).join(' '),
      state,
      nextAction: state === 'done' ? 'Done.' : nextActions[step].words,
      href: nextActions[step].href,
    });
  }
  return { steps, stepsDone: Math.round(stepsDone * 1000) / 1000 };
}
