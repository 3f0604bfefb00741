import { sql, type Selectable } from 'kysely';
import type { ProviderAccreditationsTable, ProviderAffiliationsTable, ProviderProfilesTable } from '../../db/schema.ts';
import type { Tx } from '../../db/with-org.ts';
import type { VerificationRow } from './provider-claims.ts';

/**
 * A provider's own rows: profile, accreditations (the certificate's bytes only by readCertificate),
 * affiliations and the operator's verifications. Row-level security (migration 0015) limits what each
 * caller sees: the provider's members their own rows, anyone else published, unsuspended providers.
 */

export type ProfileRow = Selectable<ProviderProfilesTable>;
export type AccreditationRow = Omit<Selectable<ProviderAccreditationsTable>, 'certificate'>;
export type AffiliationRow = Selectable<ProviderAffiliationsTable> & { affiliated_slug: string | null };

/** Inserts a profile; the database checks its kind against the organisation's (migration 0016). */
export async function insertProfile(trx: Tx, row: { org_id: string; kind: string; slug: string; display_name: string; is_demo?: boolean; created_at: Date; updated_at: Date }): Promise<ProfileRow> {
  return trx.insertInto('provider_profiles').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findProfile(trx: Tx, orgId: string): Promise<ProfileRow | undefined> {
  return trx.selectFrom('provider_profiles').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

/**
 * Whether another provider (published or not) already uses the directory address. Takes a lock on the
 * address for the rest of the transaction first, so of two providers claiming it at once the second
 * waits and is then told it is taken (rather than failing on the unique index).
 */
export async function isSlugTaken(trx: Tx, slug: string, exceptOrgId: string | null): Promise<boolean> {
  await sql`select pg_advisory_xact_lock(hashtext(${`provider-slug:${slug}`}))`.execute(trx);
  const result = await sql<{ taken: boolean }>`select custodian_provider_slug_taken(${slug}, ${exceptOrgId}::uuid) as taken`.execute(trx);
  return result.rows[0]?.taken === true;
}

export type ProfilePatch = Partial<Omit<ProfileRow, 'org_id' | 'kind' | 'version' | 'created_at' | 'is_demo' | 'suspended_at' | 'suspended_reason'>>;

/** Changes the profile if it is still at `version` (else undefined). */
export async function updateProfileRow(trx: Tx, orgId: string, version: number, patch: ProfilePatch, now: Date): Promise<ProfileRow | undefined> {
  return trx
    .updateTable('provider_profiles')
    .set({ ...patch, updated_at: now, version: sql<number>`version + 1` })
    .where('org_id', '=', orgId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

const accreditationColumns = [
  'org_id',
  'id',
  'accreditation_body',
  'is_iaf_member',
  'accreditation_number',
  'standards',
  'scope_note',
  'expires_on',
  'certificate_name',
  'certificate_type',
  'certificate_sha256',
  'version',
  'created_at',
  'updated_at',
] as const;

export async function listAccreditationRows(trx: Tx, orgId: string): Promise<AccreditationRow[]> {
  return trx.selectFrom('provider_accreditations').select(accreditationColumns).where('org_id', '=', orgId).orderBy('expires_on', 'desc').orderBy('id').execute();
}

export async function findAccreditationRow(trx: Tx, orgId: string, id: string): Promise<AccreditationRow | undefined> {
  return trx.selectFrom('provider_accreditations').select(accreditationColumns).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export interface CertificateFile {
  name: string;
  type: string;
  sha256: string;
  bytes: Buffer;
}

export async function insertAccreditationRow(
  trx: Tx,
  row: Omit<AccreditationRow, 'version' | 'certificate_name' | 'certificate_type' | 'certificate_sha256'>,
  file: CertificateFile | null,
): Promise<AccreditationRow> {
  const values = { ...row, certificate_name: file?.name ?? null, certificate_type: file?.type ?? null, certificate_sha256: file?.sha256 ?? null, certificate: file?.bytes ?? null };
  return trx.insertInto('provider_accreditations').values(values).returning(accreditationColumns).executeTakeFirstOrThrow();
}

export type AccreditationPatch = Partial<Pick<AccreditationRow, 'accreditation_body' | 'is_iaf_member' | 'accreditation_number' | 'standards' | 'scope_note' | 'expires_on'>>;

export async function updateAccreditationRow(
  trx: Tx,
  key: { orgId: string; id: string; version: number },
  patch: AccreditationPatch,
  file: CertificateFile | null,
  now: Date,
): Promise<AccreditationRow | undefined> {
  const fileFields = file ? { certificate_name: file.name, certificate_type: file.type, certificate_sha256: file.sha256, certificate: file.bytes } : {};
  return trx
    .updateTable('provider_accreditations')
    .set({ ...patch, ...fileFields, updated_at: now, version: sql<number>`version + 1` })
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .returning(accreditationColumns)
    .executeTakeFirst();
}

export async function deleteAccreditationRow(trx: Tx, orgId: string, id: string): Promise<boolean> {
  const row = await trx.deleteFrom('provider_accreditations').where('org_id', '=', orgId).where('id', '=', id).returning('id').executeTakeFirst();
  return row !== undefined;
}

/** The certificate file of an accreditation, when it has one. */
export async function readCertificate(trx: Tx, orgId: string, id: string): Promise<CertificateFile | null> {
  const row = await trx
    .selectFrom('provider_accreditations')
    .select(['certificate_name', 'certificate_type', 'certificate_sha256', 'certificate'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row?.certificate || !row.certificate_name || !row.certificate_type || !row.certificate_sha256) return null;
  return { name: row.certificate_name, type: row.certificate_type, sha256: row.certificate_sha256, bytes: Buffer.from(row.certificate) };
}

function affiliationQuery(trx: Tx) {
  return trx
    .selectFrom('provider_affiliations as a')
    // The consultancy's public address, when it is listed (or it is the caller's own profile).
    .leftJoin('provider_profiles as p', 'p.org_id', 'a.affiliated_org_id')
    .selectAll('a')
    .select('p.slug as affiliated_slug');
}

export async function listAffiliationRows(trx: Tx, orgId: string): Promise<AffiliationRow[]> {
  return affiliationQuery(trx).where('a.org_id', '=', orgId).orderBy('a.started_on', 'desc').orderBy('a.id').execute();
}

export async function findAffiliationRow(trx: Tx, orgId: string, id: string): Promise<AffiliationRow | undefined> {
  return affiliationQuery(trx).where('a.org_id', '=', orgId).where('a.id', '=', id).executeTakeFirst();
}

export async function insertAffiliationRow(trx: Tx, row: Omit<Selectable<ProviderAffiliationsTable>, 'version'>): Promise<void> {
  await trx.insertInto('provider_affiliations').values(row).execute();
}

export type AffiliationPatch = Partial<Pick<Selectable<ProviderAffiliationsTable>, 'affiliated_name' | 'relationship' | 'commission_percent' | 'started_on' | 'ended_on'>>;

export async function updateAffiliationRow(trx: Tx, key: { orgId: string; id: string; version: number }, patch: AffiliationPatch): Promise<boolean> {
  const row = await trx
    .updateTable('provider_affiliations')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteAffiliationRow(trx: Tx, orgId: string, id: string): Promise<boolean> {
  const row = await trx.deleteFrom('provider_affiliations').where('org_id', '=', orgId).where('id', '=', id).returning('id').executeTakeFirst();
  return row !== undefined;
}

/** A listed consultancy by its directory address (the affiliation register links to it). */
export async function findListedProviderBySlug(trx: Tx, slug: string): Promise<{ org_id: string; display_name: string; kind: string } | undefined> {
  return trx
    .selectFrom('provider_profiles')
    .select(['org_id', 'display_name', 'kind'])
    .where('slug', '=', slug)
    .where('is_published', '=', true)
    .where('suspended_at', 'is', null)
    .executeTakeFirst();
}

/** The operator's verifications of the providers given (all of them, newest first). */
export async function listVerificationRows(trx: Tx, orgIds: readonly string[]): Promise<Array<VerificationRow & { org_id: string }>> {
  if (orgIds.length === 0) return [];
  return trx
    .selectFrom('provider_verifications')
    .select(['org_id', 'id', 'subject', 'subject_id', 'claim_sha256', 'verified_on', 'lapses_on', 'revoked_at', 'created_at'])
    .where('org_id', 'in', orgIds)
    .orderBy('created_at', 'desc')
    .execute();
}

/** The accreditations of several providers at once (the directory page, the operator's list). */
export async function listAccreditationsOf(trx: Tx, orgIds: readonly string[]): Promise<AccreditationRow[]> {
  if (orgIds.length === 0) return [];
  return trx.selectFrom('provider_accreditations').select(accreditationColumns).where('org_id', 'in', orgIds).orderBy('expires_on', 'desc').orderBy('id').execute();
}
