import { useEffect, useRef, useState } from 'react';
import { documentDetail, type DocumentDetail } from '@custodian/shared/contracts/documents.ts';
import { Button } from '../../components/button.tsx';
import { CheckboxField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { conflictCurrent } from '../../lib/edit-conflict.ts';
import { useDocumentChanges } from './documents-api.ts';
import { PolicyText } from './policy-text.tsx';

/** A draft save made on this page: from the version it was made on, to the version it gave. */
export interface OwnSave {
  from: number;
  to: number;
}

/** True when the page's own draft saves lead from the version read to this one (the approver wrote what is there). */
function isOwnChain(saves: OwnSave[], from: number, to: number): boolean {
  let at = from;
  for (let step = 0; step < saves.length && at !== to; step += 1) {
    const next = saves.find((save) => save.from === at);
    if (!next) return false;
    at = next.to;
  }
  return at === to;
}

/** The latest draft, shown when the approval was refused because the document changed. */
function ChangedNotice({ latest, onCancel }: { latest: DocumentDetail; onCancel: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [latest.version]);
  return (
    <section className="alert alert-warning" aria-labelledby="approve-changed-heading">
      <h3 id="approve-changed-heading" ref={heading} tabIndex={-1} className="alert-title">
        The document changed since you read it, so it was not approved
      </h3>
      <p>Someone saved “{latest.name}” after you opened it. This is the draft as it is now. Read it, then approve it if it is right; your note is kept.</p>
      <div className="approve-latest">
        <PolicyText html={latest.draftHtml} />
      </div>
      <div className="form-actions">
        <Button variant="secondary" onClick={onCancel}>
          Do not approve yet
        </Button>
      </div>
    </section>
  );
}

/**
 * Approves the draft. The approval sends the version the approver read: a later save by someone else
 * refuses it and the latest draft is shown before they approve. Re-reading the document (the owner
 * or the draft saved on this page) keeps the typed note.
 */
export function ApprovePanel({ doc, ownSaves }: { doc: DocumentDetail; ownSaves: OwnSave[] }) {
  const { approve } = useDocumentChanges();
  const [changeNote, setChangeNote] = useState('');
  const [isMajor, setMajor] = useState(doc.approvedNumber === null);
  const [read, setRead] = useState(doc);
  const [changed, setChanged] = useState<DocumentDetail | null>(null);
  const [seenVersion, setSeenVersion] = useState(doc.version);

  // A newer version read on this page counts as read when its draft is what the approver saw, or was written here.
  if (doc.version !== seenVersion) {
    setSeenVersion(doc.version);
    const isSameDraft = doc.name === read.name && doc.draftHtml === read.draftHtml;
    if (!changed && doc.version > read.version && (isSameDraft || changeNote === '' || isOwnChain(ownSaves, read.version, doc.version))) setRead(doc);
  }

  function submit(): void {
    approve.mutate(
      { id: doc.id, body: { version: read.version, isMajor, changeNote } },
      {
        onSuccess: () => setChanged(null),
        onError: (failure) => {
          const latest = conflictCurrent(failure, documentDetail);
          if (!latest) return;
          setChanged(latest);
          setRead(latest);
          approve.reset();
        },
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="approve-heading">
      <h2 id="approve-heading">Approve the draft</h2>
      <p>Approving freezes the draft as a new version. A major version asks everyone assigned to read and acknowledge it again; a minor version keeps their acknowledgements.</p>
      {changed ? <ChangedNotice latest={changed} onCancel={() => setChanged(null)} /> : null}
      <FormAlert error={approve.error} fieldNames={['changeNote']} />
      <TextField label="What changed" name="changeNote" value={changeNote} onChange={(event) => setChangeNote(event.target.value)} />
      {doc.approvedNumber === null ? null : <CheckboxField label="Major version (staff must acknowledge it again)" name="isMajor" checked={isMajor} onChange={(event) => setMajor(event.target.checked)} />}
      <div className="form-actions">
        <Button isBusy={approve.isPending} busyText="Approving…" onClick={submit}>
          {changed ? 'Approve the latest version' : 'Approve'}
        </Button>
      </div>
    </section>
  );
}
