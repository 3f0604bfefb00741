import { useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { auditLogApi, type AuditEventDto } from '@custodian/shared/contracts/audit-log.ts';
import { auditSentences } from '@custodian/shared/domain/audit-wording.ts';
import { call, urlOf } from '../../api/client.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { EventSummary, VerifyResult } from './audit-log-parts.tsx';

const auditSorts = ['seq'] as const;
const filterKeys = ['action', 'from', 'to'] as const;
type FilterKey = (typeof filterKeys)[number];
type Filters = Record<FilterKey, string>;

const noFilters: Filters = { action: '', from: '', to: '' };

/** "What happened" choices: every kind of event by its title (the code stays in the address only). */
const actionOptions = [
  { value: '', label: 'Everything' },
  ...Object.entries(auditSentences)
    .map(([value, wording]) => ({ value, label: wording.title }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-AU')),
];

const checkpointsUrl = urlOf(auditLogApi.checkpoints);

function readFilters(params: URLSearchParams): Filters {
  return { action: params.get('action') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '' };
}

function auditColumns(timeZone: string | undefined): Array<DataColumn<AuditEventDto, 'seq'>> {
  return [
    { key: 'when', header: 'When', sortField: 'seq', isRowHeader: true, className: 'nowrap', cell: (event) => formatDateTime(event.occurredAt, timeZone) },
    { key: 'who', header: 'Who', cell: (event) => event.actorName },
    { key: 'what', header: 'What happened', cell: (event) => <EventSummary event={event} /> },
  ];
}

/** Every change made in the organisation, in words, filterable, with a check that nobody has rewritten it. */
export function AuditLogPage() {
  const session = useSignedInSession();
  const canVerify = useCan('audit_log.verify');
  const canCheckpoint = useCan('audit_log.checkpoints');
  const list = useListAddress({ sorts: auditSorts, defaultSort: 'seq', defaultOrder: 'desc' });
  const timeZone = session.organisation?.timeZone;
  const applied = readFilters(list.searchParams);
  const appliedKey = JSON.stringify(applied);
  const [draft, setDraft] = useState<Filters>(applied);
  const [draftFor, setDraftFor] = useState(appliedKey);
  if (draftFor !== appliedKey) {
    // The address changed (Back, Clear filters): show what is applied now.
    setDraftFor(appliedKey);
    setDraft(applied);
  }

  const query = {
    action: applied.action || undefined,
    from: applied.from || undefined,
    to: applied.to || undefined,
    sort: list.sort,
    order: list.order,
    cursor: list.cursor,
  };
  const events = useQuery({
    queryKey: ['audit-log', query],
    queryFn: () => call(auditLogApi.list, { query }),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => call(auditLogApi.verify) });
  const checkpoint = useMutation({ mutationFn: (isMailedToOwners: boolean) => call(auditLogApi.writeCheckpoint, { body: { isMailedToOwners } }) });

  function handleFilter(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    list.setFilters({ ...draft });
  }

  const hasFilters = filterKeys.some((key) => applied[key]);
  const filters = (
    <form className="filters filter-row" onSubmit={handleFilter} noValidate aria-label="Filter the audit trail">
      <SelectField label="What happened" value={draft.action} options={actionOptions} onChange={(event) => setDraft({ ...draft, action: event.target.value })} />
      <TextField
        label="From date"
        type="date"
        value={draft.from}
        hint={`A day in the organisation's time zone (${timeZone ?? 'Australia/Sydney'}).`}
        onChange={(event) => setDraft({ ...draft, from: event.target.value })}
      />
      <TextField
        label="To date"
        type="date"
        value={draft.to}
        hint="Events on this day are included."
        onChange={(event) => setDraft({ ...draft, to: event.target.value })}
      />
      <div className="form-actions">
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
        {hasFilters ? (
          <Button variant="link" onClick={() => list.setFilters({ ...noFilters })}>
            Clear filters
          </Button>
        ) : null}
      </div>
    </form>
  );

  return (
    <>
      <PageHeader
        title="Audit trail"
        intro={
          <p>
            Who changed what, and when. Each entry is sealed with a key only this Custodian server holds and linked to the one before it, and
            signed checkpoints are kept outside the database, so a changed, added or deleted entry can be detected. Auditors ask for this
            (ISO/IEC 27001 control A.8.15). Times and date filters are in the organisation's time zone ({timeZone ?? 'Australia/Sydney'}).
          </p>
        }
        actions={
          <>
            {canVerify ? (
              <Button variant="secondary" isBusy={verify.isPending} busyText="Checking…" onClick={() => verify.mutate()}>
                Verify audit trail
              </Button>
            ) : null}
            {canCheckpoint ? (
              <>
                <Button variant="secondary" isBusy={checkpoint.isPending} busyText="Writing…" onClick={() => checkpoint.mutate(false)}>
                  Write a checkpoint now
                </Button>
                <Button variant="secondary" isBusy={checkpoint.isPending} busyText="Sending…" onClick={() => checkpoint.mutate(true)}>
                  E-mail a checkpoint to the owners
                </Button>
                <a className="button button-secondary" href={checkpointsUrl} download>
                  Download checkpoints
                </a>
              </>
            ) : null}
          </>
        }
      />
      <div role="status" className={verify.data ? (verify.data.isValid ? 'alert alert-success' : 'alert alert-error') : 'alert-empty'}>
        {verify.data ? <VerifyResult result={verify.data} /> : null}
      </div>
      <div role="status" className={checkpoint.data ? 'alert alert-success' : 'alert-empty'}>
        {checkpoint.data ? (
          <p className="alert-title">
            Checkpoint written{checkpoint.variables ? ' and e-mailed to the owners' : ''}: the trail's first {checkpoint.data.count} events are sealed as of{' '}
            {formatDateTime(checkpoint.data.at, timeZone)}. Download the checkpoints and keep a copy away from this server.
          </p>
        ) : null}
      </div>
      <FormAlert error={verify.error ?? checkpoint.error} />
      <DataTable
        caption="Audit trail events"
        noun={{ one: 'event', other: 'events' }}
        columns={auditColumns(timeZone)}
        rowKey={(event) => event.id}
        list={events}
        address={list}
        filters={filters}
        hasFilters={hasFilters}
        loadingLabel="Loading the audit trail…"
        empty={{ title: 'Nothing has been recorded yet', hint: 'Changes appear here as soon as someone updates the gap analysis, members or settings.' }}
        emptyFiltered={{ title: 'No events match these filters', hint: 'Widen the dates or clear the filters.' }}
      />
    </>
  );
}
