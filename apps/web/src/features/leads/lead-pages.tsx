import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { leadsApi, type ProviderLead } from '@custodian/shared/contracts/leads.ts';
import {
  certificationStatusLabels,
  leadStatusLabels,
  maturityLabels,
  requestSectorLabels,
  serviceLabels,
  timelineLabels,
  urgencyLabels,
} from '@custodian/shared/contracts/marketplace-requests.ts';
import { call } from '../../api/client.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { TableWrap } from '../../components/table.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router.tsx';

function money(cents: number | null): string {
  return cents === null ? 'not given' : new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD', maximumFractionDigits: 0 }).format(cents / 100);
}

/** A provider's lead inbox: the requests for quotes offered to the organisation. */
export function LeadInboxPage() {
  const session = useSignedInSession();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const query = { cursor, limit: 50 };
  const list = useQuery({ queryKey: ['provider-leads', query], queryFn: () => call(leadsApi.list, { query }), placeholderData: keepPreviousData });
  const timeZone = session.organisation?.timeZone;
  return (
    <>
      <PageHeader title="Leads" intro={<p>Requests for quotes offered to your organisation. Who asks stays hidden until they choose to show you.</p>} />
      {list.isPending ? <Loading /> : null}
      {list.isError ? <LoadError error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? (
        <EmptyState title="No leads yet">When a request matches what you offer, it appears here and you are e-mailed.</EmptyState>
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <TableWrap label="Leads">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Offered</th>
                <th scope="col">For</th>
                <th scope="col">Practice</th>
                <th scope="col">Status</th>
                <th scope="col">Answer by</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((lead) => (
                <tr key={lead.id}>
                  <th scope="row">
                    <Link to={`/provider/leads/${lead.id}`}>{formatDate(lead.offeredAt, timeZone)}</Link>
                  </th>
                  <td>{serviceLabels[lead.lane]}</td>
                  <td>{`${requestSectorLabels[lead.request.sector]}, ${lead.request.headcount} staff, ${lead.request.sites.map((s) => s.state).join(', ')}`}</td>
                  <td>{leadStatusLabels[lead.status]}</td>
                  <td>{lead.status === 'offered' ? formatDateTime(lead.respondBy, timeZone) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {list.data?.page.next ? (
        <Button variant="secondary" onClick={() => setCursor(list.data.page.next ?? undefined)}>
          Next page
        </Button>
      ) : null}
    </>
  );
}

function LeadRequest({ lead }: { lead: ProviderLead }) {
  const r = lead.request;
  return (
    <DetailsList>
      <DetailRow term="Wants">{serviceLabels[lead.lane]}</DetailRow>
      <DetailRow term="Practice">{`${requestSectorLabels[r.sector]}, ${r.headcount} staff (${r.fte} full-time equivalents)`}</DetailRow>
      <DetailRow term="Sites">{r.sites.map((s) => `${s.city} (${s.state})`).join('; ')}</DetailRow>
      <DetailRow term="Scope">{r.scopeSummary || 'Not given'}</DetailRow>
      <DetailRow term="Systems">{r.systems || 'Not given'}</DetailRow>
      <DetailRow term="Certification">{certificationStatusLabels[r.certificationStatus] + (r.currentBody ? ` (${r.currentBody})` : '')}</DetailRow>
      <DetailRow term="How far along">{maturityLabels[r.maturity]}</DetailRow>
      <DetailRow term="Timeline">{`${timelineLabels[r.timeline]}; ${urgencyLabels[r.urgency]}`}</DetailRow>
      <DetailRow term="Budget">{`${money(r.budgetMinCents)} to ${money(r.budgetMaxCents)}`}</DetailRow>
      <DetailRow term="Remote work">{r.isRemoteAcceptable ? 'Suits them' : 'On site only'}</DetailRow>
      {r.readiness ? (
        <DetailRow term="Readiness">{`${Math.round(r.readiness.overall)} % overall (gap analysis of ${formatDate(r.readiness.asOf)})`}</DetailRow>
      ) : null}
    </DetailsList>
  );
}

/** One lead: the anonymised request (who asks only once they showed you), accept or decline with a reason. */
export function LeadDetailPage({ leadId }: { leadId: string }) {
  const session = useSignedInSession();
  const canRespond = useCan('leads.respond');
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const key = ['provider-lead', leadId];
  const lead = useQuery({ queryKey: key, queryFn: () => call(leadsApi.get, { params: { leadId } }) });
  const done = () => queryClient.invalidateQueries({ queryKey: key });
  const accept = useMutation({ mutationFn: (version: number) => call(leadsApi.accept, { params: { leadId }, body: { version } }), onSuccess: done });
  const decline = useMutation({ mutationFn: (version: number) => call(leadsApi.decline, { params: { leadId }, body: { version, reason } }), onSuccess: done });
  const timeZone = session.organisation?.timeZone;
  return (
    <>
      <PageHeader
        title="Lead"
        actions={
          <>
            {lead.data && ['accepted', 'quoted', 'won', 'lost'].includes(lead.data.status) ? <Link to={`/provider/leads/${leadId}/quote`}>{lead.data.status === 'accepted' ? 'Prepare your quote' : 'Your quote'}</Link> : null}{' '}
            <Link to="/provider/leads">All leads</Link>
          </>
        }
      />
      {lead.isPending ? <Loading /> : null}
      {lead.isError ? <LoadError error={lead.error} /> : null}
      {lead.data ? (
        <div className="stack">
          <section className="panel" aria-labelledby="lead-request">
            <h2 id="lead-request">The request</h2>
            <p>
              {leadStatusLabels[lead.data.status]}
              {lead.data.status === 'offered' ? `: answer by ${formatDateTime(lead.data.respondBy, timeZone)}, or it passes to the next provider.` : '.'}
            </p>
            <LeadRequest lead={lead.data} />
          </section>
          <section className="panel" aria-labelledby="lead-identity">
            <h2 id="lead-identity">Who asks</h2>
            {lead.data.identity ? (
              <DetailsList>
                <DetailRow term="Organisation">{lead.data.identity.organisationName}</DetailRow>
                <DetailRow term="Contact">{`${lead.data.identity.contactName} <${lead.data.identity.contactEmail}>`}</DetailRow>
              </DetailsList>
            ) : (
              <p>Not shown yet: the requester decides whether to show you who they are.</p>
            )}
          </section>
          {canRespond && lead.data.status === 'offered' ? (
            <section className="panel form" aria-labelledby="lead-answer">
              <h2 id="lead-answer">Your answer</h2>
              <FormAlert error={accept.error ?? decline.error} fieldNames={['reason']} />
              <Button isBusy={accept.isPending} busyText="Accepting…" onClick={() => accept.mutate(lead.data.version)}>
                Accept: we will quote
              </Button>
              <TextAreaField
                label="Why you are declining"
                hint="The requester sees this. The request then goes to the next provider."
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={1000}
              />
              <Button variant="secondary" isBusy={decline.isPending} busyText="Declining…" onClick={() => decline.mutate(lead.data.version)}>
                Decline
              </Button>
            </section>
          ) : null}
          <StatusMessage>
            {accept.isSuccess ? 'Accepted. Prepare your quote.' : decline.isSuccess ? 'Declined. The request goes to the next provider.' : null}
          </StatusMessage>
        </div>
      ) : null}
    </>
  );
}
