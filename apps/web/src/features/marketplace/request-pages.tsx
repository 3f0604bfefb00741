import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { marketplaceRequestsApi, requestStatusLabels, serviceLabels, type RequesterLead } from '@custodian/shared/contracts/marketplace-requests.ts';
import { call } from '../../api/client.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { TableWrap } from '../../components/table.tsx';
import { formatDate } from '../../lib/format.ts';
import { Link, useLocation } from '../../router.tsx';
import { RequestDetailView } from './request-detail.tsx';

/** The organisation's requests for quotes. */
export function RequestsPage() {
  const session = useSignedInSession();
  const canAsk = useCan('marketplace.request');
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const query = { cursor, limit: 50 };
  const list = useQuery({
    queryKey: ['marketplace-requests', query],
    queryFn: () => call(marketplaceRequestsApi.list, { query }),
    placeholderData: keepPreviousData,
  });
  const timeZone = session.organisation?.timeZone;
  return (
    <>
      <PageHeader title="Requests for quotes" actions={canAsk ? <Link to="/marketplace/requests/new">Ask for quotes</Link> : null} />
      {list.isPending ? <Loading /> : null}
      {list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.items.length === 0 ? (
        <EmptyState title="No requests yet">Ask once and receive up to three quotes for each service.</EmptyState>
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <TableWrap label="Requests for quotes">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Asked on</th>
                <th scope="col">Services</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((request) => (
                <tr key={request.id}>
                  <th scope="row">
                    <Link to={`/marketplace/requests/${request.id}`}>{formatDate(request.createdAt, timeZone)}</Link>
                  </th>
                  <td>{request.services.map((s) => serviceLabels[s]).join(', ')}</td>
                  <td>{requestStatusLabels[request.status]}</td>
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

/** One of the organisation's requests with its providers per lane. */
export function RequestDetailPage({ requestId }: { requestId: string }) {
  const session = useSignedInSession();
  const canReveal = useCan('marketplace.request');
  const queryClient = useQueryClient();
  const key = ['marketplace-request', requestId];
  const detail = useQuery({ queryKey: key, queryFn: () => call(marketplaceRequestsApi.get, { params: { requestId } }) });
  const reveal = useMutation({
    mutationFn: (lead: RequesterLead) => call(marketplaceRequestsApi.reveal, { params: { requestId, leadId: lead.id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  return (
    <>
      <PageHeader
        title="Request for quotes"
        actions={
          <>
            {detail.data && ['open', 'decided', 'closed'].includes(detail.data.request.status) ? <Link to={`/marketplace/requests/${requestId}/comparison`}>Compare quotes</Link> : null}{' '}
            <Link to="/marketplace/requests">All requests</Link>
          </>
        }
      />
      {detail.isPending ? <Loading /> : null}
      {detail.isError ? <LoadError error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.data ? (
        <RequestDetailView
          detail={detail.data}
          timeZone={session.organisation?.timeZone}
          canReveal={canReveal}
          revealingId={reveal.isPending ? (reveal.variables?.id ?? null) : null}
          revealError={reveal.error}
          onReveal={(lead) => reveal.mutate(lead)}
        />
      ) : null}
    </>
  );
}

/** A guest's request from the private link (the first visit confirms the address). */
export function GuestRequestPage() {
  const { searchParams } = useLocation();
  const token = searchParams.get('token') ?? '';
  const queryClient = useQueryClient();
  const key = ['guest-request', token];
  const detail = useQuery({ queryKey: key, queryFn: () => call(marketplaceRequestsApi.guestGet, { query: { token } }), retry: false });
  const reveal = useMutation({
    mutationFn: (lead: RequesterLead) => call(marketplaceRequestsApi.guestReveal, { body: { token, leadId: lead.id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  return (
    <>
      <PageHeader
        title="Your request for quotes"
        intro={<p>This page is private to you: anyone with the link from the e-mail can see it, so do not share it.</p>}
        actions={
          detail.data && ['open', 'decided', 'closed'].includes(detail.data.request.status) ? <Link to={`/guest/request/comparison?token=${encodeURIComponent(token)}`}>Compare quotes</Link> : null
        }
      />
      {detail.isPending ? <Loading /> : null}
      {detail.isError ? <LoadError error={detail.error} /> : null}
      {detail.data ? (
        <RequestDetailView
          detail={detail.data}
          timeZone="Australia/Sydney"
          canReveal
          revealingId={reveal.isPending ? (reveal.variables?.id ?? null) : null}
          revealError={reveal.error}
          onReveal={(lead) => reveal.mutate(lead)}
        />
      ) : null}
    </>
  );
}
