import { useState, type FormEvent } from 'react';
import { createManagementReviewBody, type ManagementReview } from '@custodian/shared/contracts/management-reviews.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SearchField } from '../../components/search-field.tsx';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { useManagementReviews, useManagementReviewChanges } from './management-reviews-api.ts';

const sorts = ['name', 'updatedAt'] as const;
const labels = { name: 'Name', notes: 'Notes' };

/** Adds a management review; what was typed stays in the form if saving fails. */
function AddManagementReviewForm() {
  const [name, setName] = useState('');
  const [notes, setNotes] = useState('');
  const [localError, setLocalError] = useState<unknown>(null);
  const { create } = useManagementReviewChanges();
  const error = localError ?? create.error;
  const errors = fieldErrorsOf(error, labels);
  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body = { name, notes };
    const invalid = validateWith(createManagementReviewBody, body);
    setLocalError(invalid);
    if (invalid) return;
    create.mutate(body, {
      onSuccess: () => {
        setName('');
        setNotes('');
      },
    });
  }
  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={error} fieldNames={Object.keys(labels)} />
      <TextField label={labels.name} name="name" value={name} isRequired onChange={(event) => setName(event.target.value)} error={errors.name} />
      <TextAreaField label={labels.notes} name="notes" rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} error={errors.notes} />
      <div className="form-actions">
        <Button type="submit" isBusy={create.isPending} busyText="Adding…">
          Add management review
        </Button>
      </div>
    </form>
  );
}

/** Management reviews: every one the organisation has recorded, searchable, newest changes on request. */
export function ManagementReviewsPage() {
  const session = useSignedInSession();
  const canWrite = useCan('management_reviews.write');
  const list = useListAddress({ sorts, defaultSort: 'name', defaultOrder: 'asc' });
  const q = list.searchParams.get('q') ?? '';
  const records = useManagementReviews({ q: q || undefined, sort: list.sort, order: list.order, cursor: list.cursor });
  const { remove } = useManagementReviewChanges();
  const timeZone = session.organisation?.timeZone;
  const columns: Array<DataColumn<ManagementReview, (typeof sorts)[number]>> = [
    { key: 'name', header: 'Name', sortField: 'name', isRowHeader: true, cell: (record) => record.name },
    { key: 'notes', header: 'Notes', cell: (record) => record.notes || '—' },
    { key: 'updatedAt', header: 'Last changed', sortField: 'updatedAt', className: 'nowrap', cell: (record) => formatDateTime(record.updatedAt, timeZone) },
    ...(canWrite
      ? [
          {
            key: 'actions',
            header: 'Actions',
            isHeaderHidden: true,
            cell: (record: ManagementReview) => (
              <Button variant="secondary" isBusy={remove.isPending && remove.variables === record.id} busyText="Deleting…" onClick={() => remove.mutate(record.id)}>
                Delete <span className="sr-only">{record.name}</span>
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader title="Management reviews" intro={<p>Management reviews of {session.organisation?.name}.</p>} />
      <FormAlert error={remove.error} />
      {canWrite ? (
        <section className="panel" aria-labelledby="add-management-reviews-heading">
          <h2 id="add-management-reviews-heading">Add a management review</h2>
          <AddManagementReviewForm />
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
            <SearchField label="Search by name" value={q} onSearch={(text) => list.setFilters({ q: text || null })} />
          </div>
        }
        hasFilters={q !== ''}
        loadingLabel="Loading…"
        empty={{ title: 'Nothing recorded yet', hint: canWrite ? 'Add the first one above.' : 'Nothing has been recorded here yet.' }}
        emptyFiltered={{ title: 'Nothing matches this search', hint: 'Clear the search box to see everything.' }}
      />
    </>
  );
}
