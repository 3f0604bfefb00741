import { scoreRisk, type RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import type { ImportContext, ImportPlan, Score } from './check-rows.ts';
import { insertImported, type WriteMeta } from './register-import.repo.ts';

/** The next free "A-0001"-style refs after those used in the register and the file. */
export function nextRefs(prefix: string, used: Iterable<string>, count: number): string[] {
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  let highest = 0;
  for (const ref of used) {
    const match = pattern.exec(ref);
    if (match) highest = Math.max(highest, Number.parseInt(match[1] ?? '0', 10));
  }
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(highest + i + 1).padStart(4, '0')}`);
}

/** Gives each blank ref the next free one after those in the register and the file, in row order. */
function fillRefs<T extends { ref: string | null }>(rows: T[], prefix: string, register: ReadonlyMap<string, string>): Array<T & { ref: string }> {
  const used = [...register.keys(), ...rows.flatMap((r) => (r.ref === null ? [] : [r.ref]))];
  const fresh = nextRefs(prefix, used, rows.filter((r) => r.ref === null).length);
  let next = 0;
  return rows.map((row) => ({ ...row, ref: row.ref ?? fresh[next++] ?? '' }));
}

function scored(method: RiskMethodDefinition, prefix: 'inherent' | 'current' | 'residual', score: Score | null): Record<string, number | string | null> {
  const level = score ? scoreRisk(method, score.likelihood, score.impact) : null;
  return {
    [`${prefix}_likelihood`]: score?.likelihood ?? null,
    [`${prefix}_impact`]: score?.impact ?? null,
    [`${prefix}_level`]: level?.key ?? null,
    [`${prefix}_rank`]: level?.rank ?? null,
  };
}

/**
 * Writes a checked plan of risks with their assets and treatment tasks, ids made here (so tasks point
 * at risks of the same file), scores levelled with the organisation's current method. `onProgress`
 * hears rows written so far and rows to write. (Asset files are written as they are checked:
 * commit-assets.ts.)
 */
export async function writeRiskPlan(
  ctx: OrgCtx,
  plan: ImportPlan,
  context: ImportContext & { methodVersion: number },
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const meta: WriteMeta = { orgId: ctx.org.id, at: ctx.now, by: ctx.actor.userId };
  const total = plan.risks.length + plan.tasks.length;
  let done = 0;
  const step = (count: number) => {
    done += count;
    onProgress(done, total);
  };
  onProgress(0, total);
  const assetIds = context.assetIds;
  const riskIds = new Map(context.riskIds);
  const method = context.method;
  const riskAssets: Array<{ risk_id: string; asset_id: string | undefined }> = [];
  const acceptances: object[] = [];
  const risks = fillRefs(plan.risks, 'R', context.riskIds).map((r) => {
    const id = newId();
    riskIds.set(r.ref, id);
    for (const assetRef of r.assetRefs) riskAssets.push({ risk_id: id, asset_id: assetIds.get(assetRef) });
    // The standing acceptance behind "Residual risk accepted": the residual score levelled as the risk's is.
    if (r.acceptance && r.residual) {
      acceptances.push({
        id: newId(r.acceptance.acceptedAt.getTime()),
        risk_id: id,
        accepted_by: r.acceptance.acceptedBy,
        accepted_at: r.acceptance.acceptedAt.toISOString(),
        method_version: context.methodVersion,
        likelihood: r.residual.likelihood,
        impact: r.residual.impact,
        level: scoreRisk(method, r.residual.likelihood, r.residual.impact).key,
        note: r.acceptance.note,
      });
    }
    return {
      id,
      ref: r.ref,
      title: r.title,
      threat: r.threat,
      vulnerability: r.vulnerability,
      description: r.description,
      threat_id: r.threatId,
      owner_user_id: r.ownerUserId,
      method_version: context.methodVersion,
      ...scored(method, 'inherent', r.inherent),
      ...scored(method, 'current', r.current),
      ...scored(method, 'residual', r.residual),
      treatment: r.treatment,
      treatment_notes: r.treatmentNotes,
      status: r.status,
      next_review_on: r.nextReviewOn,
    };
  });
  await insertImported(ctx.tx, 'risks', meta, risks, step);
  await insertImported(ctx.tx, 'riskAssets', meta, riskAssets, () => undefined);
  await insertImported(ctx.tx, 'acceptances', meta, acceptances, () => undefined);
  const tasks = plan.tasks.map((t, i) => ({
    id: newId(),
    risk_id: riskIds.get(t.riskRef),
    title: t.title,
    owner_user_id: t.ownerUserId,
    due_on: t.dueOn,
    status: t.status,
    control_ids: t.controlIds,
    notes: t.notes,
    // One millisecond apart in file order, the last at the import's time (never in the future).
    created_at: new Date(meta.at.getTime() - (plan.tasks.length - 1 - i)).toISOString(),
    updated_at: new Date(meta.at.getTime() - (plan.tasks.length - 1 - i)).toISOString(),
  }));
  await insertImported(ctx.tx, 'tasks', meta, tasks, step);
}
