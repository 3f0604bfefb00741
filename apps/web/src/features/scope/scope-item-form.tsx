import { useState, type FormEvent } from 'react';
import { createScopeItemBody, scopeItem, scopeSectionLabels, updateScopeItemBody, type ScopeItem, type ScopeSection } from '@custodian/shared/contracts/scope.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { changedFields, conflictCurrent, conflictRows, isEditConflict } from '../../lib/edit-conflict.ts';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { useScopeItemChanges } from './scope-api.ts';
import { emptyScopeItemValues, scopeConflictFields, scopeFieldLabels, scopeFieldsOf, scopeItemValues, scopeUpdateBody, type ScopeItemValues } from './scope-item-values.ts';

const hints: Partial<Record<keyof ScopeItemValues, string>> = {
  requirements: 'What they need from the practice: laws, contract terms, expectations. Say which ones the ISMS deals with.',
  justification: 'Required. Auditors check that an exclusion does not leave out information patients expect to be protected.',
};

interface FieldsProps {
  section: ScopeSection;
  values: ScopeItemValues;
  errors: Record<string, string>;
  idPrefix: string;
  onChange: (key: keyof ScopeItemValues, value: string) => void;
}

function ScopeItemFields({ section, values, errors, idPrefix, onChange }: FieldsProps) {
  const labels = scopeFieldLabels(section);
  return (
    <>
      {scopeFieldsOf(section).map((key) =>
        key === 'name' ? (
          <TextField key={key} id={`${idPrefix}-${key}`} label={labels.name} name={key} value={values.name} isRequired onChange={(event) => onChange(key, event.target.value)} error={errors.name} />
        ) : (
          <TextAreaField
            key={key}
            id={`${idPrefix}-${key}`}
            label={labels[key]}
            name={key}
            rows={3}
            isRequired={key === 'justification'}
            hint={hints[key]}
            value={values[key]}
            onChange={(event) => onChange(key, event.target.value)}
            error={errors[key]}
          />
        ),
      )}
    </>
  );
}

/** Adds an entry to one part; what was typed stays in the form if saving fails. */
export function AddScopeItemForm({ section }: { section: ScopeSection }) {
  const [values, setValues] = useState<ScopeItemValues>(emptyScopeItemValues);
  const [localError, setLocalError] = useState<unknown>(null);
  const { create } = useScopeItemChanges();
  const labels = scopeFieldLabels(section);
  const error = localError ?? create.error;
  const errors = fieldErrorsOf(error, labels);
  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body = { section, ...values };
    const invalid = validateWith(createScopeItemBody, body);
    setLocalError(invalid);
    if (invalid) return;
    create.mutate(body, { onSuccess: () => setValues(emptyScopeItemValues) });
  }
  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={error} fieldNames={Object.keys(labels)} />
      <ScopeItemFields section={section} values={values} errors={errors} idPrefix={`add-${section}`} onChange={(key, value) => setValues((current) => ({ ...current, [key]: value }))} />
      <div className="form-actions">
        <Button type="submit" isBusy={create.isPending} busyText="Adding…">
          Add {scopeSectionLabels[section].one.toLowerCase()}
        </Button>
      </div>
    </form>
  );
}

/**
 * Edits one entry: only the changed fields are sent, with the version loaded; if someone else saved it
 * meanwhile, what was typed stays and the conflict notice compares the two.
 */
export function EditScopeItemForm({ item, onDone }: { item: ScopeItem; onDone: (message: string) => void }) {
  const [loaded, setLoaded] = useState<ScopeItem>(item);
  const [base, setBase] = useState<ScopeItem | null>(null);
  const [values, setValues] = useState<ScopeItemValues>(() => scopeItemValues(item));
  const [localError, setLocalError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const { update } = useScopeItemChanges();
  const labels = scopeFieldLabels(item.section);
  const changes = changedFields(scopeItemValues(loaded), values);
  const error = localError ?? (base && isEditConflict(update.error) ? null : update.error);
  const errors = fieldErrorsOf(error, labels);

  function save(version: number): void {
    const body = scopeUpdateBody(version, changes);
    const invalid = validateWith(updateScopeItemBody, body);
    setLocalError(invalid);
    if (invalid) return;
    update.mutate(
      { id: item.id, body },
      {
        onSuccess: (saved) => onDone(`Saved “${saved.name}”.`),
        onError: (failure) => {
          const current = conflictCurrent(failure, scopeItem);
          if (!current) return;
          const sentFrom = scopeItemValues(loaded);
          setBase((previous) => previous ?? loaded);
          setLoaded(current);
          setValues((typed) => ({ ...scopeItemValues(current), ...changedFields(sentFrom, typed) }));
        },
      },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (Object.keys(changes).length === 0) {
      setNotice('There are no changes to save.');
      return;
    }
    save(loaded.version);
  }

  return (
    <>
      {base ? (
        <EditConflictNotice
          subject={`“${loaded.name}”`}
          conflictKey={loaded.version}
          rows={conflictRows(scopeConflictFields(item.section), { original: scopeItemValues(base), mine: { ...scopeItemValues(base), ...changes }, current: scopeItemValues(loaded) })}
          isApplying={update.isPending}
          onApply={() => (Object.keys(changes).length === 0 ? onDone('The latest version already has your changes.') : save(loaded.version))}
          onDiscard={() => onDone('Your changes were discarded; the latest version is shown.')}
        />
      ) : null}
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={error} fieldNames={Object.keys(labels)} />
        <StatusMessage>{notice || null}</StatusMessage>
        <ScopeItemFields section={item.section} values={values} errors={errors} idPrefix={`edit-${item.id}`} onChange={(key, value) => setValues((current) => ({ ...current, [key]: value }))} />
        <div className="form-actions">
          <Button type="submit" isBusy={update.isPending && !base} busyText="Saving…">
            Save
          </Button>
          <Button variant="secondary" onClick={() => onDone('')}>
            Cancel
          </Button>
        </div>
      </form>
    </>
  );
}
