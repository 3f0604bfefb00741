import type { AuditProgramme, ProgrammeLine } from '@custodian/shared/contracts/audits.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { auditUniverse } from './audit-scope.ts';
import { listAllAuditRows } from './audits.repo.ts';

/** The programme's three calendar years: this year and the next two, in the organisation's time zone. */
export function programmePeriod(today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  return { from: `${year}-01-01`, to: `${year + 2}-12-31` };
}

/**
 * The three-year internal audit programme: every clause from 4 to 10 and every applicable control of
 * the SoA, each with the audits of the period that cover it. A line with no audit is not yet planned.
 */
export async function auditProgramme(ctx: OrgCtx): Promise<AuditProgramme> {
  const period = programmePeriod(todayIn(ctx.org.timeZone, ctx.now));
  const universe = await auditUniverse(ctx);
  const audits = (await listAllAuditRows(ctx.tx, ctx.org.id)).filter((a) => a.planned_start >= period.from && a.planned_start <= period.to);
  const coverOf = (kind: 'clause' | 'control', id: string) =>
    audits
      .filter((a) => (kind === 'clause' ? a.scope_clauses : a.scope_controls).includes(id))
      .map((a) => ({ id: a.id, title: a.title, plannedStart: a.planned_start, status: a.status as ProgrammeLine['audits'][number]['status'] }));
  const lines: ProgrammeLine[] = [
    ...universe.clauses.map((c) => ({ kind: 'clause' as const, id: c.ref, ref: `Clause ${c.ref}`, title: c.title, audits: coverOf('clause', c.ref) })),
    ...universe.controls.map((c) => ({ kind: 'control' as const, id: c.controlId, ref: c.ref, title: c.title, audits: coverOf('control', c.controlId) })),
  ];
  return { ...period, lines, coveredCount: lines.filter((l) => l.audits.length > 0).length, totalCount: lines.length };
}
