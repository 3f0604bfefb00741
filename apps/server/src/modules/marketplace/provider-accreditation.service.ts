import { createHash } from 'node:crypto';
import type { Accreditation, createAccreditationBody, updateAccreditationBody } from '@custodian/shared/contracts/providers.ts';
import { maxCertificateBytes } from '@custodian/shared/contracts/providers.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import type { OrgCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { sniffCertificateType } from './provider-claims.ts';
import { accreditationClaimOf, toAccreditation } from './provider-dto.ts';
import { marketplaceToday, requireCertificationBody, requireProvider } from './provider-scope.ts';
import {
  deleteAccreditationRow,
  findAccreditationRow,
  insertAccreditationRow,
  listAccreditationRows,
  listVerificationRows,
  readCertificate,
  updateAccreditationRow,
  type AccreditationPatch,
  type AccreditationRow,
  type CertificateFile,
} from './provider.repo.ts';

const what = 'accreditations';

/**
 * A certificate sent as base64: at most 5 MB, and a PDF, PNG or JPEG by its first bytes (a program
 * renamed ".pdf" is refused). Kept with its SHA-256.
 */
export function decodeCertificate(upload: { fileName: string; contentBase64: string }): CertificateFile {
  const bytes = Buffer.from(upload.contentBase64, 'base64');
  if (bytes.length === 0) throw new AppError('validation_failed', 'The certificate file is empty.', [{ path: 'certificate.contentBase64', message: 'is empty' }]);
  if (bytes.length > maxCertificateBytes) throw new AppError('payload_too_large', 'The certificate file is larger than 5 MB. Save it at a lower resolution, or as a PDF, and try again.');
  const type = sniffCertificateType(bytes);
  if (!type) {
    throw new AppError('unsupported_media_type', `"${upload.fileName}" is not a PDF, PNG or JPEG file (Custodian checks the file itself, not its name). Upload the certificate as one of those.`);
  }
  return { name: upload.fileName, type, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

function auditFields(row: AccreditationRow): Record<string, unknown> {
  const { certificateSha256: _hash, ...claim } = accreditationClaimOf(row);
  return { ...claim, certificate: row.certificate_name ? `${row.certificate_name} (SHA-256 ${row.certificate_sha256 ?? ''})` : null };
}

function subjectOf(row: AccreditationRow): string {
  return `${row.accreditation_body} accreditation ${row.accreditation_number}`;
}

/** The provider's accreditations, each with its badge (a consultancy has none). */
export async function listAccreditations(ctx: OrgCtx): Promise<{ items: Accreditation[] }> {
  await requireProvider(ctx);
  const rows = await listAccreditationRows(ctx.tx, ctx.org.id);
  const verifications = await listVerificationRows(ctx.tx, [ctx.org.id]);
  const today = marketplaceToday(ctx);
  return { items: rows.map((row) => toAccreditation(row, verifications, today)) };
}

export async function createAccreditation(ctx: OrgCtx, input: z.output<typeof createAccreditationBody>): Promise<Accreditation> {
  await requireCertificationBody(ctx, what);
  const file = input.certificate ? decodeCertificate(input.certificate) : null;
  const id = newId(ctx.now.getTime());
  const row = await insertAccreditationRow(
    ctx.tx,
    {
      org_id: ctx.org.id,
      id,
      accreditation_body: input.accreditationBody,
      is_iaf_member: input.isIafMember,
      accreditation_number: input.accreditationNumber,
      standards: input.standards,
      scope_note: input.scopeNote,
      expires_on: input.expiresOn,
      created_at: ctx.now,
      updated_at: ctx.now,
    },
    file,
  );
  await ctx.audit('provider.accreditation_added', { type: 'provider_accreditation', id }, undefined, { subject: subjectOf(row), ...auditFields(row) });
  return toAccreditation(row, [], marketplaceToday(ctx));
}

async function requireAccreditation(ctx: OrgCtx, id: string): Promise<AccreditationRow> {
  await requireCertificationBody(ctx, what);
  const row = await findAccreditationRow(ctx.tx, ctx.org.id, id);
  if (!row) throw notFound('That accreditation');
  return row;
}

/** Changes the fields sent (a new certificate replaces the old), if nobody changed it since `version` (else 409). */
export async function updateAccreditation(ctx: OrgCtx, id: string, input: z.output<typeof updateAccreditationBody>): Promise<Accreditation> {
  const before = await requireAccreditation(ctx, id);
  const verifications = await listVerificationRows(ctx.tx, [ctx.org.id]);
  const today = marketplaceToday(ctx);
  const conflict = (current: AccreditationRow) =>
    new AppError('edit_conflict', 'Someone else changed this accreditation after you opened it. Check their change, then apply yours again.', { current: toAccreditation(current, verifications, today) });
  if (before.version !== input.version) throw conflict(before);
  const file = input.certificate ? decodeCertificate(input.certificate) : null;
  const patch: AccreditationPatch = {
    ...(input.accreditationBody !== undefined ? { accreditation_body: input.accreditationBody } : {}),
    ...(input.isIafMember !== undefined ? { is_iaf_member: input.isIafMember } : {}),
    ...(input.accreditationNumber !== undefined ? { accreditation_number: input.accreditationNumber } : {}),
    ...(input.standards !== undefined ? { standards: input.standards } : {}),
    ...(input.scopeNote !== undefined ? { scope_note: input.scopeNote } : {}),
    ...(input.expiresOn !== undefined ? { expires_on: input.expiresOn } : {}),
  };
  if (Object.keys(patch).length === 0 && !file) return toAccreditation(before, verifications, today);
  const after = await updateAccreditationRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, patch, file, ctx.now);
  if (!after) throw conflict((await findAccreditationRow(ctx.tx, ctx.org.id, id)) ?? before);
  const b = auditFields(before);
  const a = auditFields(after);
  const changed = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  await ctx.audit(
    'provider.accreditation_updated',
    { type: 'provider_accreditation', id },
    { subject: subjectOf(before), ...Object.fromEntries(changed.map((k) => [k, b[k]])) },
    Object.fromEntries(changed.map((k) => [k, a[k]])),
  );
  return toAccreditation(after, verifications, today);
}

export async function deleteAccreditation(ctx: OrgCtx, id: string): Promise<void> {
  const before = await requireAccreditation(ctx, id);
  if (!(await deleteAccreditationRow(ctx.tx, ctx.org.id, id))) throw notFound('That accreditation');
  await ctx.audit('provider.accreditation_removed', { type: 'provider_accreditation', id }, { subject: subjectOf(before), ...auditFields(before) });
}

/** The certificate file, for the provider's own members. */
export async function downloadCertificate(ctx: OrgCtx, id: string): Promise<CertificateFile> {
  await requireProvider(ctx);
  const file = await readCertificate(ctx.tx, ctx.org.id, id);
  if (!file) throw notFound('That certificate');
  return file;
}
