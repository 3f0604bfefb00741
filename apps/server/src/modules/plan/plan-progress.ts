import type { OrgCtx } from '../../core/ctx.ts';
import { riskProgressCounts } from '../risks/risk-obligations.service.ts';
import { getScopeStatement } from '../scope/scope.service.ts';
import { getSoaDraft } from '../soa/soa.service.ts';

const of = (done: number, total: number, noun: string) => `${done} of ${total} ${noun}`;

/** Scope: the statement written (1) and its current revision approved (1). */
export async function scopeProgress(ctx: OrgCtx): Promise<{ done: number; total: number; detail: string }> {
  const statement = await getScopeStatement(ctx);
  const isWritten = statement.summary.trim() !== '';
  const done = (isWritten ? 1 : 0) + (statement.isApproved ? 1 : 0);
  const detail = statement.isApproved ? 'The scope statement is approved.' : isWritten ? 'The scope statement is written but its current revision is not approved.' : 'No scope statement has been written yet.';
  return { done, total: 2, detail };
}

/** Risk: each risk assessed and given a treatment decision (planned, in treatment, accepted or closed). */
export async function riskProgress(ctx: OrgCtx): Promise<{ done: number; total: number; detail: string }> {
  const counts = await riskProgressCounts(ctx);
  if (counts.total === 0) return { done: 0, total: 1, detail: 'No risks have been recorded yet.' };
  return { done: counts.treated, total: counts.total, detail: `${of(counts.treated, counts.total, counts.total === 1 ? 'risk' : 'risks')} assessed with a treatment decided.` };
}

/** Controls and SoA: each control's applicability decided (included with a reason, or excluded with a justification), and the statement approved as it stands. */
export async function controlsProgress(ctx: OrgCtx): Promise<{ done: number; total: number; detail: string }> {
  const draft = await getSoaDraft(ctx);
  const decided = draft.rows.filter((row) => (row.isApplicable ? row.reasons.length > 0 : row.justification.trim() !== '')).length;
  const done = decided + (draft.isApproved ? 1 : 0);
  const approval = draft.isApproved ? 'the Statement of Applicability is approved as it stands' : draft.latest ? 'the Statement of Applicability has changed since its last approval' : 'the Statement of Applicability is not approved yet';
  return { done, total: draft.rows.length + 1, detail: `${of(decided, draft.rows.length, 'controls')} have their applicability decided; ${approval}.` };
}
