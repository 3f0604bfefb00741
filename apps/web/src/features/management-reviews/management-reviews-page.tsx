import { useState, type FormEvent } from 'react';
import {
  createManagementReviewBody,
  reviewStatusLabels,
  reviewStatuses,
  type ManagementReview,
  type ReviewStatus,
} from '@custodian/shared/contracts/management-reviews.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { Link, navigate } from '../../router.tsx';
import { useMembers } from '../members/members-api.ts';
import { AttendeesField } from './attendees-field.tsx';
import { useManagementReviews, useManagementReviewChanges } from './management-reviews-api.ts';

const sorts = ['plannedOn', 'updatedAt'] as const;
const labels = { title: 'Title', plannedOn: 'Planned for', chairUserId: 'Chair', attendeeUserIds: 'Attendees' };

/** Prepares a review: Custodian reads every input from the records at once, then opens the meeting page. */
function PrepareReviewForm() {
  const session = useSignedInSession();
  const members = useMembers({ sort: 'name', limit: 200 }).data?.items ?? [];
  const owners = members.filter((member) => member.role === 'owner');
  const [title, setTitle] = useState('Management review');
  const [plannedOn, setPlannedOn] = useState('');
  const [chairUserId, setChairUserId] = useState(session.user?.id ?? '');
  const [attendeeUserIds, setAttendeeUserIds] = useState<string[]>([]);
  const [localError, setLocalError] = useState<unknown>(null);
  const { create } = useManagementReviewChanges();
  const error = localError ?? create.error;
  const errors = fieldErrorsOf(error, labels);
  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body = { title, plannedOn, chairUserId, attendeeUserIds };
    const invalid = validateWith(createManagementReviewBody, body);
    setLocalError(invalid);
    if (invalid) return;
    create.mutate(body, { onSuccess: (review) => navigate(`/management-reviews/${review.id}`) });
  }
  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={error} fieldNames={Object.keys(labels)} />
      <TextField label={labels.title} name="title" value={title} isRequired onChange={(event) => setTitle(event.target.value)} error={errors.title} />
      <TextField
        label={labels.plannedOn}
        name="plannedOn"
        type="date"
        value={plannedOn}
        isRequired
        onChange={(event) => setPlannedOn(event.target.value)}
        error={errors.plannedOn}
      />
      <SelectField
        label={labels.chairUserId}
        name="chairUserId"
        hint="Top management: an owner of the organisation."
        value={chairUserId}
        isRequired
        options={
          owners.length > 0
            ? owners.map((owner) => ({ value: owner.userId, label: owner.name }))
            : [{ value: session.user?.id ?? '', label: session.user?.name ?? 'You' }]
        }
        onChange={(event) => setChairUserId(event.target.value)}
        error={errors.chairUserId}
      />
      <AttendeesField members={members} selected={attendeeUserIds} onChange={setAttendeeUserIds} error={errors.attendeeUserIds} />
      <div className="form-actions">
        <Button type="submit" isBusy={create.isPending} busyText="Reading the records…">
          Prepare the review
        </Button>
      </div>
    </form>
  );
}

const statusOptions = [{ value: '', label: 'Any status' }, ...reviewStatuses.map((status) => ({ value: status, label: reviewStatusLabels[status] }))];

/** Management reviews: every meeting, planned, held or with approved minutes. */
export function ManagementReviewsPage() {
  const session = useSignedInSession();
  const canWrite = useCan('management_reviews.write');
  const list = useListAddress({ sorts, defaultSort: 'plannedOn', defaultOrder: 'desc' });
  const status = (list.searchParams.get('status') ?? '') as ReviewStatus | '';
  const records = useManagementReviews({ status: status || undefined, sort: list.sort, order: list.order, cursor: list.cursor });
  const columns: Array<DataColumn<ManagementReview, (typeof sorts)[number]>> = [
    { key: 'title', header: 'Review', isRowHeader: true, cell: (record) => <Link to={`/management-reviews/${record.id}`}>{record.title}</Link> },
    { key: 'plannedOn', header: 'Planned for', sortField: 'plannedOn', className: 'nowrap', cell: (record) => formatDate(record.plannedOn) },
    { key: 'heldOn', header: 'Held on', className: 'nowrap', cell: (record) => formatDate(record.heldOn) || '—' },
    { key: 'status', header: 'Status', cell: (record) => reviewStatusLabels[record.status] },
    { key: 'chair', header: 'Chair', cell: (record) => record.chair?.name ?? '—' },
    { key: 'open', header: 'Open actions', cell: (record) => String(record.openActionCount) },
  ];
  return (
    <>
      <PageHeader
        title="Management reviews"
        intro={
          <p>
            Top management of {session.organisation?.name} reviews the ISMS at planned intervals. Custodian fills in what the meeting considers from your
            records; you add the discussion, decisions and actions.
          </p>
        }
      />
      {canWrite ? (
        <section className="panel" aria-labelledby="prepare-review-heading">
          <h2 id="prepare-review-heading">Prepare a management review</h2>
          <PrepareReviewForm />
        </section>
      ) : null}
      <DataTable
        caption="Management reviews"
        noun={{ one: 'management review', other: 'management reviews' }}
        columns={columns}
        rowKey={(record) => record.id}
        list={records}
        address={list}
        filters={
          <div className="filters filter-row">
            <SelectField label="Status" value={status} options={statusOptions} onChange={(event) => list.setFilters({ status: event.target.value || null })} />
          </div>
        }
        hasFilters={status !== ''}
        loadingLabel="Loading…"
        empty={{ title: 'No management reviews yet', hint: canWrite ? 'Prepare the first one above.' : 'None has been prepared yet.' }}
        emptyFiltered={{ title: 'No review has this status', hint: 'Choose “Any status” to see every review.' }}
      />
    </>
  );
}
