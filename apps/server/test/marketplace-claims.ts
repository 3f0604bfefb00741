import { claimSha256 } from '../src/modules/marketplace/provider-claims.ts';
import { accreditationClaimOf, profileClaimOf, type AccreditationClaimColumns, type ProfileClaimColumns } from '../src/modules/marketplace/provider-dto.ts';
import type { TestServer } from './test-server.ts';

/**
 * The operator's verification of a provider's claim as it stands now, written as the tables' owner (test
 * factories make providers without the operator's routes): the profile, or one accreditation (lapsing
 * with its expiry). The claim's hash is the real one, so the badge holds exactly as a verified one does.
 */
export async function verifyClaimAsOwner(server: TestServer, orgId: string, subject: { accreditationId: string } | 'profile', verifiedOn = '2026-01-01'): Promise<void> {
  if (subject === 'profile') {
    const [row] = await server.ownerQuery<ProfileClaimColumns>(
      'select kind, display_name, services, standards, sectors, healthcare_engagements, healthcare_summary, team_size, team_summary from provider_profiles where org_id = $1',
      [orgId],
    );
    if (!row) throw new Error(`no provider profile for ${orgId}`);
    await server.ownerQuery(
      `insert into provider_verifications (org_id, id, subject, claim_sha256, verified_on, created_at) values ($1, gen_random_uuid(), 'profile', $2, $3, now())`,
      [orgId, claimSha256(profileClaimOf(row)), verifiedOn],
    );
    return;
  }
  const [row] = await server.ownerQuery<AccreditationClaimColumns>(
    `select id, accreditation_body, is_iaf_member, accreditation_number, standards, scope_note, to_char(expires_on, 'YYYY-MM-DD') as expires_on, certificate_sha256
       from provider_accreditations where org_id = $1 and id = $2`,
    [orgId, subject.accreditationId],
  );
  if (!row) throw new Error(`no accreditation ${subject.accreditationId}`);
  await server.ownerQuery(
    `insert into provider_verifications (org_id, id, subject, subject_id, claim_sha256, verified_on, lapses_on, created_at) values ($1, gen_random_uuid(), 'accreditation', $2, $3, $4, $5, now())`,
    [orgId, row.id, claimSha256(accreditationClaimOf(row)), verifiedOn, row.expires_on],
  );
}
