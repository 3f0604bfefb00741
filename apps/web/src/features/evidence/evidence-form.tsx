import { useState, type FormEvent } from 'react';
import { createEvidenceBody, evidenceDetail, evidenceKindLabels, evidenceKinds, updateEvidenceBody, type EvidenceDetail, type EvidenceKind } from '@custodian/shared/contracts/evidence.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { changedFields, conflictCurrent, conflictRows, isEditConflict } from '../../lib/edit-conflict.ts';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { useOwnerOptions } from '../risks/use-owner-options.ts';
import { fileAsBase64, useEvidenceChanges } from './evidence-api.ts';
import { emptyEvidenceValues, evidenceConflictFields, evidenceFieldLabels, evidencePatchOf, evidenceValues, type EvidenceValues } from './evidence-values.ts';

const kindOptions = evidenceKinds.map((kind) => ({ value: kind, label: evidenceKindLabels[kind] }));
const fileHint = 'A PDF, Word or Excel document, PNG or JPEG image, or a text or CSV file, up to 25 MB. Custodian checks what the file contains, not its name.';

interface EvidenceFormProps {
  /** The item being edited; none to add a new one. */
  item?: EvidenceDetail;
  onSaved: (saved: EvidenceDetail) => void;
}

/**
 * Adds evidence (a file, a link or a note) or edits it. An edit sends only the changed fields with the
 * version loaded; when someone else saved in between, what was typed stays and a notice compares the two.
 */
