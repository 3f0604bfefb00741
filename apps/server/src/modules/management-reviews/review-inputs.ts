import { actionStatusLabels, type ActionStatus, type ReviewInputKey } from '@custodian/shared/contracts/management-reviews.ts';
import { scopeSectionLabels, type ScopeSection } from '@custodian/shared/contracts/scope.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { formatAuDate, todayIn } from '../../lib/dates.ts';
import { isAboveAppetite, levelLabel, standing } from '../../reports/risk-report-input.ts';
import { auditResultsForReview, nonconformitiesForReview } from '../audits/audits.service.ts';
import { listEvidence } from '../evidence/evidence.service.ts';
import { getGapItem, getReadiness } from '../gap/gap.service.ts';
import { readRiskReportInput } from '../risk-insights/risk-reports.service.ts';
import { listScopeItems } from '../scope/scope.service.ts';
import { getSoaDraft } from '../soa/soa.service.ts';
import { listCarriedActionRows } from './management-reviews.repo.ts';

/*
 * The inputs of a management review (9.3.2), read from the organisation's own records. Each is one
 * sentence and a list of lines; the meeting adds its notes beside it. Read when the review is prepared,
 * again on request, and a last time when the meeting is held (then frozen).
 */

export interface InputSnapshot {
  key: ReviewInputKey;
  summary: string;
  lines: string[];
}

/** At most this many lines per input: the rest is counted in the last line. */
const lineLimit = 40;

function capped(lines: string[]): string[] {
  return lines.length <= lineLimit ? lines : [...lines.slice(0, lineLimit), `… and ${lines.length - lineLimit} more.`];
}

const plural = (count: number, one: string, other = `${one}s`) => `${count} ${count === 1 ? one : other}`;
const sinceText = (sinceDay: string | null) => (sinceDay === null ? 'so far (this is the first review)' : `since the last review on ${formatAuDate(sinceDay)}`);

async function previousActions(ctx: OrgCtx, reviewId: string, sinceDay: string | null): Promise<InputSnapshot> {
  const today = todayIn(ctx.org.timeZone, ctx.now);
  const rows = await listCarriedActionRows(ctx.tx, ctx.org.id, reviewId, sinceDay);
  const open = rows.filter((row) => row.status === 'open');
  const overdue = open.filter((row) => row.due_on !== null && row.due_on < today);
  const closed = rows.length - open.length;
  const lines = rows.map((row) => {
    const from = row.review_held_on ? ` (from the review of ${formatAuDate(row.review_held_on)})` : '';
    const owner = row.owner_name ? `, owner ${row.owner_name}` : ', no owner';
    const due = row.due_on ? `, due ${formatAuDate(row.due_on)}` : '';
    const late = row.status === 'open' && row.due_on !== null && row.due_on < today ? ' (overdue)' : '';
    return `${row.title}${from}${owner}${due}: ${actionStatusLabels[row.status as ActionStatus]}${late}`;
  });
  const summary =
    rows.length === 0
      ? 'No actions from earlier reviews are open or were closed since the last review.'
      : `${plural(open.length, 'action')} from earlier reviews still open (${overdue.length} overdue); ${closed} closed ${sinceText(sinceDay)}.`;
  return { key: 'previous_actions', summary, lines: capped(lines) };
}

async function scopeEntries(ctx: OrgCtx, section: ScopeSection) {
  return (await listScopeItems(ctx, { section, sort: 'updatedAt', order: 'desc', limit: 200 })).items;
}

