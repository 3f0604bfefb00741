import type { TrainingItem } from '@custodian/shared/contracts/training.ts';
import { trainingFrequencyLabels } from '@custodian/shared/domain/training-status.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SearchField } from '../../components/search-field.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { Link } from '../../router.tsx';
import { useTrainingChanges, useTrainingItems } from './training-api.ts';
import { AddTrainingForm, AssignForm, TeamsPanel } from './training-forms.tsx';

const sorts = ['title', 'updatedAt'] as const;

/** Awareness training (Annex A 6.3): the items, who each is assigned to, teams, and a link to coverage. */
export function TrainingPage() {
  const session = useSignedInSession();
  const canWrite = useCan('training.write');
  const list = useListAddress({ sorts, defaultSort: 'title', defaultOrder: 'asc' });
  const q = list.searchParams.get('q') ?? '';
  const records = useTrainingItems({ q: q || undefined, sort: list.sort, order: list.order, cursor: list.cursor });
  const { remove } = useTrainingChanges();
  const timeZone = session.organisation?.timeZone;
  const columns: Array<DataColumn<TrainingItem, (typeof sorts)[number]>> = [
    {
      key: 'title',
      header: 'Training',
      sortField: 'title',
      isRowHeader: true,
      cell: (item) => (
        <>
          <Link to={`/training/${item.id}`}>{item.title}</Link>
          {item.kind === 'link' && item.url ? ' (external link)' : ''}
        </>
      ),
    },
    { key: 'frequency', header: 'How often', cell: (item) => `${trainingFrequencyLabels[item.frequency]}, within ${item.dueDays} days` },
    { key: 'assigned', header: 'Assigned to', cell: (item) => item.assignments.map((a) => a.label).join('; ') || 'Nobody yet' },
    { key: 'updatedAt', header: 'Last changed', sortField: 'updatedAt', className: 'nowrap', cell: (item) => formatDateTime(item.updatedAt, timeZone) },
    ...(canWrite
      ? [
          {
            key: 'actions',
            header: 'Actions',
            isHeaderHidden: true,
            cell: (item: TrainingItem) => (
              <Button variant="secondary" isBusy={remove.isPending && remove.variables === item.id} busyText="Deleting…" onClick={() => remove.mutate(item.id)}>
                Delete <span className="sr-only">{item.title}</span>
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title="Awareness training"
        intro={
          <p>
            The training {session.organisation?.name} asks of its people, who it is assigned to and how often it is repeated. See <Link to="/training/coverage">coverage per team and per person</Link>.
          </p>
        }
      />
      <FormAlert error={remove.error} />
      <DataTable
        caption="Training items"
        noun={{ one: 'training item', other: 'training items' }}
        columns={columns}
        rowKey={(item) => item.id}
        list={records}
        address={list}
        filters={
          <div className="filters filter-row">
            <SearchField label="Search by title" value={q} onSearch={(text) => list.setFilters({ q: text || null })} />
          </div>
        }
        hasFilters={q !== ''}
        loadingLabel="Loading…"
        empty={{ title: 'No training yet', hint: canWrite ? 'Add the first item below.' : 'No training has been added yet.' }}
        emptyFiltered={{ title: 'Nothing matches this search', hint: 'Clear the search box to see everything.' }}
      />
      {canWrite ? (
        <>
          <section className="panel" aria-labelledby="assign-heading">
            <h2 id="assign-heading">Assign training</h2>
            <AssignForm items={records.data?.items ?? []} />
          </section>
          <section className="panel" aria-labelledby="add-training-heading">
            <h2 id="add-training-heading">Add a training item</h2>
            <AddTrainingForm />
          </section>
          <section className="panel" aria-labelledby="teams-heading">
            <h2 id="teams-heading">Teams</h2>
            <TeamsPanel />
          </section>
        </>
      ) : null}
    </>
  );
}
