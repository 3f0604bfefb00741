import type { Affiliation, createAffiliationBody, updateAffiliationBody } from '@custodian/shared/contracts/providers.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import type { OrgCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { toAffiliation } from './provider-dto.ts';
import { requireCertificationBody, requireProvider } from './provider-scope.ts';
import {
  deleteAffiliationRow,
  findAffiliationRow,
  findListedProviderBySlug,
  insertAffiliationRow,
  listAffiliationRows,
  updateAffiliationRow,
  type AffiliationPatch,
  type AffiliationRow,
} from './provider.repo.ts';

const what = 'an affiliation register';

function checkDates(startedOn: string, endedOn: string | null): void {
  if (endedOn !== null && endedOn < startedOn) {
    throw new AppError('validation_failed', 'The tie cannot end before it started.', [{ path: 'endedOn', message: 'must be on or after the start date' }]);
  }
}

function auditFields(row: Pick<AffiliationRow, 'affiliated_name' | 'relationship' | 'commission_percent' | 'started_on' | 'ended_on'>): Record<string, unknown> {
  return {
    consultancy: row.affiliated_name,
    relationship: row.relationship,
    commissionPercent: row.commission_percent === null ? null : Number(row.commission_percent),
    startedOn: row.started_on,
    endedOn: row.ended_on,
  };
}

/** The certification body's register of ties with consultancies (empty for other providers). */
export async function listAffiliations(ctx: OrgCtx): Promise<{ items: Affiliation[] }> {
  await requireProvider(ctx);
  return { items: (await listAffiliationRows(ctx.tx, ctx.org.id)).map(toAffiliation) };
}

/**
 * Records a tie with a consultancy: one in the directory (by its address, linked so matching can
 * exclude this body from requests that consultancy built), or one named only.
 */
export async function createAffiliation(ctx: OrgCtx, input: z.output<typeof createAffiliationBody>): Promise<Affiliation> {
  await requireCertificationBody(ctx, what);
  checkDates(input.startedOn, input.endedOn);
  let affiliatedOrgId: string | null = null;
  let name = input.affiliatedName ?? null;
  if (input.affiliatedSlug !== undefined) {
    const found = await findListedProviderBySlug(ctx.tx, input.affiliatedSlug);
    if (!found || found.kind !== 'consultant') {
      throw new AppError('validation_failed', 'No consultancy in the directory has that web address.', [{ path: 'affiliatedSlug', message: 'is not the address of a consultancy in the directory' }]);
    }
    affiliatedOrgId = found.org_id;
    name = name ?? found.display_name;
  }
  if (name === null) throw new AppError('validation_failed', 'Name the consultancy, or choose it from the directory.', [{ path: 'affiliatedName', message: 'is required when no consultancy is chosen' }]);
  const id = newId(ctx.now.getTime());
  const row = {
    org_id: ctx.org.id,
    id,
    affiliated_org_id: affiliatedOrgId,
    affiliated_name: name,
    relationship: input.relationship,
    commission_percent: input.commissionPercent === null ? null : String(input.commissionPercent),
    started_on: input.startedOn,
    ended_on: input.endedOn,
    created_at: ctx.now,
  };
  await insertAffiliationRow(ctx.tx, row);
  await ctx.audit('provider.affiliation_added', { type: 'provider_affiliation', id }, undefined, auditFields(row));
  const saved = await findAffiliationRow(ctx.tx, ctx.org.id, id);
  if (!saved) throw new Error('affiliation vanished after insert');
  return toAffiliation(saved);
}

async function requireAffiliation(ctx: OrgCtx, id: string): Promise<AffiliationRow> {
  await requireCertificationBody(ctx, what);
  const row = await findAffiliationRow(ctx.tx, ctx.org.id, id);
  if (!row) throw notFound('That affiliation');
  return row;
}

/** Changes the fields sent, if nobody changed the tie since `version` (else 409 with the current one). */
export async function updateAffiliation(ctx: OrgCtx, id: string, input: z.output<typeof updateAffiliationBody>): Promise<Affiliation> {
  const before = await requireAffiliation(ctx, id);
  const conflict = (current: AffiliationRow) =>
    new AppError('edit_conflict', 'Someone else changed this affiliation after you opened it. Check their change, then apply yours again.', { current: toAffiliation(current) });
  if (before.version !== input.version) throw conflict(before);
  const patch: AffiliationPatch = {
    ...(input.affiliatedName !== undefined ? { affiliated_name: input.affiliatedName } : {}),
    ...(input.relationship !== undefined ? { relationship: input.relationship } : {}),
    ...(input.commissionPercent !== undefined ? { commission_percent: input.commissionPercent === null ? null : String(input.commissionPercent) } : {}),
    ...(input.startedOn !== undefined ? { started_on: input.startedOn } : {}),
    ...(input.endedOn !== undefined ? { ended_on: input.endedOn } : {}),
  };
  checkDates(patch.started_on ?? before.started_on, patch.ended_on === undefined ? before.ended_on : patch.ended_on);
  if (Object.keys(patch).length === 0) return toAffiliation(before);
  if (!(await updateAffiliationRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, patch))) throw conflict((await findAffiliationRow(ctx.tx, ctx.org.id, id)) ?? before);
  const after = await findAffiliationRow(ctx.tx, ctx.org.id, id);
  if (!after) throw notFound('That affiliation');
  await ctx.audit('provider.affiliation_updated', { type: 'provider_affiliation', id }, auditFields(before), auditFields(after));
  return toAffiliation(after);
}

export async function deleteAffiliation(ctx: OrgCtx, id: string): Promise<void> {
  const before = await requireAffiliation(ctx, id);
  if (!(await deleteAffiliationRow(ctx.tx, ctx.org.id, id))) throw notFound('That affiliation');
  await ctx.audit('provider.affiliation_removed', { type: 'provider_affiliation', id }, auditFields(before));
}
