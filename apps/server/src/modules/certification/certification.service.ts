import {
  certificationAuditKinds,
  certificationAuditLabels,
  certificationOutcomeLabels,
  type Certificate,
  type CertificationAuditKind,
  type UpdateCertificationAuditBody,
  type createCertificateBody,
  type updateCertificateBody,
} from '@custodian/shared/contracts/certification.ts';
import { defaultExpiry } from '@custodian/shared/domain/certification-cycle.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { findOrgEngagement } from '../marketplace/engagement.service.ts';
import { lockOrganisation } from '../org/org.service.ts';
import { collectPack, packFileName, zipPack, type CollectedPack } from './auditor-pack.ts';
import { auditorPackSources } from './auditor-pack-sources.ts';
import { certificatesOf, certificateSnapshot } from './certification-views.ts';
import { assertMayDeleteCertificate } from './certification.policy.ts';
import {
  clearCurrentCertificate,
  deleteCertificateRow,
  findCertificateRow,
  insertAuditRows,
  insertCertificateRow,
  listAuditRows,
  listCertificateRows,
  updateAuditRow,
  updateCertificateRow,
  type AuditFields,
  type CertificateFields,
  type CertificateRow,
} from './certification.repo.ts';

const entity = (id: string) => ({ type: 'certificate', id });

export { certificationObligations, certificationProgress, plannedStage2 } from './certification-dates.ts';

export async function listCertificates(ctx: OrgCtx): Promise<{ items: Certificate[] }> {
  return { items: await certificatesOf(ctx, await listCertificateRows(ctx.tx, ctx.org.id)) };
}

async function requireCertificate(ctx: OrgCtx, id: string, options: { lock?: boolean } = {}): Promise<CertificateRow> {
  const row = await findCertificateRow(ctx.tx, ctx.org.id, id, options);
  if (!row) throw notFound('That certificate');
  return row;
}

async function detailOf(ctx: OrgCtx, row: CertificateRow): Promise<Certificate> {
  const [detail] = await certificatesOf(ctx, [row]);
  if (!detail) throw notFound('That certificate');
  return detail;
}

export async function getCertificate(ctx: OrgCtx, id: string): Promise<Certificate> {
  return detailOf(ctx, await requireCertificate(ctx, id));
}

/** The engagement named, checked: this organisation's own, with a certification body. Its label for the trail. */
async function checkEngagement(ctx: OrgCtx, engagementId: string | null): Promise<string | null> {
  if (engagementId === null) return null;
  const engagement = await findOrgEngagement(ctx, engagementId);
  if (!engagement) {
    throw new AppError('validation_failed', 'Choose an engagement your organisation made in the marketplace.', [{ path: 'engagementId', message: 'is not one of your engagements' }]);
  }
  if (engagement.lane !== 'certification') {
    throw new AppError('validation_failed', `${engagement.providerName} was engaged as a consultant or trainer, not as the certification body.`, [
      { path: 'engagementId', message: 'is not an engagement of a certification body' },
    ]);
  }
  return engagement.summary;
}

function checkDates(issuedOn: string | null, expiresOn: string | null): void {
  if (issuedOn && expiresOn && expiresOn <= issuedOn) {
    throw new AppError('validation_failed', 'The expiry date must be after the issue date.', [{ path: 'expiresOn', message: 'must be after the issue date' }]);
  }
}

/**
 * Records a certificate with its five audits; it becomes the current one and the previous current
 * certificate (if any) is kept as replaced. The organisation's lock makes two at once take turns, and a
 * unique index holds "one current certificate" whatever happens.
 */
export async function createCertificate(ctx: OrgCtx, input: z.output<typeof createCertificateBody>): Promise<Certificate> {
  const engagementLabel = await checkEngagement(ctx, input.engagementId);
  const expiresOn = input.expiresOn ?? (input.issuedOn ? defaultExpiry(input.issuedOn) : null);
  checkDates(input.issuedOn, expiresOn);
  await lockOrganisation(ctx);
  const by = { updated_at: ctx.now, updated_by: ctx.actor.userId };
  const replaced = await clearCurrentCertificate(ctx.tx, ctx.org.id, by);
  const id = newId(ctx.now.getTime());
  const fields: CertificateFields = { number: input.number, body_name: input.bodyName, engagement_id: input.engagementId, scope: input.scope, issued_on: input.issuedOn, expires_on: expiresOn };
  await insertCertificateRow(ctx.tx, { org_id: ctx.org.id, id, ...fields, is_current: true, created_at: ctx.now, created_by: ctx.actor.userId, ...by });
  await insertAuditRows(
    ctx.tx,
    certificationAuditKinds.map((kind) => ({ org_id: ctx.org.id, certificate_id: id, kind, ...by })),
  );
  const row = await requireCertificate(ctx, id);
  await ctx.audit('certification.certificate_added', entity(id), null, { ...certificateSnapshot(row, engagementLabel), replaces: replaced.map((r) => r.number || 'the certificate being worked towards').join(', ') || null });
  return detailOf(ctx, row);
}

