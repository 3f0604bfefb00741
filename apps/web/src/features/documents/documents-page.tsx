import { useState } from 'react';
import type { Document } from '@custodian/shared/contracts/documents.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { SearchField } from '../../components/search-field.tsx';
import { formatDate } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { Link, navigate } from '../../router.tsx';
import { CoveragePanel } from './coverage-panel.tsx';
import { useDocumentChanges, useDocuments, useDocumentTemplates, useMandatoryDocuments } from './documents-api.ts';

const sorts = ['name', 'updatedAt'] as const;
export const statusWords: Record<Document['status'], string> = { draft: 'Draft (not approved)', approved: 'Approved', changed: 'Approved, with changes not yet approved' };

/** Starts a policy from a template (filled in with the organisation's details) or a blank document. */
function NewDocumentForm() {
  const templates = useDocumentTemplates();
  const { create } = useDocumentChanges();
  const [templateKey, setTemplateKey] = useState('');
  const [name, setName] = useState('');
  const options = [{ value: '', label: 'Blank document' }, ...(templates.data?.items ?? []).map((t) => ({ value: t.key, label: t.name }))];
  const chosen = templates.data?.items.find((t) => t.key === templateKey);
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const body = templateKey ? { templateKey: templateKey as NonNullable<Document['templateKey']> } : { name };
        create.mutate(body, { onSuccess: (doc) => navigate(`/documents/${doc.id}`) });
      }}
    >
      <FormAlert error={create.error} fieldNames={['name']} />
      <SelectField label="Start from" name="templateKey" value={templateKey} options={options} onChange={(event) => setTemplateKey(event.target.value)} hint={chosen?.summary} />
      {templateKey ? null : <TextField label="Name" name="name" value={name} onChange={(event) => setName(event.target.value)} />}
      <div className="form-actions">
        <Button type="submit" isBusy={create.isPending} busyText="Creating…">
          Create document
        </Button>
      </div>
    </form>
  );
}

function MandatoryChecklist() {
  const mandatory = useMandatoryDocuments();
  if (!mandatory.data) return null;
  return (
    <section className="panel" aria-labelledby="mandatory-heading">
      <h2 id="mandatory-heading">Mandatory documents: {mandatory.data.done} of {mandatory.data.total} in place</h2>
      <ul className="checklist">
        {mandatory.data.items.map((item) => (
          <li key={item.id}>
            <span aria-hidden="true">{item.isMet ? '✔ ' : '○ '}</span>
            <strong>{item.title}</strong> — {item.documentId ? <Link to={`/documents/${item.documentId}`}>{item.how}</Link> : item.how}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Documents: the policy library, the mandatory checklist and acknowledgement coverage. */
export function DocumentsPage() {
  const session = useSignedInSession();
  const canWrite = useCan('documents.write');
  const list = useListAddress({ sorts, defaultSort: 'name', defaultOrder: 'asc' });
  const q = list.searchParams.get('q') ?? '';
  const records = useDocuments({ q: q || undefined, sort: list.sort, order: list.order, cursor: list.cursor });
  const timeZone = session.organisation?.timeZone;
  const columns: Array<DataColumn<Document, (typeof sorts)[number]>> = [
    { key: 'name', header: 'Name', sortField: 'name', isRowHeader: true, cell: (doc) => <Link to={`/documents/${doc.id}`}>{doc.name}</Link> },
    { key: 'status', header: 'Status', cell: (doc) => statusWords[doc.status] },
    { key: 'approvedLabel', header: 'Version', cell: (doc) => doc.approvedLabel ?? '—' },
    { key: 'owner', header: 'Owner', cell: (doc) => doc.ownerName ?? '—' },
    { key: 'nextReviewOn', header: 'Next review', className: 'nowrap', cell: (doc) => formatDate(doc.nextReviewOn, timeZone) || '—' },
  ];
  return (
    <>
      <PageHeader title="Documents" intro={<p>Policies and other documented information of {session.organisation?.name}: write, approve, and ask staff to read them.</p>} />
      {canWrite ? (
        <section className="panel" aria-labelledby="new-document-heading">
          <h2 id="new-document-heading">New document</h2>
          <NewDocumentForm />
        </section>
      ) : null}
      <DataTable
        caption="Documents"
        noun={{ one: 'document', other: 'documents' }}
        columns={columns}
        rowKey={(doc) => doc.id}
        list={records}
        address={list}
        filters={
          <div className="filters filter-row">
            <SearchField label="Search by name" value={q} onSearch={(text) => list.setFilters({ q: text || null })} />
          </div>
        }
        hasFilters={q !== ''}
        loadingLabel="Loading…"
        empty={{ title: 'No documents yet', hint: canWrite ? 'Start one from a template above.' : 'Nothing has been written yet.' }}
        emptyFiltered={{ title: 'Nothing matches this search', hint: 'Clear the search box to see everything.' }}
      />
      <MandatoryChecklist />
      <CoveragePanel />
    </>
  );
}
