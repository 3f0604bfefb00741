import type { RiskScoresSnapshot } from '@custodian/shared/contracts/risk-method.ts';
import type { RiskHistoryReply } from '@custodian/shared/contracts/risks.ts';
import { auditChanges, auditSentence, auditSentences, isAuditAction } from '@custodian/shared/domain/audit-wording.ts';
import { notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { listAuditEvents } from '../audit-log/audit-log.service.ts';
import { listAcceptances } from './risk-acceptance.repo.ts';
import { listRiskRescores } from './risk-history.repo.ts';
import { readCurrentMethod } from './risk-method.service.ts';
import { toAcceptance } from './risk-views.ts';
import { findRiskRow } from './risks.repo.ts';

/** How many of a risk's audit events the history shows (newest kept). */
const eventCap = 200;

/**
 * A risk's full history: its audit events in plain words (what changed, before → after), every
 * re-score a method change made, and every acceptance, standing or withdrawn.
 */
export async function getRiskHistory(ctx: OrgCtx, riskId: string): Promise<RiskHistoryReply> {
  if (!(await findRiskRow(ctx.tx, ctx.org.id, riskId))) throw notFound('The risk');
  const method = await readCurrentMethod(ctx);
  const page = await listAuditEvents(ctx, { entityType: 'risk', entityId: riskId, sort: 'seq', order: 'desc', limit: eventCap });
  const events = page.items.reverse().map((event) => ({
    at: event.occurredAt,
    actorName: event.actorName,
    title: isAuditAction(event.action) ? auditSentences[event.action].title : 'Change',
    sentence: auditSentence({ action: event.action, actorName: event.actorName, subject: event.subject, before: event.before, after: event.after, people: event.people }),
    changes: auditChanges({ before: event.before, after: event.after, people: event.people }).map((change) => ({ field: change.field, before: change.before ?? 'none', after: change.after })),
  }));
  const rescores = (await listRiskRescores(ctx.tx, ctx.org.id, riskId)).map((row) => ({
    fromVersion: row.from_version,
    toVersion: row.to_version,
    at: new Date(row.created_at).toISOString(),
    byName: row.by_name,
    note: row.change_note,
    before: row.before as unknown as RiskScoresSnapshot,
    after: row.after as unknown as RiskScoresSnapshot,
  }));
  const acceptances = (await listAcceptances(ctx.tx, ctx.org.id, riskId)).map((row) => toAcceptance(row, method.definition));
  return { events, rescores, acceptances };
}
