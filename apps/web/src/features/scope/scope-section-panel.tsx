import { useState } from 'react';
import { scopeSectionLabels, scopeSuggestions, type ScopeItem, type ScopeSection } from '@custodian/shared/contracts/scope.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { TableWrap } from '../../components/table.tsx';
import { formatDate } from '../../lib/format.ts';
import { useScopeItemChanges, useScopeSection } from './scope-api.ts';
import { AddScopeItemForm, EditScopeItemForm } from './scope-item-form.tsx';

/** Offers the healthcare suggestions of a part that are not in the scope yet: one click adds one. */
function Suggestions({ section, items }: { section: ScopeSection; items: ScopeItem[] }) {
  const { create } = useScopeItemChanges();
  const added = new Set(items.map((item) => item.suggestionKey));
  const open = scopeSuggestions.filter((suggestion) => suggestion.section === section && !added.has(suggestion.key));
  if (open.length === 0) return null;
  return (
    <div className="scope-suggestions">
      <h3>Suggestions for a healthcare practice</h3>
      <p className="muted">Add one with a click, then change the words to fit your practice.</p>
      <FormAlert error={create.error} />
      <ul className="scope-suggestion-list">
        {open.map((suggestion) => (
          <li key={suggestion.key}>
            <Button
              variant="secondary"
              isBusy={create.isPending && create.variables?.suggestionKey === suggestion.key}
              busyText="Adding…"
              onClick={() => create.mutate({ section, name: suggestion.name, description: suggestion.description, requirements: suggestion.requirements, suggestionKey: suggestion.key })}
            >
              Add “{suggestion.name}”
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One part of the context or scope: its entries, editing in place, suggestions and the add form. */
export function ScopeSectionPanel({ section }: { section: ScopeSection }) {
  const session = useSignedInSession();
  const canWrite = useCan('scope.write');
  const isManager = session.organisation?.role === 'owner' || session.organisation?.role === 'isms_manager';
  const list = useScopeSection(section);
  const { remove } = useScopeItemChanges();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ScopeItem | null>(null);
  const [message, setMessage] = useState('');
  const labels = scopeSectionLabels[section];
  const headingId = `section-${section}`;
  const extra = section === 'interested_party' ? 'Their requirements' : section === 'exclusion' ? 'Why it is excluded' : null;
  const items = list.data?.items ?? [];
  const editing = items.find((item) => item.id === editingId);
  const timeZone = session.organisation?.timeZone;

  return (
    <section className="panel" aria-labelledby={headingId} id={section}>
      <h2 id={headingId}>{labels.other}</h2>
      <StatusMessage>{message || null}</StatusMessage>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? <p className="muted">No {labels.other.toLowerCase()} recorded yet.</p> : null}
      {items.length > 0 ? (
        <TableWrap labelledBy={headingId}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{labels.one}</th>
                <th scope="col">Description</th>
                {extra ? <th scope="col">{extra}</th> : null}
                <th scope="col">Last changed</th>
                {canWrite ? (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{item.name}</th>
                  <td className="pre-wrap">{item.description || '—'}</td>
                  {extra ? <td className="pre-wrap">{(section === 'exclusion' ? item.justification : item.requirements) || '—'}</td> : null}
                  <td className="nowrap">
                    {formatDate(item.updatedAt, timeZone)}
                    {item.updatedByName ? ` by ${item.updatedByName}` : ''}
                  </td>
                  {canWrite ? (
                    <td className="nowrap">
                      <Button variant="secondary" onClick={() => (setMessage(''), setEditingId(item.id))}>
                        Edit <span className="sr-only">{item.name}</span>
                      </Button>{' '}
                      {isManager || item.createdByUserId === session.user?.id ? (
                        <Button variant="secondary" onClick={() => setDeleting(item)}>
                          Delete <span className="sr-only">{item.name}</span>
                        </Button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {list.data?.page.next ? <p className="muted">Only the first 200 are shown here; the scope statement lists them all.</p> : null}
      {editing ? (
        <div className="scope-edit">
          <h3>Change “{editing.name}”</h3>
          <EditScopeItemForm
            key={editing.id}
            item={editing}
            onDone={(text) => {
              setEditingId(null);
              setMessage(text);
            }}
          />
        </div>
      ) : null}
      {canWrite ? (
        <>
          <Suggestions section={section} items={items} />
          <details className="scope-add">
            <summary>Add {labels.one.toLowerCase()}</summary>
            <AddScopeItemForm section={section} />
          </details>
        </>
      ) : null}
      <FormAlert error={remove.error} />
      <ConfirmDialog
        isOpen={deleting !== null}
        title={`Delete “${deleting?.name ?? ''}”?`}
        confirmLabel="Delete"
        isDanger
        isBusy={remove.isPending}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, { onSettled: () => setDeleting(null), onSuccess: () => setMessage(`Deleted “${deleting.name}”.`) });
        }}
        onCancel={() => setDeleting(null)}
      >
        <p>It is removed from the scope statement. The audit trail keeps a record of it.</p>
      </ConfirmDialog>
    </section>
  );
}
