import { useState, type FormEvent } from 'react';
import { controlReasonLabels, controlReasons, controlSorts, createControlBody, type ControlListItem, type ControlReason } from '@custodian/shared/contracts/controls.ts';
import { gapStatuses, gapStatusLabels } from '@custodian/shared/contracts/gap.ts';
import { useCan } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SearchField } from '../../components/search-field.tsx';
import { StatusBadge, Tag } from '../../components/status-badge.tsx';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { plural } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { Link, navigate } from '../../router.tsx';
import { controlPath, useAddControlReasons, useControls, useCreateControl, type ControlListInput } from './controls-api.ts';

type ControlSort = (typeof controlSorts)[number];

const pick = <T extends string>(values: readonly T[], value: string | null): T | undefined => values.find((candidate) => candidate === value);

function readFilters(params: URLSearchParams): Omit<ControlListInput, 'sort' | 'order' | 'cursor'> {
  return {
    source: pick(['annex_a', 'organisation'] as const, params.get('source')),
    status: pick(gapStatuses, params.get('status')),
    isApplicable: pick(['true', 'false'] as const, params.get('isApplicable')),
    q: params.get('q') || undefined,
    limit: 100,
  };
}

const columns: Array<DataColumn<ControlListItem, ControlSort>> = [
  { key: 'ref', header: 'Control', sortField: 'ref', isRowHeader: true, className: 'cell-ref', cell: (item) => item.ref },
  {
    key: 'title',
    header: 'Title',
    sortField: 'title',
    cell: (item) => (
      <Link to={controlPath(item.controlId)} aria-label={`${item.ref} ${item.title}`}>
        {item.title}
      </Link>
    ),
  },
  { key: 'applicable', header: 'Applicable', cell: (item) => (item.isApplicable ? 'Yes' : <Tag tone="warning">Excluded</Tag>) },
  {
    key: 'reasons',
    header: 'Why included',
    cell: (item) => (item.isApplicable ? [...new Set<ControlReason>([...item.reasons, ...(item.riskCount > 0 ? (['risk_treatment'] as const) : [])])].map((r) => controlReasonLabels[r].split(' (')[0]).join('; ') || <span className="muted">No reason yet</span> : '—'),
  },
  { key: 'status', header: 'Status', sortField: 'status', cell: (item) => <StatusBadge status={item.status} /> },
  { key: 'owner', header: 'Owner', cell: (item) => item.ownerName ?? <span className="muted">No owner</span> },
];

const statusOptions = [{ value: '', label: 'Any status' }, ...gapStatuses.map((status) => ({ value: status, label: gapStatusLabels[status] }))];
const sourceOptions = [
  { value: '', label: 'Annex A and our own' },
  { value: 'annex_a', label: 'Annex A only' },
  { value: 'organisation', label: 'Our own only' },
];

function AddOwnControl() {
  const create = useCreateControl();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [localError, setLocalError] = useState<unknown>(null);
  const error = localError ?? create.error;
  const errors = fieldErrorsOf(error, { title: 'Title', description: 'Description' });
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body = { title, description };
    const invalid = validateWith(createControlBody, body);
    setLocalError(invalid);
    if (invalid) return;
    create.mutate(body, { onSuccess: (added) => navigate(controlPath(added.controlId)) });
  }
  return (
    <details className="panel">
      <summary>Add a control of your own</summary>
      <form onSubmit={submit} noValidate className="form">
        <FormAlert error={error} fieldNames={['title', 'description']} />
        <TextField label="Title" name="title" isRequired value={title} onChange={(event) => setTitle(event.target.value)} error={errors.title} hint="A safeguard your practice has beyond Annex A, for example “After-hours phone triage script”." />
        <TextAreaField label="Description" name="description" rows={3} value={description} onChange={(event) => setDescription(event.target.value)} error={errors.description} />
        <div className="form-actions">
          <Button type="submit" isBusy={create.isPending} busyText="Adding…">
            Add control
          </Button>
        </div>
      </form>
    </details>
  );
}

/** Adds one reason for inclusion to every control listed on the page (excluded ones are left as they are). */
function ReasonForListed({ items }: { items: ControlListItem[] }) {
  const add = useAddControlReasons();
  const [reason, setReason] = useState<ControlReason>('good_practice');
  const [done, setDone] = useState('');
  const applicable = items.filter((item) => item.isApplicable);
  if (applicable.length === 0) return null;
  return (
    <details className="panel">
      <summary>Give the controls listed here a reason for inclusion</summary>
      <FormAlert error={add.error} />
      <StatusMessage>{done || null}</StatusMessage>
      <div className="filter-row">
        <SelectField label="Reason" value={reason} options={controlReasons.map((value) => ({ value, label: controlReasonLabels[value] }))} onChange={(event) => setReason(event.target.value as ControlReason)} />
        <Button
          isBusy={add.isPending}
          busyText="Adding…"
          onClick={() =>
            add.mutate(
              { controlIds: applicable.map((item) => item.controlId), reasons: [reason] },
              { onSuccess: (reply) => setDone(`Added “${controlReasonLabels[reason]}” to ${plural(reply.changed, 'control')}; the others had it already.`) },
            )
          }
        >
          {`Add to the ${plural(applicable.length, 'applicable control')} listed`}
        </Button>
      </div>
    </details>
  );
}

/** The controls register: every Annex A control and the practice's own, with applicability and status. */
export function ControlsPage() {
  const canWrite = useCan('gap.write');
  const list = useListAddress<ControlSort>({ sorts: controlSorts, defaultSort: 'ref', defaultOrder: 'asc' });
  const params = list.searchParams;
  const items = useControls({ ...readFilters(params), sort: list.sort, order: list.order, cursor: list.cursor });
  const hasFilters = ['source', 'status', 'isApplicable', 'q'].some((key) => params.get(key));
  return (
    <>
      <PageHeader
        title="Controls register"
        intro={
          <p>
            Every Annex A control and any of your own: whether it applies to your practice and why, how it is implemented and who owns it. Your{' '}
            <Link to="/soa">Statement of Applicability</Link> is generated from this register.
          </p>
        }
      />
      {canWrite ? (
        <>
          <AddOwnControl />
          <ReasonForListed items={items.data?.items ?? []} />
        </>
      ) : null}
      <DataTable
        caption="Controls"
        noun={{ one: 'control', other: 'controls' }}
        columns={columns}
        rowKey={(item) => item.controlId}
        list={items}
        address={list}
        filters={
          <div className="filter-row">
            <SearchField label="Search by reference, title or implementation" value={params.get('q') ?? ''} onSearch={(q) => list.setFilters({ q })} />
            <SelectField label="Filter by status" value={params.get('status') ?? ''} options={statusOptions} onChange={(event) => list.setFilters({ status: event.target.value })} />
            <SelectField label="Which controls" value={params.get('source') ?? ''} options={sourceOptions} onChange={(event) => list.setFilters({ source: event.target.value })} />
            <CheckboxField label="Only excluded controls" checked={params.get('isApplicable') === 'false'} onChange={(event) => list.setFilters({ isApplicable: event.target.checked ? 'false' : null })} />
          </div>
        }
        hasFilters={hasFilters}
        loadingLabel="Loading the controls register…"
        empty={{ title: 'There are no controls', hint: 'The Annex A controls appear here once the catalogue is loaded.' }}
        emptyFiltered={{ title: 'No controls match these filters', hint: 'Try another status, or clear the search box.' }}
      />
    </>
  );
}
