import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, toQuery } from '../../api/client.ts';
import { useSignedInSession } from '../../api/session.ts';
import type { OutboxMessage, Page } from '../../api/types.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { TableWrap } from '../../components/table.tsx';
import { formatDateTime } from '../../lib/format.ts';

const pageSize = 25;

const statusText: Record<OutboxMessage['status'], { label: string; tone: 'neutral' | 'warning' | 'success' | 'danger' }> = {
  pending: { label: 'Waiting to send', tone: 'neutral' },
  sent: { label: 'Sent', tone: 'success' },
  logged: { label: 'Logged (no e-mail server)', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
};

/** E-mail Custodian has sent or, without an e-mail server, only logged — so links can still be passed on. */
export function OutboxPage() {
  const session = useSignedInSession();
  const [page, setPage] = useState(1);
  const timeZone = session.organisation?.timeZone;
  const messages = useQuery({
    queryKey: ['outbox', page],
    queryFn: () => api.get<Page<OutboxMessage>>(`/outbox${toQuery({ page, pageSize })}`),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title="Outbox — e-mail Custodian has sent or logged"
        intro={
          <p>
            Invitations, confirmations and reminders sent for {session.organisation?.name}. If your server has no e-mail server set up, messages
            are marked “Logged” instead of sent: open one to copy its link and pass it on yourself.
          </p>
        }
      />
      {messages.isPending ? <Loading label="Loading the outbox…" /> : null}
      {messages.isError ? <LoadError error={messages.error} onRetry={() => void messages.refetch()} /> : null}
      {messages.data && messages.data.total === 0 ? (
        <EmptyState title="No e-mail yet">
          <p>Messages appear here when you invite someone from the Members page or when Custodian sends a reminder.</p>
        </EmptyState>
      ) : null}
      {messages.data && messages.data.total > 0 ? (
        <>
          <TableWrap label="Outbox messages">
            <table className="table">
              <caption className="sr-only">E-mail messages, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject and message</th>
                  <th scope="col">Status</th>
                  <th scope="col">Sent</th>
                </tr>
              </thead>
              <tbody>
                {messages.data.items.map((message) => (
                  <tr key={message.id}>
                    <th scope="row" className="nowrap">
                      {formatDateTime(message.createdAt, timeZone)}
                    </th>
                    <td className="break-all">{message.to}</td>
                    <td>
                      <details>
                        <summary>{message.subject}</summary>
                        <pre className="message-body">{message.body}</pre>
                      </details>
                    </td>
                    <td>
                      <Tag tone={statusText[message.status].tone}>{statusText[message.status].label}</Tag>
                    </td>
                    <td className="nowrap">{message.sentAt ? formatDateTime(message.sentAt, timeZone) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pagination page={messages.data.page} pageSize={messages.data.pageSize} total={messages.data.total} noun="messages" onPageChange={setPage} />
        </>
      ) : null}
    </>
  );
}
