import { useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditEventDto, AuditVerifyReply } from '@custodian/shared/contracts/audit-log.ts';
import { api, toQuery } from '../../api/client.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import type { Page } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { TableWrap } from '../../components/table.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { setSearchParams, useLocation } from '../../router.tsx';

const pageSize = 50;
const filterKeys = ['action', 'entityType', 'from', 'to'] as const;
type FilterKey = (typeof filterKeys)[number];

function Change({ event }: { event: AuditEventDto }) {
  if (event.before === null && event.after === null) return <span className="muted">—</span>;
  return (
    <details className="change-details">
      <summary>Show change</summary>
      {event.before !== null && event.before !== undefined ? (
        <>
          <p className="change-label">Before</p>
          <pre>{JSON.stringify(event.before, null, 2)}</pre>
        </>
      ) : null}
      {event.after !== null && event.after !== undefined ? (
        <>
          <p className="change-label">After</p>
          <pre>{JSON.stringify(event.after, null, 2)}</pre>
        </>
      ) : null}
    </details>
  );
}

function VerifyResult({ result }: { result: AuditVerifyReply }) {
  if (result.isValid) {
    return <p className="alert-title">The audit trail is intact: all {result.checked} events were checked and none has been altered or removed.</p>;
  }
  return (
    <>
      <p className="alert-title">
        Problems found: {result.problems.length} of {result.checked} events do not match the chain.
      </p>
      <ul>
        {result.problems.map((problem) => (
          <li key={`${problem.seq}-${problem.problem}`}>
            Event {problem.seq}: {problem.problem}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Every change made in the organisation, filterable, with a check that the hash chain is unbroken. */
export function AuditLogPage() {
  const session = useSignedInSession();
  const canVerify = useCan('audit_log.verify');
  const { searchParams } = useLocation();
  const timeZone = session.organisation?.timeZone;
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const applied = Object.fromEntries(filterKeys.map((key) => [key, searchParams.get(key) ?? ''])) as Record<FilterKey, string>;
  const [draft, setDraft] = useState<Record<FilterKey, string>>(applied);

  const events = useQuery({
    queryKey: ['audit-log', applied, page],
    queryFn: () => api.get<Page<AuditEventDto>>(`/audit-log${toQuery({ ...applied, page, pageSize })}`),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => api.get<AuditVerifyReply>('/audit-log/verify') });

  function handleFilter(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setSearchParams({ ...draft, page: null });
  }

  function clearFilters(): void {
    const empty = { action: '', entityType: '', from: '', to: '' };
    setDraft(empty);
    setSearchParams({ ...empty, page: null });
  }

  const hasFilters = filterKeys.some((key) => applied[key]);
  return (
    <>
      <PageHeader
        title="Audit trail"
        intro={<p>Who changed what, and when. Each entry is chained to the one before it, so a changed or deleted entry can be detected. Auditors ask for this (ISO/IEC 27001 control A.8.15).</p>}
        actions={
          canVerify ? (
            <Button variant="secondary" isBusy={verify.isPending} busyText="Checking…" onClick={() => verify.mutate()}>
              Verify audit trail
            </Button>
          ) : null
        }
      />
      <div role="status" className={verify.data ? (verify.data.isValid ? 'alert alert-success' : 'alert alert-error') : 'alert-empty'}>
        {verify.data ? <VerifyResult result={verify.data} /> : null}
      </div>
      <FormAlert error={verify.error} />
      <form className="filters filter-row" onSubmit={handleFilter} noValidate>
        <TextField label="Action" value={draft.action} hint="For example gap.update" onChange={(event) => setDraft({ ...draft, action: event.target.value })} />
        <TextField label="Record type" value={draft.entityType} hint="For example gap_item" onChange={(event) => setDraft({ ...draft, entityType: event.target.value })} />
        <TextField label="From date" type="date" value={draft.from} onChange={(event) => setDraft({ ...draft, from: event.target.value })} />
        <TextField label="To date" type="date" value={draft.to} onChange={(event) => setDraft({ ...draft, to: event.target.value })} />
        <div className="form-actions">
          <Button type="submit" variant="secondary">
            Apply filters
          </Button>
          {hasFilters ? (
            <Button variant="link" onClick={clearFilters}>
              Clear filters
            </Button>
          ) : null}
        </div>
      </form>
      {events.isPending ? <Loading label="Loading the audit trail…" /> : null}
      {events.isError ? <LoadError error={events.error} onRetry={() => void events.refetch()} /> : null}
      {events.data && events.data.total === 0 ? (
        <EmptyState title={hasFilters ? 'No events match these filters' : 'Nothing has been recorded yet'}>
          <p>{hasFilters ? 'Widen the dates or clear the filters.' : 'Changes appear here as soon as someone updates the gap analysis, members or settings.'}</p>
        </EmptyState>
      ) : null}
      {events.data && events.data.total > 0 ? (
        <>
          <TableWrap label="Audit trail events">
            <table className="table">
              <caption className="sr-only">Audit trail events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Record</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {events.data.items.map((event) => (
                  <tr key={event.id}>
                    <th scope="row" className="nowrap">
                      {formatDateTime(event.occurredAt, timeZone)}
                    </th>
                    <td>{event.actorLabel}</td>
                    <td>
                      <code>{event.action}</code>
                    </td>
                    <td>
                      {event.entityType} <span className="muted break-all">{event.entityId}</span>
                    </td>
                    <td>
                      <Change event={event} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pagination page={events.data.page} pageSize={events.data.pageSize} total={events.data.total} noun="events" onPageChange={(next) => setSearchParams({ page: String(next) })} />
        </>
      ) : null}
    </>
  );
}