export function EvidenceForm({ item, onSaved }: EvidenceFormProps) {
  const [loaded, setLoaded] = useState<EvidenceDetail | undefined>(item);
  const [kind, setKind] = useState<EvidenceKind>(item?.kind ?? 'file');
  const [values, setValues] = useState<EvidenceValues>(item ? evidenceValues(item) : emptyEvidenceValues);
  const [file, setFile] = useState<File | null>(null);
  const [conflict, setConflict] = useState<{ base: EvidenceDetail; current: EvidenceDetail } | null>(null);
  const [localError, setLocalError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [isReading, setIsReading] = useState(false);
  const { create, update } = useEvidenceChanges();
  const mutation = item ? update : create;
  const owners = useOwnerOptions(loaded ? { id: loaded.ownerUserId, name: loaded.ownerName } : undefined);
  const error = localError ?? (conflict && isEditConflict(update.error) ? null : mutation.error);
  const errors = fieldErrorsOf(error, evidenceFieldLabels);
  const changes = loaded ? changedFields(evidenceValues(loaded), values) : {};

  function setField<K extends keyof EvidenceValues>(key: K, value: EvidenceValues[K]): void {
    setValues((current) => ({ ...current, [key]: value }));
  }

  async function upload(): Promise<{ fileName: string; contentBase64: string } | undefined> {
    if (!file) return undefined;
    setIsReading(true);
    try {
      return { fileName: file.name, contentBase64: await fileAsBase64(file) };
    } finally {
      setIsReading(false);
    }
  }

  async function saveEdit(base: EvidenceDetail, version: number): Promise<void> {
    const body = { version, ...evidencePatchOf(changes), ...(file ? { file: await upload() } : {}) };
    const invalid = validateWith(updateEvidenceBody, body);
    setLocalError(invalid);
    if (invalid) return;
    update.mutate(
      { id: base.id, body: updateEvidenceBody.parse(body) },
      {
        onSuccess: (saved) => {
          setLoaded(saved);
          setValues(evidenceValues(saved));
          setFile(null);
          setConflict(null);
          onSaved(saved);
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, evidenceDetail);
          if (!current) return;
          const sentFrom = evidenceValues(base);
          setConflict({ base: conflict?.base ?? base, current });
          setLoaded(current);
          setValues((typed) => ({ ...evidenceValues(current), ...changedFields(sentFrom, typed) }));
        },
      },
    );
  }

  async function add(): Promise<void> {
    const common = { title: values.title, description: values.description, ownerUserId: values.ownerUserId || null, validUntil: values.validUntil || null };
    if (kind === 'file' && !file) {
      setLocalError(validateWith(createEvidenceBody, { kind, ...common }));
      return;
    }
    const body = kind === 'file' ? { kind, ...common, file: await upload() } : kind === 'link' ? { kind, ...common, url: values.url } : { kind, ...common, note: values.note };
    const invalid = validateWith(createEvidenceBody, body);
    setLocalError(invalid);
    if (!invalid) create.mutate(createEvidenceBody.parse(body), { onSuccess: onSaved });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setNotice('');
    if (!loaded) {
      void add();
      return;
    }
    if (Object.keys(changes).length === 0 && !file) setNotice('There are no changes to save.');
    else void saveEdit(loaded, loaded.version);
  }

  function discard(current: EvidenceDetail): void {
    setLoaded(current);
    setValues(evidenceValues(current));
    setConflict(null);
    setLocalError(null);
    update.reset();
    setNotice('Your changes were discarded. The form now shows the latest version.');
  }

  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject="this evidence"
          conflictKey={conflict.current.version}
          rows={conflictRows(evidenceConflictFields(owners.names), { original: evidenceValues(conflict.base), mine: { ...evidenceValues(conflict.base), ...changes }, current: evidenceValues(conflict.current) })}
          isApplying={update.isPending}
          onApply={() => (Object.keys(changes).length === 0 && !file ? discard(conflict.current) : void saveEdit(conflict.current, conflict.current.version))}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={error} fieldNames={Object.keys(evidenceFieldLabels)} />
        <StatusMessage>{notice || null}</StatusMessage>
        {item ? null : <SelectField label={evidenceFieldLabels.kind} name="kind" value={kind} options={kindOptions} onChange={(e) => setKind(e.target.value as EvidenceKind)} />}
        <TextField label={evidenceFieldLabels.title} name="title" value={values.title} isRequired onChange={(e) => setField('title', e.target.value)} error={errors.title} />
        {kind === 'file' ? (
          <TextField
            key={`file-${loaded?.version ?? 0}`}
            label={item ? 'Replace the file' : evidenceFieldLabels.file}
            name="file"
            type="file"
            accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.txt,.csv"
            isRequired={!item}
            hint={fileHint}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            error={errors.file ?? errors['file.contentBase64'] ?? errors['file.fileName']}
          />
        ) : null}
        {kind === 'link' ? <TextField label={evidenceFieldLabels.url} name="url" type="url" value={values.url} isRequired hint="For example a page of your intranet or a report in your IT provider's portal." onChange={(e) => setField('url', e.target.value)} error={errors.url} /> : null}
        {kind === 'note' ? <TextAreaField label={evidenceFieldLabels.note} name="note" rows={4} value={values.note} isRequired hint="What was checked, by whom and when." onChange={(e) => setField('note', e.target.value)} error={errors.note} /> : null}
        <SelectField label={evidenceFieldLabels.ownerUserId} name="ownerUserId" value={values.ownerUserId} options={owners.options} hint="The owner is e-mailed 30 days before it expires, and again when it has." onChange={(e) => setField('ownerUserId', e.target.value)} error={errors.ownerUserId} />
        <TextField label={evidenceFieldLabels.validUntil} name="validUntil" type="date" value={values.validUntil} hint="Leave empty if it does not expire." onChange={(e) => setField('validUntil', e.target.value)} error={errors.validUntil} />
        <TextAreaField label={evidenceFieldLabels.description} name="description" rows={3} value={values.description} onChange={(e) => setField('description', e.target.value)} error={errors.description} />
        <div className="form-actions">
          <Button type="submit" isBusy={(mutation.isPending || isReading) && !conflict} busyText="Saving…">
            {item ? 'Save changes' : 'Add evidence'}
          </Button>
        </div>
      </form>
    </>
  );
}