function conflictOf(ctx: OrgCtx, current: CertificateRow, what = 'this certificate'): Promise<AppError> {
  return detailOf(ctx, current).then(
    (detail) => new AppError('edit_conflict', `Someone else saved ${what} after you opened it. Their version is shown: check it, then apply your change again.`, { current: detail }),
  );
}

/** Changes the fields sent, if nobody saved the certificate since `version` was read (otherwise 409 with it as it is now). */
export async function updateCertificate(ctx: OrgCtx, id: string, input: z.output<typeof updateCertificateBody>): Promise<Certificate> {
  const before = await requireCertificate(ctx, id, { lock: true });
  if (before.version !== input.version) throw await conflictOf(ctx, before);
  const issuedOn = input.issuedOn === undefined ? before.issued_on : input.issuedOn;
  // A new issue date without an expiry date sets the expiry three years on, as on creation.
  const expiresOn = input.expiresOn !== undefined ? input.expiresOn : input.issuedOn && input.issuedOn !== before.issued_on ? defaultExpiry(input.issuedOn) : before.expires_on;
  checkDates(issuedOn, expiresOn);
  const engagementLabel = input.engagementId === undefined ? null : await checkEngagement(ctx, input.engagementId);
  const patch: Partial<CertificateFields> = {
    ...(input.number === undefined ? {} : { number: input.number }),
    ...(input.bodyName === undefined ? {} : { body_name: input.bodyName }),
    ...(input.engagementId === undefined ? {} : { engagement_id: input.engagementId }),
    ...(input.scope === undefined ? {} : { scope: input.scope }),
    ...(issuedOn === before.issued_on ? {} : { issued_on: issuedOn }),
    ...(expiresOn === before.expires_on ? {} : { expires_on: expiresOn }),
  };
  if (Object.keys(patch).length === 0) return detailOf(ctx, before);
  if (!(await updateCertificateRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, { ...patch, updated_at: ctx.now, updated_by: ctx.actor.userId }))) {
    throw await conflictOf(ctx, await requireCertificate(ctx, id));
  }
  const after = await requireCertificate(ctx, id);
  const b = certificateSnapshot(before, before.engagement_id ? 'linked' : null);
  const a = certificateSnapshot(after, after.engagement_id ? (engagementLabel ?? 'linked') : null);
  const changed = Object.keys(a).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
  await ctx.audit(
    'certification.certificate_changed',
    entity(id),
    { number: before.number, ...Object.fromEntries(changed.map((k) => [k, b[k]])) },
    { number: after.number, ...Object.fromEntries(changed.map((k) => [k, a[k]])) },
  );
  return detailOf(ctx, after);
}

/** Makes an earlier certificate the current one again (the one current now is kept as replaced), under the organisation's lock. */
export async function makeCertificateCurrent(ctx: OrgCtx, id: string, version: number): Promise<Certificate> {
  await lockOrganisation(ctx);
  const before = await requireCertificate(ctx, id, { lock: true });
  if (before.version !== version) throw await conflictOf(ctx, before);
  if (before.is_current) return detailOf(ctx, before);
  const by = { updated_at: ctx.now, updated_by: ctx.actor.userId };
  await clearCurrentCertificate(ctx.tx, ctx.org.id, by);
  if (!(await updateCertificateRow(ctx.tx, { orgId: ctx.org.id, id, version }, { is_current: true, ...by }))) throw await conflictOf(ctx, await requireCertificate(ctx, id));
  const after = await requireCertificate(ctx, id);
  await ctx.audit('certification.certificate_made_current', entity(id), { isCurrent: false }, { number: after.number, isCurrent: true });
  return detailOf(ctx, after);
}

