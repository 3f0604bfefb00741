import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { z } from 'zod';
import type { Risk, RiskListItem, RiskListQuery, acceptRiskBody, createRiskBody, updateRiskBody } from '@custodian/shared/contracts/risks.ts';
import { isWithinAppetite, type RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import { reviewDateAfter } from '@custodian/shared/domain/risk-method-presets.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import { loadThreatLibrary } from '@custodian/catalogue/threat-library.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { findMemberName } from '../org/org.service.ts';
import { insertAcceptance, listAcceptances, withdrawAcceptances } from './risk-acceptance.repo.ts';
import { methodForWriting, readCurrentMethod } from './risk-method.service.ts';
import { checkOnScales, scoreColumns } from './risk-scores.ts';
import { addTaskToRisk } from './risk-tasks.service.ts';
import { changedFields, riskSnapshot, toRisk, toRiskListItem } from './risk-views.ts';
import { assertMayAcceptRisk, assertMayDeleteRisk } from './risks.policy.ts';
import {
  deleteRiskRow,
  findAssetIds,
  findRiskRow,
  insertRiskRow,
  listRiskAssets,
  listRiskRows,
  lockRiskRefs,
  nextRiskRef,
  setRiskAssets,
  setRiskStatus,
  updateRiskRow,
  type RiskPatch,
  type RiskRow,
} from './risks.repo.ts';

const entity = (id: string) => ({ type: 'risk', id });
const today = (ctx: OrgCtx) => todayIn(ctx.org.timeZone, ctx.now);

/** One page of the register, filtered and sorted by the database. */
/**
 * Holds the lock under which risk references are numbered, for the rest of the transaction: a bulk
 * import takes it before handing out "R-…" refs, so a risk added by hand at the same time waits.
 */
export async function lockRiskNumbering(ctx: OrgCtx): Promise<void> {
  await lockRiskRefs(ctx.tx, ctx.org.id);
}

export async function listRisks(ctx: OrgCtx, query: RiskListQuery): Promise<ListReply<RiskListItem>> {
  const [page, method] = [await listRiskRows(ctx.tx, ctx.org.id, query), await readCurrentMethod(ctx)];
  const day = today(ctx);
  return { ...page, items: page.items.map((row) => toRiskListItem(row, method.definition, day)) };
}

async function riskView(ctx: OrgCtx, row: RiskRow, method: RiskMethodDefinition): Promise<Risk> {
  const [assets, acceptances] = [await listRiskAssets(ctx.tx, ctx.org.id, row.id), await listAcceptances(ctx.tx, ctx.org.id, row.id)];
  return toRisk(row, { method, today: today(ctx), assets, acceptances });
}

async function findRisk(ctx: OrgCtx, id: string): Promise<RiskRow> {
  const row = await findRiskRow(ctx.tx, ctx.org.id, id);
  if (!row) throw notFound('The risk');
  return row;
}

export async function getRisk(ctx: OrgCtx, id: string): Promise<Risk> {
  const method = await readCurrentMethod(ctx);
  return riskView(ctx, await findRisk(ctx, id), method.definition);
}

async function checkOwner(ctx: OrgCtx, ownerUserId: string | null | undefined, path = 'ownerUserId'): Promise<void> {
  if (ownerUserId === null || ownerUserId === undefined) return;
  if ((await findMemberName(ctx, ownerUserId)) === null) throw new AppError('validation_failed', 'The owner must be a member of this organisation.', [{ path, message: 'is not a member' }]);
}

async function checkAssets(ctx: OrgCtx, assetIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(assetIds)];
  const found = await findAssetIds(ctx.tx, ctx.org.id, unique);
  if (found.length !== unique.length) throw new AppError('validation_failed', 'One of the chosen assets is not in the asset register.', [{ path: 'assetIds', message: 'must be assets of the register' }]);
  return unique;
}

function checkThreat(threatId: string | null | undefined): void {
  if (threatId === null || threatId === undefined) return;
  if (!loadThreatLibrary().byId.has(threatId)) throw new AppError('validation_failed', 'That scenario is not in the threat library.', [{ path: 'threatId', message: 'must be a scenario of the threat library' }]);
}

function scoreFields(method: RiskMethodDefinition, stage: 'inherent' | 'current' | 'residual', score: { likelihood: number; impact: number } | null) {
  if (score !== null) checkOnScales(method, stage, score);
  const c = scoreColumns(method, score);
  return { [`${stage}_likelihood`]: c.likelihood, [`${stage}_impact`]: c.impact, [`${stage}_level`]: c.level, [`${stage}_rank`]: c.rank };
}

