import type { AuditDetail } from '@custodian/shared/contracts/audits.ts';
import { notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { toAudit, toChecklistItem, toFinding } from './audit-views.ts';
import { findAuditRow, listChecklistRows, listFindingRows, type AuditRow } from './audits.repo.ts';

export async function auditDetailOf(ctx: OrgCtx, row: AuditRow): Promise<AuditDetail> {
  const checklist = await listChecklistRows(ctx.tx, ctx.org.id, row.id);
  const findings = await listFindingRows(ctx.tx, ctx.org.id, [row.id]);
  const refs = new Map(checklist.map((line) => [line.item_id, line.ref]));
  return { ...toAudit(row), checklist: checklist.map(toChecklistItem), findings: findings.map((f) => toFinding(f, refs)) };
}

export async function findAudit(ctx: OrgCtx, id: string, lock = false): Promise<AuditRow> {
  const row = await findAuditRow(ctx.tx, ctx.org.id, id, lock);
  if (!row) throw notFound('The audit');
  return row;
}
