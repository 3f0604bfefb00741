import { useQuery } from '@tanstack/react-query';
import { verificationStateLabels } from '@custodian/shared/contracts/provider-fields.ts';
import { providersApi } from '@custodian/shared/contracts/providers.ts';
import { call } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { Notice } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Link } from '../../router.tsx';
import { kindWord } from '../directory/provider-words.ts';
import { AccreditationsSection } from './accreditations-section.tsx';
import { AffiliationsSection } from './affiliations-section.tsx';
import { ProviderProfileForm } from './provider-profile-form.tsx';

/** A provider organisation's own marketplace profile, and for a certification body its accreditations and ties. */
export function ProviderProfilePage() {
  const canEdit = useCan('provider.manage');
  const profile = useQuery({ queryKey: ['provider', 'profile'], queryFn: () => call(providersApi.profile) });
  if (profile.isPending) return <Loading label="Loading your profile…" />;
  if (profile.isError) return <LoadError error={profile.error} onRetry={() => void profile.refetch()} />;
  const p = profile.data;
  return (
    <>
      <PageHeader
        title="Marketplace profile"
        intro={
          <p>
            How {p.displayName} ({kindWord(p.kind)}) appears in the directory and to matching.{' '}
            {p.isPublished ? <Link to={`/providers/${p.slug}`}>See your public page</Link> : 'Not published yet: tick “Show this profile in the public directory” when it is ready.'}
          </p>
        }
      />
      {p.suspendedAt ? (
        <Notice tone="error">
          <p>Custodian’s operator has suspended this provider: it is not in the directory and receives no requests. Reason given: {p.suspendedReason}</p>
        </Notice>
      ) : null}
      <p>
        Profile verification: <strong>{p.badge ? p.badge.wording : verificationStateLabels[p.verificationState]}</strong>. Changing your name, services, standards, sectors, experience or
        team ends a verification until the operator checks the profile again.
      </p>
      {/* Keyed by organisation, not version: a save updates the cached profile, and remounting then lost the "Saved" message (a newer version from someone else comes back as a 409 instead). */}
      <ProviderProfileForm key={p.orgId} profile={p} canEdit={canEdit} />
      {p.kind === 'certification_body' ? (
        <>
          <AccreditationsSection canEdit={canEdit} />
          <AffiliationsSection canEdit={canEdit} />
        </>
      ) : null}
    </>
  );
}
