import { useState } from 'react';
import { documentDetail, type Document, type DocumentDetail, type UpdateDocumentBody } from '@custodian/shared/contracts/documents.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { conflictCurrent, conflictRows, isEditConflict, type ConflictFields } from '../../lib/edit-conflict.ts';
import { useDocumentChanges } from './documents-api.ts';
import { draftText } from './draft-text.ts';
import { RichTextEditor } from './rich-text-editor.tsx';

/** What the draft editor edits, with the version it was read at. */
interface Draft {
  version: number;
  name: string;
  draftHtml: string;
}

const draftOf = (doc: Draft): Draft => ({ version: doc.version, name: doc.name, draftHtml: doc.draftHtml });
/** The draft as compared in the conflict notice: the text without its formatting. */
const comparable = (draft: Draft) => ({ name: draft.name, text: draftText(draft.draftHtml) });

const conflictFields: ConflictFields<{ name: string; text: string }> = {
  name: { label: 'Name', format: (value) => value },
  text: { label: 'Document text', format: (value) => value || 'No text' },
};

/**
 * The draft's name and text. A save sends only what changed, with the version the person started from:
 * the page reading the document again (window focus, the owner saved) never replaces what is typed,
 * and when someone else saved the draft meanwhile a notice compares their text with this one (as plain
 * text), to apply this text on the latest version or discard it.
 */
export function DraftEditor({ doc, onSaved }: { doc: DocumentDetail; onSaved?: (from: number, saved: Document) => void }) {
  const { update } = useDocumentChanges();
  const [loaded, setLoaded] = useState<Draft>(() => draftOf(doc));
  const [name, setName] = useState(doc.name);
  const [html, setHtml] = useState(doc.draftHtml);
  const [seed, setSeed] = useState({ html: doc.draftHtml, key: 0 });
  const [conflict, setConflict] = useState<{ base: Draft; current: Draft } | null>(null);
  const [notice, setNotice] = useState('');
  const [seen, setSeen] = useState(() => draftOf(doc));
  const isNameChanged = name !== loaded.name;
  const isTextChanged = html !== loaded.draftHtml;
  const hasChanges = isNameChanged || isTextChanged;
  const error = conflict && isEditConflict(update.error) ? null : update.error;

  function show(next: Draft, replaceText: boolean): void {
    setLoaded(next);
    setName(next.name);
    setHtml(next.draftHtml);
    if (replaceText) setSeed((current) => ({ html: next.draftHtml, key: current.key + 1 }));
  }

  // A newer version read on this page: taken whole while nothing is typed; when only the details moved
  // it (owner, review period), its version is taken and the typed draft kept.
  if (doc.version !== seen.version || doc.draftHtml !== seen.draftHtml) {
    setSeen(draftOf(doc));
    if (!conflict && doc.version >= loaded.version) {
      if (!hasChanges) show(draftOf(doc), doc.version > loaded.version && draftText(doc.draftHtml) !== draftText(loaded.draftHtml));
      else if (doc.name === loaded.name && doc.draftHtml === loaded.draftHtml) setLoaded(draftOf(doc));
    }
  }

  function save(version: number): void {
    setNotice('');
    const body: UpdateDocumentBody = { version, ...(isTextChanged ? { draftHtml: html } : {}), ...(isNameChanged ? { name } : {}) };
    const sent = { name, draftHtml: html };
    update.mutate(
      { id: doc.id, body },
      {
        onSuccess: (saved) => {
          setLoaded({ version: saved.version, name: saved.name, draftHtml: sent.draftHtml });
          setName((typed) => (typed === sent.name ? saved.name : typed));
          setConflict(null);
          setNotice('Draft saved.');
          onSaved?.(version, saved);
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, documentDetail);
          if (!current) return;
          const latest = draftOf(current);
          setConflict({ base: conflict?.base ?? loaded, current: latest });
          setLoaded(latest);
          if (!isNameChanged) setName(latest.name);
          if (!isTextChanged) {
            setHtml(latest.draftHtml);
            setSeed((seedNow) => ({ html: latest.draftHtml, key: seedNow.key + 1 }));
          }
        },
      },
    );
  }

  function discard(current: Draft, message = 'Your changes were discarded. The draft now shows the latest version.'): void {
    show(current, true);
    setConflict(null);
    update.reset();
    setNotice(message);
  }

  return (
    <section className="panel" aria-labelledby="draft-heading">
      <h2 id="draft-heading">Draft</h2>
      {conflict ? (
        <EditConflictNotice
          subject="the draft"
          conflictKey={conflict.current.version}
          rows={conflictRows(conflictFields, {
            original: comparable(conflict.base),
            mine: comparable({ ...conflict.base, ...(isNameChanged ? { name } : {}), ...(isTextChanged ? { draftHtml: html } : {}) }),
            current: comparable(conflict.current),
          })}
          isApplying={update.isPending}
          onApply={() => (hasChanges ? save(conflict.current.version) : discard(conflict.current, 'The latest version already has your changes.'))}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <FormAlert error={error} fieldNames={['name', 'draftHtml']} />
      <StatusMessage>{notice || null}</StatusMessage>
      <TextField label="Name" name="name" value={name} onChange={(event) => setName(event.target.value)} />
      <RichTextEditor label="Document text" initialHtml={seed.html} resetKey={seed.key} onChange={setHtml} />
      <div className="form-actions">
        <Button
          isBusy={update.isPending && !conflict}
          busyText="Saving…"
          onClick={() => {
            if (hasChanges) save(loaded.version);
            else setNotice('There are no changes to save.');
          }}
        >
          Save draft
        </Button>
      </div>
    </section>
  );
}
