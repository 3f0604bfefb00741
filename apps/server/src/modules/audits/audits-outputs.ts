import { findingTypeLabels, type FindingType } from '@custodian/shared/contracts/audits.ts';
import { ncSourceLabels, ncStatusLabels, type NcSource, type NcStatus } from '@custodian/shared/contracts/nonconformities.ts';
import type { DatedObligation } from '@custodian/shared/domain/obligations.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { formatAuDate, todayIn } from '../../lib/dates.ts';
import type { PackFile } from '../../reports/pack-file.ts';
import { renderDocumentPdf } from '../../reports/render-document-pdf.ts';
import { auditDetailOf } from './audit-detail.ts';
import { auditProgramme } from './audit-programme.ts';
import { auditReportModel, ncRegisterModel, programmeModel, slugOf } from './audit-report.ts';
import { ncRef, toNonconformity } from './audit-views.ts';
import { completedAuditsSince, listAllAuditRows, listFindingRows } from './audits.repo.ts';
import { listActionRows, listNcRows, listReviewRows } from './nonconformities.repo.ts';

const today = (ctx: OrgCtx) => todayIn(ctx.org.timeZone, ctx.now);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function findingCounts(types: string[]): string {
  const order: FindingType[] = ['major', 'minor', 'observation', 'improvement'];
  return order.map((type) => `${types.filter((t) => t === type).length} ${findingTypeLabels[type].toLowerCase()}`).join(', ');
}

/** Management review input (9.3.2 c 4): the internal audits completed since a day, and their findings by type. */
export async function auditResultsForReview(ctx: OrgCtx, sinceDay: string): Promise<{ summary: string; lines: string[] }> {
  const audits = await completedAuditsSince(ctx.tx, ctx.org.id, sinceDay);
  const findings = await listFindingRows(ctx.tx, ctx.org.id, audits.map((a) => a.id));
  const since = formatAuDate(sinceDay);
  if (audits.length === 0) return { summary: `No internal audit has been completed since ${since}.`, lines: [] };
  const lines = audits.map((a) => {
    const own = findings.filter((f) => f.audit_id === a.id).map((f) => f.type);
    return `“${a.title}”, completed ${formatAuDate(a.completed_on ?? sinceDay)}: ${findingCounts(own)}.`;
  });
  const summary = `${plural(audits.length, 'internal audit', 'internal audits')} completed since ${since}, with ${findingCounts(findings.map((f) => f.type))}.`;
  return { summary, lines };
}

/** Management review input (9.3.2 c 1): nonconformities open and overdue, closed since a day, and the effectiveness reviews since. */
export async function nonconformitiesForReview(ctx: OrgCtx, sinceDay: string): Promise<{ summary: string; lines: string[] }> {
  const day = today(ctx);
  const all = (await listNcRows(ctx.tx, ctx.org.id)).map((row) => toNonconformity(row, day));
  const reviews = (await listReviewRows(ctx.tx, ctx.org.id)).filter((r) => r.reviewed_on >= sinceDay);
  const open = all.filter((n) => n.status !== 'closed');
  const overdue = open.filter((n) => n.isOverdue);
  const closed = all.filter((n) => n.status === 'closed' && n.closedOn !== null && n.closedOn >= sinceDay);
  const raised = all.filter((n) => n.raisedOn >= sinceDay);
  const since = formatAuDate(sinceDay);
  const describe = (n: (typeof all)[number]) => `${n.ref} (${n.severity}, from ${ncSourceLabels[n.source as NcSource].toLowerCase()}): ${n.title}`;
  const lines = [
    ...open.map((n) => `Open: ${describe(n)}, ${ncStatusLabels[n.status as NcStatus].toLowerCase()}${n.isOverdue ? ', overdue' : ''}.`),
    ...closed.map((n) => `Closed ${formatAuDate(n.closedOn ?? day)}: ${describe(n)}.`),
    ...reviews.map((r) => {
      const nc = all.find((n) => n.id === r.nonconformity_id);
      return `Effectiveness review of ${nc ? nc.ref : 'a nonconformity'} on ${formatAuDate(r.reviewed_on)}: ${r.is_effective ? 'effective' : 'not effective, reopened'}${r.notes ? ` (${r.notes})` : ''}.`;
    }),
  ];
  const effective = reviews.filter((r) => r.is_effective).length;
  const summary =
    `${plural(raised.length, 'nonconformity', 'nonconformities')} raised and ${closed.length} closed since ${since}; ` +
    `${open.length} open${overdue.length > 0 ? `, ${overdue.length} of them overdue` : ''}; ` +
    `${plural(reviews.length, 'effectiveness review', 'effectiveness reviews')} since then (${effective} effective, ${reviews.length - effective} not effective).`;
  return { summary, lines };
}