async function issuesChanges(ctx: OrgCtx, sinceDay: string | null): Promise<InputSnapshot> {
  const zone = ctx.org.timeZone;
  const dayOf = (iso: string) => todayIn(zone, new Date(iso));
  const entries = [...(await scopeEntries(ctx, 'internal_issue')), ...(await scopeEntries(ctx, 'external_issue'))];
  const changed = entries.filter((item) => sinceDay === null || dayOf(item.updatedAt) >= sinceDay);
  const lines = changed.map((item) => {
    const isNew = sinceDay === null || dayOf(item.createdAt) >= sinceDay;
    const what = isNew ? `added ${formatAuDate(dayOf(item.createdAt))}` : `changed ${formatAuDate(dayOf(item.updatedAt))}`;
    return `${scopeSectionLabels[item.section].one}: ${item.name} (${what})${item.description ? `: ${item.description}` : ''}`;
  });
  const summary =
    changed.length === 0
      ? `No internal or external issue was added or changed ${sinceText(sinceDay)} (${plural(entries.length, 'issue')} recorded in the context).`
      : `${plural(changed.length, 'issue')} added or changed ${sinceText(sinceDay)}, of ${entries.length} recorded in the context.`;
  return { key: 'issues_changes', summary, lines: capped(lines) };
}

async function evidenceCount(ctx: OrgCtx, validity: 'expired' | 'expiring'): Promise<string> {
  const total = (await listEvidence(ctx, { validity, sort: 'title', order: 'asc', limit: 1 })).total;
  return `${total.isExact ? '' : 'more than '}${total.count}`;
}

async function monitoring(ctx: OrgCtx): Promise<InputSnapshot> {
  const risks = await readRiskReportInput(ctx);
  const open = risks.risks.filter((risk) => risk.status !== 'closed');
  const above = open.filter((risk) => isAboveAppetite(risks, risk)).length;
  const today = todayIn(ctx.org.timeZone, ctx.now);
  const reviewsDue = open.filter((risk) => risk.nextReviewOn !== null && risk.nextReviewOn < today).length;
  const soa = await getSoaDraft(ctx);
  const applicable = soa.rows.filter((row) => row.isApplicable);
  const implemented = applicable.filter((row) => row.status === 'implemented').length;
  const partial = applicable.filter((row) => row.status === 'partial').length;
  const withoutEvidence = applicable.filter((row) => row.status === 'implemented' && row.evidenceCount === 0).length;
  const readiness = await getReadiness(ctx);
  const lines = [
    `Risks: ${open.length} open, ${above} above the risk appetite, ${reviewsDue} past their review date.`,
    `Controls: ${implemented} of ${applicable.length} applicable controls implemented, ${partial} partly implemented.`,
    `Evidence: ${await evidenceCount(ctx, 'expired')} items expired, ${await evidenceCount(ctx, 'expiring')} expiring within 30 days; ${withoutEvidence} implemented controls have no evidence linked.`,
    `Readiness for certification (gap analysis): ${Math.round(readiness.overall.score)}%.`,
    `Statement of Applicability: ${soa.latest ? `version ${soa.latest.version} approved${soa.isApproved ? '' : ', changed since'}` : 'not yet approved'}.`,
  ];
  return {
    key: 'monitoring',
    summary: `${implemented} of ${applicable.length} applicable controls implemented; ${open.length} open risks, ${above} above the appetite.`,
    lines,
  };
}

async function objectives(ctx: OrgCtx): Promise<InputSnapshot> {
  const item = await getGapItem(ctx, 'iso27001:2022:6.2');
  const statusWords: Record<string, string> = {
    not_started: 'not started',
    partial: 'partly in place',
    implemented: 'in place',
    not_applicable: 'marked not applicable',
  };
  const lines = [
    `Gap analysis ${item.ref} ${item.title}: ${statusWords[item.status] ?? item.status}${item.ownerName ? `, owner ${item.ownerName}` : ''}${item.targetDate ? `, target ${formatAuDate(item.targetDate)}` : ''}.`,
    ...(item.notes.trim() ? item.notes.trim().split(/\n+/) : []),
  ];
  return {
    key: 'objectives',
    summary: `The organisation's objectives are recorded under ${item.ref} of the gap analysis (${statusWords[item.status] ?? item.status}). Record in the notes how far each objective was met.`,
    lines: capped(lines),
  };
}

async function interestedParties(ctx: OrgCtx): Promise<InputSnapshot> {
  const parties = await scopeEntries(ctx, 'interested_party');
  const lines = parties.map((party) => `${party.name}${party.requirements ? `: ${party.requirements}` : ''}`);
  const summary =
    parties.length === 0
      ? 'No interested parties are recorded in the context yet. Record any feedback received in the notes.'
      : `${plural(parties.length, 'interested party', 'interested parties')} recorded with their needs. Record feedback received from them (complaints, requests, audits by partners) in the notes.`;
  return { key: 'interested_parties', summary, lines: capped(lines) };
}

