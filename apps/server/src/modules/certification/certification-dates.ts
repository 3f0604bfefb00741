import { certificationAuditLabels } from '@custodian/shared/contracts/certification.ts';
import type { DatedObligation } from '@custodian/shared/domain/obligations.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { formatAuDate } from '../../lib/dates.ts';
import { auditsOf } from './certification-views.ts';
import { findCurrentCertificateRow, listAuditRows } from './certification.repo.ts';

const href = '/certification';

/** An audit's label inside a sentence: "the surveillance audit, year 1", but "the Stage 1 audit". */
const inSentence = (label: string) => (label.startsWith('Stage') ? label : `${label.charAt(0).toLowerCase()}${label.slice(1)}`);

/** The current certificate and its cycle's audits, or null when none is recorded. */
async function currentCycle(ctx: OrgCtx) {
  const row = await findCurrentCertificateRow(ctx.tx, ctx.org.id);
  if (!row) return null;
  return { row, audits: auditsOf(row, await listAuditRows(ctx.tx, ctx.org.id, [row.id])) };
}

/**
 * The current certificate's dated obligations: each audit of the cycle with a planned day or a default
 * from the certificate's dates (done once held), and the certificate's expiry. Owner: the person who
 * recorded the certificate (the cycle has no owner of its own).
 */
export async function certificationObligations(ctx: OrgCtx): Promise<DatedObligation[]> {
  const cycle = await currentCycle(ctx);
  if (!cycle) return [];
  const { row, audits } = cycle;
  const owner = row.created_by;
  const obligations: DatedObligation[] = audits.flatMap((audit) => {
    const dueOn = audit.heldOn ?? audit.dueOn;
    if (!dueOn) return [];
    const verb = audit.plannedOn || audit.heldOn ? 'Hold' : 'Book and hold';
    return [{ key: `certification-audit:${row.id}:${audit.kind}`, kind: `certification-${audit.kind}`, title: `${verb} the ${inSentence(certificationAuditLabels[audit.kind])}`, dueOn, ownerUserId: owner, href, isDone: audit.heldOn !== null }];
  });
  if (row.expires_on) {
    const recertified = audits.find((a) => a.kind === 'recertification')?.outcome;
    obligations.push({
      key: `certificate-expiry:${row.id}`,
      kind: 'certificate-expiry',
      title: row.number ? `Certificate ${row.number} expires` : 'The certificate expires',
      dueOn: row.expires_on,
      ownerUserId: owner,
      href,
      isDone: recertified === 'passed' || recertified === 'passed_with_findings',
    });
  }
  return obligations;
}

/** Progress on the last step of the guided path: Stage 1 and Stage 2 held. */
export async function certificationProgress(ctx: OrgCtx): Promise<{ done: number; total: number; detail: string }> {
  const cycle = await currentCycle(ctx);
  const stage = (kind: 'stage1' | 'stage2') => cycle?.audits.find((a) => a.kind === kind) ?? null;
  const [one, two] = [stage('stage1'), stage('stage2')];
  const done = [one, two].filter((a) => a?.heldOn).length;
  const words = (name: string, audit: ReturnType<typeof stage>): string => {
    if (audit?.heldOn) return `${name} held on ${formatAuDate(audit.heldOn)}`;
    if (audit?.plannedOn) return `${name} planned for ${formatAuDate(audit.plannedOn)}`;
    return `${name} not yet planned`;
  };
  return { done, total: 2, detail: `${words('Stage 1', one)}; ${words('Stage 2', two)}.` };
}

/** The Stage 2 audit of the current certificate: the day it was held, else the day planned; null when neither. */
export async function plannedStage2(ctx: OrgCtx): Promise<{ day: string | null }> {
  const cycle = await currentCycle(ctx);
  const stage2 = cycle?.audits.find((a) => a.kind === 'stage2');
  return { day: stage2?.heldOn ?? stage2?.plannedOn ?? null };
}