const refTaken = (ref: string) => new AppError('validation_failed', `The reference ${ref} is already used by another risk.`, [{ path: 'ref', message: 'is already used' }]);

/**
 * Adds a risk scored on the current method (saved as version 1 on first use): the next free "R-0001"
 * reference unless one is given, the next review from the method's frequency in the organisation's
 * time zone, and a first treatment task when one is given (a threat library scenario's controls).
 */
export async function createRisk(ctx: OrgCtx, input: z.output<typeof createRiskBody>): Promise<Risk> {
  const method = await methodForWriting(ctx);
  const m = method.definition;
  checkThreat(input.threatId);
  await checkOwner(ctx, input.ownerUserId);
  const assetIds = await checkAssets(ctx, input.assetIds);
  const scores = {
    ...scoreFields(m, 'inherent', input.inherent),
    ...scoreFields(m, 'current', input.current ?? null),
    ...scoreFields(m, 'residual', input.residual ?? null),
  } as Pick<RiskRow, 'inherent_likelihood' | 'inherent_impact' | 'inherent_level' | 'inherent_rank'> & RiskPatch;
  const id = newId(ctx.now.getTime());
  const ref = input.ref ?? (await nextRiskRef(ctx.tx, ctx.org.id));
  const row = {
    org_id: ctx.org.id,
    id,
    ref,
    title: input.title,
    threat: input.threat,
    vulnerability: input.vulnerability,
    description: input.description,
    threat_id: input.threatId ?? null,
    owner_user_id: input.ownerUserId ?? null,
    method_version: method.version,
    ...scores,
    treatment: input.treatment ?? null,
    treatment_notes: input.treatmentNotes,
    status: input.status,
    next_review_on: input.nextReviewOn === undefined ? reviewDateAfter(today(ctx), m.reviewMonths) : input.nextReviewOn,
    created_at: ctx.now,
    created_by: ctx.actor.userId,
    updated_at: ctx.now,
    updated_by: ctx.actor.userId,
  };
  if (!(await insertRiskRow(ctx.tx, row))) throw refTaken(ref);
  await setRiskAssets(ctx.tx, ctx.org.id, id, assetIds);
  const saved = await findRisk(ctx, id);
  const assets = await listRiskAssets(ctx.tx, ctx.org.id, id);
  await ctx.audit('risk.created', entity(id), null, riskSnapshot(saved, m, assets.map((a) => a.ref)));
  if (input.firstTask) await addTaskToRisk(ctx, saved, { title: input.firstTask.title, controlIds: input.firstTask.controlIds });
  return riskView(ctx, saved, m);
}

function editConflict(current: Risk): AppError {
  return new AppError('edit_conflict', `Someone else saved ${current.ref} after you opened it. Their version is shown: check it, then apply your change again.`, { current });
}

function isSamePair(l: number | null, i: number | null, next: { likelihood: number; impact: number } | null): boolean {
  return next === null ? l === null : l === next.likelihood && i === next.impact;
}

/**
 * Changes the fields sent, if nobody saved the risk since `version` was read (409 with it as it is
 * now). A changed residual score withdraws a standing acceptance, visibly: recorded on the acceptance,
 * in the trail, and the status leaves "accepted".
 */
