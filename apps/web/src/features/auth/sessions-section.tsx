import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountApi, type SessionSummary } from '@custodian/shared/contracts/account.ts';
import { call } from '../../api/client.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { formatDateTime } from '../../lib/format.ts';

const sessionsKey = 'own-sessions';

function columns(timeZone: string | undefined, endOne: (session: SessionSummary) => void, busyId: string | null): Array<DataColumn<SessionSummary>> {
  return [
    {
      key: 'device',
      header: 'Device',
      isRowHeader: true,
      cell: (session) => (
        <>
          {session.device} {session.isCurrent ? <Tag tone="success">This device</Tag> : null} {session.isMfaPending ? <Tag tone="warning">Waiting for the two-step code</Tag> : null}
        </>
      ),
    },
    { key: 'createdAt', header: 'Signed in', className: 'nowrap', cell: (session) => formatDateTime(session.createdAt, timeZone) },
    { key: 'lastSeenAt', header: 'Last active', className: 'nowrap', cell: (session) => formatDateTime(session.lastSeenAt, timeZone) },
    {
      key: 'actions',
      header: 'Actions',
      isHeaderHidden: true,
      cell: (session) =>
        session.isCurrent ? null : (
          <Button variant="secondary" isBusy={busyId === session.id} busyText="Signing out…" onClick={() => endOne(session)}>
            Sign out<span className="sr-only"> {session.device}</span>
          </Button>
        ),
    },
  ];
}

/** Where the person is signed in: one row per session, "Sign out" for each other one, or all at once. */
export function SessionsSection({ timeZone }: { timeZone: string | undefined }) {
  const queryClient = useQueryClient();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState('');
  const query = { cursor, limit: 20 };
  const sessions = useQuery({ queryKey: [sessionsKey, query], queryFn: () => call(accountApi.listSessions, { query }), placeholderData: keepPreviousData });
  const refresh = () => queryClient.invalidateQueries({ queryKey: [sessionsKey] });
  const endOne = useMutation({
    mutationFn: (session: SessionSummary) => call(accountApi.endSession, { params: { sessionId: session.id } }),
    onSuccess: async (_reply, session) => {
      setMessage(`Signed out ${session.device}.`);
      await refresh();
    },
  });
  const endOthers = useMutation({
    mutationFn: () => call(accountApi.endOtherSessions),
    onSuccess: async (reply) => {
      setMessage(reply.ended === 0 ? 'You were not signed in anywhere else.' : `Signed out ${reply.ended} other ${reply.ended === 1 ? 'session' : 'sessions'}.`);
      await refresh();
    },
  });
  const busyId = endOne.isPending ? (endOne.variables?.id ?? null) : null;

  return (
    <section className="panel" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      <p>If you see a device you do not recognise, sign it out and change your password.</p>
      <StatusMessage>{message || null}</StatusMessage>
      <FormAlert error={endOne.error ?? endOthers.error} />
      <DataTable
        caption="Your sessions, most recently active first"
        noun={{ one: 'session', other: 'sessions' }}
        columns={columns(timeZone, (session) => endOne.mutate(session), busyId)}
        rowKey={(session) => session.id}
        list={sessions}
        onPageChange={(next) => setCursor(next ?? undefined)}
        hasCursor={cursor !== undefined}
        loadingLabel="Loading your sessions…"
        empty={{ title: 'No sessions', hint: 'Sign in again to see this device here.' }}
        headingLevel={3}
      />
      <div className="form-actions">
        <Button variant="secondary" isBusy={endOthers.isPending} busyText="Signing out…" onClick={() => endOthers.mutate()}>
          Sign out everywhere else
        </Button>
      </div>
    </section>
  );
}