/** Dated obligations: planned audits (auditor), corrective actions (owner), effectiveness reviews due (who raised the nonconformity). */
export async function auditsObligations(ctx: OrgCtx): Promise<DatedObligation[]> {
  const audits = await listAllAuditRows(ctx.tx, ctx.org.id);
  const actions = await listActionRows(ctx.tx, ctx.org.id);
  const ncs = await listNcRows(ctx.tx, ctx.org.id);
  return [
    ...audits.map((a) => ({
      key: `internal-audit:${a.id}`,
      kind: 'internal-audit',
      title: `Carry out the internal audit “${a.title}”`,
      dueOn: a.planned_start,
      ownerUserId: a.auditor_user_id,
      href: `/audits/${a.id}`,
      isDone: a.status === 'completed',
    })),
    ...actions.map((c) => ({
      key: `corrective-action:${c.id}`,
      kind: 'corrective-action',
      title: `Corrective action for ${ncRef(c.nc_number)}: ${c.description}`.slice(0, 300),
      dueOn: c.due_on,
      ownerUserId: c.owner_user_id,
      href: `/nonconformities/${c.nonconformity_id}`,
      isDone: c.completed_on !== null,
    })),
    ...ncs
      .filter((n) => n.review_due_on !== null)
      .map((n) => ({
        key: `effectiveness-review:${n.id}:${n.review_due_on ?? ''}`,
        kind: 'effectiveness-review',
        title: `Review whether the corrective actions for ${ncRef(n.number)} worked`,
        dueOn: n.review_due_on ?? '',
        ownerUserId: n.created_by,
        href: `/nonconformities/${n.id}`,
        isDone: n.status !== 'awaiting_review',
      })),
  ];
}

/**
 * Guided-path progress for "internal audit": how many of the programme's lines (clauses 4 to 10 and
 * applicable controls) a completed internal audit has covered. Done means the whole ISMS has been
 * audited at least once, which a Stage 2 auditor expects before certification.
 */
export async function internalAuditProgress(ctx: OrgCtx): Promise<{ done: number; total: number; detail: string }> {
  const programme = await auditProgramme(ctx);
  const done = programme.lines.filter((l) => l.audits.some((a) => a.status === 'completed')).length;
  const open = (await listNcRows(ctx.tx, ctx.org.id)).filter((n) => n.status !== 'closed').length;
  const openWords = open === 0 ? '' : `; ${plural(open, 'nonconformity', 'nonconformities')} still open`;
  return { done, total: programme.totalCount, detail: `${done} of ${programme.totalCount} clauses and applicable controls covered by a completed internal audit${openWords}` };
}

/** Auditor-pack files: the programme, each completed audit's report, and the nonconformity register (PDFs). */
export async function auditsPackFiles(ctx: OrgCtx): Promise<PackFile[]> {
  const generatedOn = today(ctx);
  const organisation = ctx.org.name;
  const files: PackFile[] = [];
  const programme = await auditProgramme(ctx);
  files.push({ path: 'internal-audit/audit-programme.pdf', bytes: await renderDocumentPdf(programmeModel({ organisation, programme, generatedOn }), ctx.now), description: 'Internal audit programme (three years) and its coverage' });
  for (const row of (await listAllAuditRows(ctx.tx, ctx.org.id)).filter((a) => a.status === 'completed')) {
    const audit = await auditDetailOf(ctx, row);
    files.push({
      path: `internal-audit/report-${row.completed_on ?? ''}-${slugOf(row.title)}-${row.id.slice(0, 8)}.pdf`,
      bytes: await renderDocumentPdf(auditReportModel({ organisation, audit, generatedOn }), ctx.now),
      description: `Internal audit report: ${row.title} (completed ${formatAuDate(row.completed_on ?? generatedOn)})`,
    });
  }
  const items = (await listNcRows(ctx.tx, ctx.org.id)).map((row) => toNonconformity(row, generatedOn));
  files.push({ path: 'internal-audit/nonconformity-register.pdf', bytes: await renderDocumentPdf(ncRegisterModel({ organisation, items, generatedOn }), ctx.now), description: 'Nonconformities and corrective actions register' });
  return files;
}

/** The register's content as a PDF draft (route: rendered after the commit). */
export async function ncRegisterDraft(ctx: OrgCtx) {
  const generatedOn = today(ctx);
  const items = (await listNcRows(ctx.tx, ctx.org.id)).map((row) => toNonconformity(row, generatedOn));
  return { model: ncRegisterModel({ organisation: ctx.org.name, items, generatedOn }), fileBase: `nonconformity-register-${generatedOn}`, now: ctx.now };
}