export async function updateRisk(ctx: OrgCtx, id: string, input: z.output<typeof updateRiskBody>): Promise<Risk> {
  const method = await methodForWriting(ctx);
  const m = method.definition;
  const before = await findRisk(ctx, id);
  if (before.version !== input.version) throw editConflict(await riskView(ctx, before, m));
  await checkOwner(ctx, input.ownerUserId);
  const patch: RiskPatch = { updated_at: ctx.now, updated_by: ctx.actor.userId };
  for (const [field, column] of [
    ['ref', 'ref'],
    ['title', 'title'],
    ['threat', 'threat'],
    ['vulnerability', 'vulnerability'],
    ['description', 'description'],
    ['ownerUserId', 'owner_user_id'],
    ['treatment', 'treatment'],
    ['treatmentNotes', 'treatment_notes'],
    ['status', 'status'],
    ['nextReviewOn', 'next_review_on'],
  ] as const) {
    if (input[field] !== undefined) Object.assign(patch, { [column]: input[field] });
  }
  if (input.inherent) Object.assign(patch, scoreFields(m, 'inherent', input.inherent));
  if (input.current !== undefined) Object.assign(patch, scoreFields(m, 'current', input.current));
  const isResidualChanged = input.residual !== undefined && !isSamePair(before.residual_likelihood, before.residual_impact, input.residual);
  if (input.residual !== undefined) Object.assign(patch, scoreFields(m, 'residual', input.residual));
  const beforeAssets = await listRiskAssets(ctx.tx, ctx.org.id, id);
  const outcome = await updateRiskRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, patch);
  if (outcome === 'ref_taken') throw refTaken(input.ref ?? '');
  if (outcome === 'stale') throw editConflict(await riskView(ctx, await findRisk(ctx, id), m));
  if (input.assetIds) await setRiskAssets(ctx.tx, ctx.org.id, id, await checkAssets(ctx, input.assetIds));
  if (isResidualChanged) {
    const withdrawn = await withdrawAcceptances(ctx.tx, ctx.org.id, [id], { at: ctx.now, reason: 'the residual score changed after it was accepted' });
    if (withdrawn.length > 0) {
      if (input.status === undefined && before.status === 'accepted') await updateRiskRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version + 1 }, { status: 'assessed' });
      await ctx.audit('risk.acceptance_withdrawn', entity(id), { ref: before.ref, title: before.title }, { ref: before.ref, title: before.title, reason: 'the residual score changed after it was accepted' });
    }
  }
  const after = await findRisk(ctx, id);
  const afterAssets = input.assetIds ? await listRiskAssets(ctx.tx, ctx.org.id, id) : beforeAssets;
  const diff = changedFields(
    riskSnapshot(before, m, beforeAssets.map((a) => a.ref)),
    riskSnapshot(after, m, afterAssets.map((a) => a.ref)),
  );
  await ctx.audit('risk.updated', entity(id), diff.before, diff.after);
  return riskView(ctx, after, m);
}

export async function deleteRisk(ctx: OrgCtx, id: string): Promise<void> {
  const method = await methodForWriting(ctx);
  const before = await findRisk(ctx, id);
  assertMayDeleteRisk(ctx.actor, before);
  const assets = await listRiskAssets(ctx.tx, ctx.org.id, id);
  if (!(await deleteRiskRow(ctx.tx, ctx.org.id, id))) throw notFound('The risk');
  await ctx.audit('risk.deleted', entity(id), riskSnapshot(before, method.definition, assets.map((a) => a.ref)));
}

/**
 * The owner's formal acceptance of the residual risk as read (`version`): who, when, at which level
 * and scores, under which method version. Above the appetite only with a note, and flagged. At most
 * one acceptance stands: of two at once, one is recorded and the other is told (409).
 */
export async function acceptRisk(ctx: OrgCtx, id: string, input: z.output<typeof acceptRiskBody>): Promise<Risk> {
  const method = await methodForWriting(ctx);
  const m = method.definition;
  const risk = await findRisk(ctx, id);
  assertMayAcceptRisk(ctx.actor, risk);
  if (risk.version !== input.version) throw editConflict(await riskView(ctx, risk, m));
  if (risk.residual_level === null || risk.residual_likelihood === null || risk.residual_impact === null) {
    throw new AppError('validation_failed', 'Set the residual score (after treatment) before accepting the risk.', [{ path: 'residual', message: 'is needed before acceptance' }]);
  }
  const isAboveAppetite = !isWithinAppetite(m, risk.residual_level);
  if (isAboveAppetite && input.note === '') {
    throw new AppError('validation_failed', 'This residual risk is above the organisation’s risk appetite: say why it is accepted anyway.', [{ path: 'note', message: 'is needed above the risk appetite' }]);
  }
  const isRecorded = await insertAcceptance(ctx.tx, {
    org_id: ctx.org.id,
    id: newId(ctx.now.getTime()),
    risk_id: id,
    accepted_by: ctx.actor.userId,
    accepted_at: ctx.now,
    method_version: method.version,
    likelihood: risk.residual_likelihood,
    impact: risk.residual_impact,
    level: risk.residual_level,
    note: input.note,
  });
  if (!isRecorded) throw new AppError('conflict', `${risk.ref} has already been accepted. Its acceptance is shown on the risk.`);
  if (!(await setRiskStatus(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, 'accepted', { at: ctx.now, by: ctx.actor.userId }))) {
    throw editConflict(await riskView(ctx, await findRisk(ctx, id), m));
  }
  const levelLabel = m.levels.find((level) => level.key === risk.residual_level)?.label ?? risk.residual_level;
  await ctx.audit(
    'risk.accepted',
    entity(id),
    { ref: risk.ref, title: risk.title },
    { ref: risk.ref, title: risk.title, levelLabel, residual: riskSnapshot(risk, m, []).residual, note: input.note, isAboveAppetite },
  );
  return riskView(ctx, await findRisk(ctx, id), m);
}
