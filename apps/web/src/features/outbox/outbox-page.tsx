import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { orgApi, outboxStatuses, type OutboxMessage } from '@custodian/shared/contracts/org.ts';
import { call } from '../../api/client.ts';
import { useSignedInSession } from '../../api/session.ts';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { SelectField } from '../../components/field.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';

const outboxSorts = ['createdAt'] as const;

const statusText: Record<OutboxMessage['status'], { label: string; tone: 'neutral' | 'warning' | 'success' | 'danger' }> = {
  pending: { label: 'Waiting to send', tone: 'neutral' },
  sent: { label: 'Sent', tone: 'success' },
  logged: { label: 'Logged (no e-mail server)', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
};

const statusOptions = [{ value: '', label: 'Any status' }, ...outboxStatuses.map((status) => ({ value: status, label: statusText[status].label }))];

function outboxColumns(timeZone: string | undefined): Array<DataColumn<OutboxMessage, (typeof outboxSorts)[number]>> {
  return [
    { key: 'createdAt', header: 'Created', isRowHeader: true, className: 'nowrap', cell: (message) => formatDateTime(message.createdAt, timeZone) },
    { key: 'to', header: 'To', className: 'break-all', cell: (message) => message.to },
    {
      key: 'subject',
      header: 'Subject and message',
      cell: (message) => (
        <details>
          <summary>{message.subject}</summary>
          <pre className="message-body">{message.body}</pre>
        </details>
      ),
    },
    { key: 'status', header: 'Status', cell: (message) => <Tag tone={statusText[message.status].tone}>{statusText[message.status].label}</Tag> },
    { key: 'sentAt', header: 'Sent', className: 'nowrap', cell: (message) => (message.sentAt ? formatDateTime(message.sentAt, timeZone) : '—') },
  ];
}

/** E-mail Custodian has sent or, without an e-mail server, only logged — so links can still be passed on. */
export function OutboxPage() {
  const session = useSignedInSession();
  const list = useListAddress({ sorts: outboxSorts, defaultSort: 'createdAt', defaultOrder: 'desc' });
  const status = outboxStatuses.find((candidate) => candidate === list.searchParams.get('status'));
  const query = { status, sort: list.sort, order: list.order, cursor: list.cursor, limit: 25 };
  const messages = useQuery({
    queryKey: ['outbox', query],
    queryFn: () => call(orgApi.outbox, { query }),
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
      <DataTable
        caption="E-mail messages, newest first"
        noun={{ one: 'message', other: 'messages' }}
        columns={outboxColumns(session.organisation?.timeZone)}
        rowKey={(message) => message.id}
        list={messages}
        address={list}
        filters={
          <div className="filters filter-row">
            <SelectField label="Filter by status" value={status ?? ''} options={statusOptions} onChange={(event) => list.setFilters({ status: event.target.value })} />
          </div>
        }
        hasFilters={status !== undefined}
        loadingLabel="Loading the outbox…"
        empty={{ title: 'No e-mail yet', hint: 'Messages appear here when you invite someone from the Members page or when Custodian sends a reminder.' }}
        emptyFiltered={{ title: 'No messages with this status', hint: 'Choose "Any status" to see every message.' }}
      />
    </>
  );
}
