import type { ModuleNames } from './names.ts';

/** apps/web/src/features/<name>/<name>-api.ts: the page's queries and changes, through the contracts. */
export function webApiTemplate(n: ModuleNames): string {
  return `import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { ${n.camel}Api, type Create${n.pascalOne}Body } from '@custodian/shared/contracts/${n.kebab}.ts';
import { call } from '../../api/client.ts';

export type ${n.pascalOne}ListInput = NonNullable<CallInput<typeof ${n.camel}Api.list>['query']>;

/** One page of ${n.title.toLowerCase()}, filtered and sorted by the server. */
export function use${n.pascal}(query: ${n.pascalOne}ListInput) {
  return useQuery({ queryKey: ['${n.kebab}', query], queryFn: () => call(${n.camel}Api.list, { query }), placeholderData: keepPreviousData });
}

/** Adding and deleting, each refreshing the list. */
export function use${n.pascalOne}Changes() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['${n.kebab}'] });
  return {
    create: useMutation({ mutationFn: (body: Create${n.pascalOne}Body) => call(${n.camel}Api.create, { body }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => call(${n.camel}Api.remove, { params: { id } }), onSuccess: refresh }),
  };
}
`;
}

/** apps/web/src/features/<name>/<name>-page.tsx: the list (DataTable), a search, and an add form. */
export function webPageTemplate(n: ModuleNames): string {
  return `import { useState, type FormEvent } from 'react';
import { create${n.pascalOne}Body, type ${n.pascalOne} } from '@custodian/shared/contracts/${n.kebab}.ts';
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
import { use${n.pascal}, use${n.pascalOne}Changes } from './${n.kebab}-api.ts';

const sorts = ['name', 'updatedAt'] as const;
const labels = { name: 'Name', notes: 'Notes' };

/** Adds a ${n.oneWords}; what was typed stays in the form if saving fails. */
function Add${n.pascalOne}Form() {
  const [name, setName] = useState('');
  const [notes, setNotes] = useState('');
  const [localError, setLocalError] = useState<unknown>(null);
  const { create } = use${n.pascalOne}Changes();
  const error = localError ?? create.error;
  const errors = fieldErrorsOf(error, labels);
  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body = { name, notes };
    const invalid = validateWith(create${n.pascalOne}Body, body);
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
          Add ${n.oneWords}
        </Button>
      </div>
    </form>
  );
}

/** ${n.title}: every one the organisation has recorded, searchable, newest changes on request. */
export function ${n.pascal}Page() {
  const session = useSignedInSession();
  const canWrite = useCan('${n.snake}.write');
  const list = useListAddress({ sorts, defaultSort: 'name', defaultOrder: 'asc' });
  const q = list.searchParams.get('q') ?? '';
  const records = use${n.pascal}({ q: q || undefined, sort: list.sort, order: list.order, cursor: list.cursor });
  const { remove } = use${n.pascalOne}Changes();
  const timeZone = session.organisation?.timeZone;
  const columns: Array<DataColumn<${n.pascalOne}, (typeof sorts)[number]>> = [
    { key: 'name', header: 'Name', sortField: 'name', isRowHeader: true, cell: (record) => record.name },
    { key: 'notes', header: 'Notes', cell: (record) => record.notes || '—' },
    { key: 'updatedAt', header: 'Last changed', sortField: 'updatedAt', className: 'nowrap', cell: (record) => formatDateTime(record.updatedAt, timeZone) },
    ...(canWrite
      ? [
          {
            key: 'actions',
            header: 'Actions',
            isHeaderHidden: true,
            cell: (record: ${n.pascalOne}) => (
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
      <PageHeader title="${n.title}" intro={<p>${n.title} of {session.organisation?.name}.</p>} />
      <FormAlert error={remove.error} />
      {canWrite ? (
        <section className="panel" aria-labelledby="add-${n.kebab}-heading">
          <h2 id="add-${n.kebab}-heading">Add a ${n.oneWords}</h2>
          <Add${n.pascalOne}Form />
        </section>
      ) : null}
      <DataTable
        caption="${n.title}"
        noun={{ one: '${n.oneWords}', other: '${n.title.toLowerCase()}' }}
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
`;
}
