import { useQuery } from '@tanstack/react-query';
import { roleLabels } from '@custodian/shared/permissions.ts';
import { orgApi } from '@custodian/shared/contracts/org.ts';
import { call } from '../../api/client.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { formatDate } from '../../lib/format.ts';
import { SsoSettingsSection } from '../sso/sso-settings-section.tsx';
import { CreateOrganisationForm } from './create-organisation-form.tsx';
import { OrganisationForm } from './organisation-form.tsx';

/** Organisation settings (owner only to change), your organisations, and creating another one. */
export function SettingsPage() {
  const session = useSignedInSession();
  const canEdit = useCan('org.update');
  const canManageSso = useCan('sso.manage');
  // Until the person has set up two-step verification their organisation requires, the server refuses
  // organisation data (403): don't ask, even for a moment before the page is swapped for Account security.
  const org = useQuery({ queryKey: ['org'], queryFn: () => call(orgApi.get), enabled: !session.mustEnrolMfa });

  return (
    <>
      <PageHeader title="Settings" intro={<p>How {session.organisation?.name} is set up in Custodian.</p>} />
      <section className="panel" aria-labelledby="org-settings-heading">
        <h2 id="org-settings-heading">Organisation</h2>
        {org.isPending ? <Loading /> : null}
        {org.isError ? <LoadError error={org.error} onRetry={() => void org.refetch()} /> : null}
        {org.data ? (
          <>
            <OrganisationForm key={org.data.orgId} organisation={org.data} canEdit={canEdit} />
            <DetailsList>
              <DetailRow term="Created">{formatDate(org.data.createdAt, org.data.timeZone)}</DetailRow>
              {org.data.isDemo ? <DetailRow term="Demo">This is a demonstration organisation. Its data is made up.</DetailRow> : null}
            </DetailsList>
          </>
        ) : null}
      </section>
      {canManageSso && !session.mustEnrolMfa ? <SsoSettingsSection /> : null}
      <section className="panel" aria-labelledby="your-orgs-heading">
        <h2 id="your-orgs-heading">Your organisations</h2>
        <p>Switch between them from the organisation menu at the top of the page.</p>
        <ul className="plain-list">
          {session.memberships.map((membership) => (
            <li key={membership.orgId}>
              <strong>{membership.name}</strong> — {roleLabels[membership.role]}
              {membership.orgId === session.organisation?.orgId ? ' (current)' : ''}
            </li>
          ))}
        </ul>
        <h3>Create another organisation</h3>
        <CreateOrganisationForm />
      </section>
    </>
  );
}