export async function deleteCertificate(ctx: OrgCtx, id: string): Promise<void> {
  assertMayDeleteCertificate(ctx.actor);
  const before = await requireCertificate(ctx, id, { lock: true });
  if (!(await deleteCertificateRow(ctx.tx, ctx.org.id, id))) throw notFound('That certificate');
  await ctx.audit('certification.certificate_deleted', entity(id), certificateSnapshot(before, null));
}

function refuse(path: string, message: string, sentence: string): never {
  throw new AppError('validation_failed', sentence, [{ path, message }]);
}

/**
 * Plans or records one audit of a certificate's cycle, if nobody saved it since `version` was read. An
 * outcome needs the day it was held; a held day cannot be after today; Stage 2 cannot be held before Stage 1.
 */
export async function updateCertificationAudit(ctx: OrgCtx, id: string, kind: CertificationAuditKind, input: UpdateCertificationAuditBody): Promise<Certificate> {
  const certificate = await requireCertificate(ctx, id, { lock: true });
  const audits = await listAuditRows(ctx.tx, ctx.org.id, [id]);
  const before = audits.find((a) => a.kind === kind);
  if (!before) throw notFound(`The ${certificationAuditLabels[kind]} of that certificate`);
  if (before.version !== input.version) throw await conflictOf(ctx, certificate, `the ${certificationAuditLabels[kind]}`);
  const heldOn = input.heldOn === undefined ? before.held_on : input.heldOn;
  const outcome = input.outcome ?? before.outcome;
  if (heldOn && heldOn > todayIn(ctx.org.timeZone, ctx.now)) refuse('heldOn', 'cannot be after today', 'An audit cannot have been held after today: set the planned date instead.');
  if (outcome !== 'pending' && !heldOn) refuse('outcome', 'needs the day the audit was held', 'Enter the day the audit was held before its outcome.');
  const stage1 = audits.find((a) => a.kind === 'stage1');
  if (kind === 'stage2' && heldOn && stage1?.held_on && heldOn < stage1.held_on) refuse('heldOn', 'is before the Stage 1 audit', 'The Stage 2 audit cannot be held before the Stage 1 audit.');
  const patch: Partial<AuditFields> = {
    ...(input.plannedOn === undefined ? {} : { planned_on: input.plannedOn }),
    ...(input.heldOn === undefined ? {} : { held_on: input.heldOn }),
    ...(input.outcome === undefined ? {} : { outcome: input.outcome }),
    ...(input.notes === undefined ? {} : { notes: input.notes }),
  };
  if (Object.keys(patch).length === 0) return detailOf(ctx, certificate);
  if (!(await updateAuditRow(ctx.tx, { orgId: ctx.org.id, certificateId: id, kind, version: input.version }, { ...patch, updated_at: ctx.now, updated_by: ctx.actor.userId }))) {
    throw await conflictOf(ctx, certificate, `the ${certificationAuditLabels[kind]}`);
  }
  const words = (a: { planned_on: string | null; held_on: string | null; outcome: string; notes: string }) => ({
    plannedOn: a.planned_on,
    heldOn: a.held_on,
    outcome: certificationOutcomeLabels[a.outcome as keyof typeof certificationOutcomeLabels],
    notes: a.notes,
  });
  const b = words(before);
  const a = words({ ...before, ...patch });
  const changed = (Object.keys(a) as Array<keyof typeof a>).filter((key) => a[key] !== b[key]);
  const label = { audit: certificationAuditLabels[kind], certificate: certificate.number };
  await ctx.audit(
    'certification.audit_changed',
    { type: 'certificate', id },
    { ...label, ...Object.fromEntries(changed.map((k) => [k, b[k]])) },
    { ...label, ...Object.fromEntries(changed.map((k) => [k, a[k]])) },
  );
  return detailOf(ctx, certificate);
}

/** The auditor pack's files, gathered in the request's one snapshot; `renderAuditorPack` zips them after it. */
export async function buildAuditorPack(ctx: OrgCtx): Promise<CollectedPack> {
  return collectPack(ctx, auditorPackSources);
}

/** The pack as one ZIP with its manifest, the manifest's SHA-256 (sent in a header) and the file name. */
export async function renderAuditorPack(pack: CollectedPack): Promise<{ fileName: string; body: Buffer; manifestSha256: string }> {
  const zipped = await zipPack(pack);
  return { fileName: packFileName(pack), body: zipped.body, manifestSha256: zipped.manifestSha256 };
}
