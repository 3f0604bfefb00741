import { useState, type FormEvent } from 'react';
import { document as documentSchema, updateDocumentBody, type Document, type UpdateDocumentBody } from '@custodian/shared/contracts/documents.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { SelectField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { changedFields, conflictCurrent, conflictRows, isEditConflict, type ConflictFields } from '../../lib/edit-conflict.ts';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { useOwnerOptions } from '../risks/use-owner-options.ts';
import { useDocumentChanges } from './documents-api.ts';

/** What the form edits, flat ('' for no owner, months as text) so changes compare by value. */
interface DetailsValues {
  ownerUserId: string;
  reviewMonths: string;
}

const labels: Record<keyof DetailsValues, string> = { ownerUserId: 'Owner', reviewMonths: 'Review period' };

const valuesOf = (doc: Document): DetailsValues => ({ ownerUserId: doc.ownerUserId ?? '', reviewMonths: String(doc.reviewMonths) });

const monthsWords = (months: string) => (months === '1' ? 'Every month' : `Every ${months} months`);

/** The usual review periods, with the document's own if it is something else. */
function reviewOptions(current: string) {
  const usual = ['3', '6', '12', '18', '24', '36'];
  const all = usual.includes(current) ? usual : [...usual, current].sort((a, b) => Number(a) - Number(b));
  return all.map((months) => ({ value: months, label: months === '12' ? 'Every 12 months (yearly)' : monthsWords(months) }));
}

function bodyOf(version: number, changes: Partial<DetailsValues>): UpdateDocumentBody {
  const body: UpdateDocumentBody = { version };
  if (changes.ownerUserId !== undefined) body.ownerUserId = changes.ownerUserId || null;
  if (changes.reviewMonths !== undefined) body.reviewMonths = Number(changes.reviewMonths);
  return body;
}

/**
 * Changes who owns a document and how often it is reviewed. Only what changed is sent, with the version
 * read; when someone else saved first, what was chosen stays and a notice compares the two.
 */
export function DocumentDetailsForm({ doc }: { doc: Document }) {
  const [loaded, setLoaded] = useState<Document>(doc);
  const [values, setValues] = useState<DetailsValues>(() => valuesOf(doc));
  const [conflict, setConflict] = useState<{ base: Document; current: Document } | null>(null);
  const [localError, setLocalError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const owners = useOwnerOptions({ id: doc.ownerUserId, name: doc.ownerName });
  const { update } = useDocumentChanges();
  const changes = changedFields(valuesOf(loaded), values);
  const hasChanges = Object.keys(changes).length > 0;

  // The draft saved or the document approved on this page: take the newer version when nothing here is unsaved.
  if (doc.version > loaded.version && !hasChanges && !conflict) {
    setLoaded(doc);
    setValues(valuesOf(doc));
  }

  const error = localError ?? (conflict && isEditConflict(update.error) ? null : update.error);
  const errors = fieldErrorsOf(error, labels);
  const set = (key: keyof DetailsValues, value: string) => setValues((current) => ({ ...current, [key]: value }));
  const fields: ConflictFields<DetailsValues> = {
    ownerUserId: { label: labels.ownerUserId, format: (value) => (value ? (owners.names.get(value) ?? 'Another member') : 'No owner') },
    reviewMonths: { label: labels.reviewMonths, format: monthsWords },
  };

  function save(version: number): void {
    const body = bodyOf(version, changes);
    const invalid = validateWith(updateDocumentBody, body);
    setLocalError(invalid);
    setNotice('');
    if (invalid) return;
    update.mutate(
      { id: doc.id, body },
      {
        onSuccess: (saved) => {
          setLoaded(saved);
          setValues(valuesOf(saved));
          setConflict(null);
          setNotice('Saved the owner and review period.');
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, documentSchema);
          if (!current) return;
          const sentFrom = valuesOf(loaded);
          setConflict({ base: conflict?.base ?? loaded, current });
          setLoaded(current);
          setValues((typed) => ({ ...valuesOf(current), ...changedFields(sentFrom, typed) }));
        },
      },
    );
  }

  function discard(current: Document, message = 'Your changes were discarded. The form now shows the latest version.'): void {
    setLoaded(current);
    setValues(valuesOf(current));
    setConflict(null);
    setLocalError(null);
    update.reset();
    setNotice(message);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!hasChanges) {
      setNotice('There are no changes to save.');
      return;
    }
    save(loaded.version);
  }

  return (
    <section className="panel" aria-labelledby="details-heading">
      <h2 id="details-heading">Ownership and review</h2>
      {conflict ? (
        <EditConflictNotice
          subject="this document"
          conflictKey={conflict.current.version}
          rows={conflictRows(fields, { original: valuesOf(conflict.base), mine: { ...valuesOf(conflict.base), ...changes }, current: valuesOf(conflict.current) })}
          isApplying={update.isPending}
          onApply={() => (hasChanges ? save(conflict.current.version) : discard(conflict.current, 'The latest version already has your changes.'))}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={error} fieldNames={Object.keys(labels)} />
        <StatusMessage>{notice || null}</StatusMessage>
        <SelectField
          label={labels.ownerUserId}
          name="ownerUserId"
          value={values.ownerUserId}
          options={owners.options.map((option) => (option.value ? option : { value: '', label: 'No owner' }))}
          hint="The person who keeps this document up to date and is reminded when its review is due."
          onChange={(event) => set('ownerUserId', event.target.value)}
          error={errors.ownerUserId}
        />
        <SelectField
          label={labels.reviewMonths}
          name="reviewMonths"
          value={values.reviewMonths}
          options={reviewOptions(values.reviewMonths)}
          hint="How often the document is reviewed. A change applies from the next approval: the next review date shown above stays until then."
          onChange={(event) => set('reviewMonths', event.target.value)}
          error={errors.reviewMonths}
        />
        <div className="form-actions">
          <Button type="submit" isBusy={update.isPending && !conflict} busyText="Saving…">
            Save owner and review period
          </Button>
        </div>
      </form>
    </section>
  );
}
