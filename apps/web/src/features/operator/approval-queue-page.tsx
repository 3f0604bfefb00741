import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { marketplaceRequestsApi, requestSectorLabels, serviceLabels, timelineLabels } from '@custodian/shared/contracts/marketplace-requests.ts';
import type { z } from 'zod';
import type { pendingRequest } from '@custodian/shared/contracts/marketplace-requests.ts';
import { call } from '../../api/client.ts';
import { Button } from '../../components/button.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { formatDateTime } from '../../lib/format.ts';

type Pending = z.infer<typeof pendingRequest>;
const queueKey = 'operator-requests';

function PendingCard({ request, onDone }: { request: Pending; onDone: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const approve = useMutation({
    mutationFn: () => call(marketplaceRequestsApi.approve, { params: { requestId: request.id }, body: { version: request.version } }),
    onSuccess: (reply) => onDone(`Approved: offered to ${reply.offered} provider${reply.offered === 1 ? '' : 's'}.`),
  });
  const reject = useMutation({
    mutationFn: () => call(marketplaceRequestsApi.reject, { params: { requestId: request.id }, body: { version: request.version, reason } }),
    onSuccess: () => onDone('Not sent. The requester was e-mailed the reason.'),
  });
  return (
    <section className="panel form" aria-label={`Request from ${request.organisationName}`}>
      <h2>{`${request.organisationName}${request.isGuest ? ' (guest)' : ''}`}</h2>
      <p>
        {`${request.contactName} <${request.contactEmail}>, asked ${formatDateTime(request.createdAt, 'Australia/Sydney')}. `}
        {`${requestSectorLabels[request.sector]}, ${request.headcount} staff, ${request.sites.map((s) => `${s.city} (${s.state})`).join('; ')}. `}
        {`Wants ${request.services.map((s) => serviceLabels[s]).join(', ')}; ${timelineLabels[request.timeline]}.`}
      </p>
      {request.scopeSummary ? <p>Scope: {request.scopeSummary}</p> : null}
      <FormAlert error={approve.error ?? reject.error} fieldNames={['reason']} />
      <Button isBusy={approve.isPending} busyText="Approving…" onClick={() => approve.mutate()}>
        Approve and send to providers
      </Button>
      <TextAreaField
        label="Reason for not sending it"
        hint="E-mailed to the requester."
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={1000}
      />
      <Button variant="secondary" isBusy={reject.isPending} busyText="Saving…" onClick={() => reject.mutate()}>
        Do not send
      </Button>
    </section>
  );
}

/** The operator console's approval queue: requests waiting to be checked before they go to providers. */
export function ApprovalQueuePage() {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState('');
  const query = { limit: 50 };
  const queue = useQuery({ queryKey: [queueKey, query], queryFn: () => call(marketplaceRequestsApi.pending, { query }), placeholderData: keepPreviousData });
  const onDone = (text: string) => {
    setMessage(text);
    void queryClient.invalidateQueries({ queryKey: [queueKey] });
  };
  return (
    <>
      <PageHeader
        title="Requests waiting for approval"
        intro={<p>Check each request is a real practice asking in good faith before it goes to providers.</p>}
      />
      <StatusMessage>{message || null}</StatusMessage>
      {queue.isPending ? <Loading /> : null}
      {queue.isError ? <LoadError error={queue.error} /> : null}
      {queue.data && queue.data.items.length === 0 ? (
        <EmptyState title="Nothing waiting">New requests appear here once their senders are confirmed.</EmptyState>
      ) : null}
      {queue.data?.items.map((request) => (
        <PendingCard key={request.id} request={request} onDone={onDone} />
      ))}
    </>
  );
}