async function riskStatus(ctx: OrgCtx): Promise<InputSnapshot> {
  const input = await readRiskReportInput(ctx);
  const today = todayIn(ctx.org.timeZone, ctx.now);
  const open = input.risks.filter((risk) => risk.status !== 'closed');
  const byLevel = input.method.levels.map((level) => `${level.label} ${open.filter((risk) => standing(risk).levelKey === level.key).length}`).join(', ');
  const tasks = open.flatMap((risk) => risk.tasks);
  const done = tasks.filter((task) => task.status === 'done').length;
  const late = tasks.filter((task) => task.status !== 'done' && task.dueOn !== null && task.dueOn < today).length;
  const accepted = open.filter((risk) => risk.acceptance !== null).length;
  const above = open.filter((risk) => isAboveAppetite(input, risk));
  const lines = [
    `Open risks by level where they stand today: ${byLevel || 'none'}.`,
    `Treatment plan: ${done} of ${tasks.length} tasks done, ${late} overdue.`,
    `Residual risks formally accepted: ${accepted}.`,
    ...above.map(
      (risk) =>
        `Above the appetite: ${risk.ref} ${risk.title} (${levelLabel(input, standing(risk).levelKey)})${risk.ownerName ? `, owner ${risk.ownerName}` : ''}.`,
    ),
  ];
  return {
    key: 'risk_status',
    summary: `${plural(open.length, 'open risk')}, ${above.length} above the appetite; ${done} of ${tasks.length} treatment tasks done.`,
    lines: capped(lines),
  };
}

async function improvement(ctx: OrgCtx): Promise<InputSnapshot> {
  const soa = await getSoaDraft(ctx);
  const readiness = await getReadiness(ctx);
  const notStarted = soa.rows.filter((row) => row.isApplicable && row.status === 'not_started');
  const lines = [
    ...soa.checks.map((check) => `Statement of Applicability: ${check.message}`),
    ...readiness.overdue.map(
      (item) => `Past its target date: ${item.ref} ${item.title}${item.targetDate ? ` (target ${formatAuDate(item.targetDate)})` : ''}.`,
    ),
    ...notStarted.map((row) => `Applicable control not started: ${row.ref} ${row.title}.`),
  ];
  const summary =
    lines.length === 0
      ? 'The records show no gaps to close; record any other ideas for improvement in the notes.'
      : `${plural(soa.checks.length, 'inconsistency', 'inconsistencies')} in the Statement of Applicability, ${readiness.overdue.length} items past their target date, ${notStarted.length} applicable controls not started.`;
  return { key: 'improvement', summary, lines: capped(lines) };
}

/** The first review looks back one year for audits and closed nonconformities (open ones are always listed). */
function yearBefore(day: string): string {
  const [year, rest] = [Number(day.slice(0, 4)), day.slice(4)];
  return `${year - 1}${rest === '-02-29' ? '-02-28' : rest}`;
}

/**
 * Every input, read now. `sinceDay` is the day the last review was held (null for the first review);
 * `asOfDay` the day the inputs are read for (the planned or held day).
 */
export async function readReviewInputs(ctx: OrgCtx, reviewId: string, sinceDay: string | null, asOfDay: string): Promise<InputSnapshot[]> {
  const auditsSince = sinceDay ?? yearBefore(asOfDay);
  return [
    await previousActions(ctx, reviewId, sinceDay),
    await issuesChanges(ctx, sinceDay),
    { key: 'nonconformities', ...(await nonconformitiesForReview(ctx, auditsSince)) },
    { key: 'audit_results', ...(await auditResultsForReview(ctx, auditsSince)) },
    await monitoring(ctx),
    await objectives(ctx),
    await interestedParties(ctx),
    await riskStatus(ctx),
    await improvement(ctx),
  ];
}
