import { useState, type FormEvent } from 'react';
import { asset as assetSchema, createAssetBody, updateAssetBody, type Asset } from '@custodian/shared/contracts/assets.ts';
import { roleLabels } from '@custodian/shared/permissions.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { SelectField, TextAreaField, TextField, type SelectOption } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { changedFields, conflictCurrent, conflictRows, isEditConflict } from '../../lib/edit-conflict.ts';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { useMembers } from '../members/members-api.ts';
import { useAssetChanges } from './assets-api.ts';
import { assetConflictFields, assetFieldLabels, assetValues, ciaOptions, createAssetBodyOf, kindOptions, updateAssetBodyOf, type AssetValues } from './asset-values.ts';

/** The owners a person may choose: every member (for those who may list them), else themselves. */
export function useOwnerOptions(current: { ownerUserId: string | null; ownerName: string | null } | undefined): { options: SelectOption[]; hint?: string } {
  const session = useSignedInSession();
  const canReadMembers = useCan('members.read');
  const members = useMembers({ sort: 'name', limit: 200 }, canReadMembers);
  const options: SelectOption[] = [{ value: '', label: 'No owner yet' }];
  if (members.data) {
    for (const member of members.data.items) options.push({ value: member.userId, label: `${member.name} (${roleLabels[member.role]})` });
    return { options };
  }
  if (current?.ownerUserId && current.ownerName) options.push({ value: current.ownerUserId, label: current.ownerName });
  if (session.user && session.user.id !== current?.ownerUserId) options.push({ value: session.user.id, label: `${session.user.name} (me)` });
  return { options, hint: canReadMembers ? undefined : 'You can make yourself the owner. An owner or ISMS manager can choose anyone in the practice.' };
}

interface AssetFormProps {
  /** The asset being edited; none to add a new one. */
  asset?: Asset;
  levels: ReadonlyArray<{ key: string; label: string; description: string }>;
  initial: AssetValues;
  onSaved: (saved: Asset) => void;
}

/**
 * Adds an asset or edits one. An edit sends only the changed fields with the version loaded; when
 * someone else saved in between, what was typed stays and a notice compares the two.
 */
export function AssetForm({ asset, levels, initial, onSaved }: AssetFormProps) {
  const [loaded, setLoaded] = useState<Asset | undefined>(asset);
  const [values, setValues] = useState<AssetValues>(initial);
  const [conflict, setConflict] = useState<{ base: Asset; current: Asset } | null>(null);
  const [localError, setLocalError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const { create, update } = useAssetChanges();
  const mutation = asset ? update : create;
  const owners = useOwnerOptions(loaded);
  const error = localError ?? (conflict && isEditConflict(update.error) ? null : mutation.error);
  const errors = fieldErrorsOf(error, assetFieldLabels);
  const changes = loaded ? changedFields(assetValues(loaded), values) : {};
  const levelOptions = levels.map((level) => ({ value: level.key, label: level.label }));
  const levelHint = levels.find((level) => level.key === values.classification)?.description;

  function setField<K extends keyof AssetValues>(key: K, value: AssetValues[K]): void {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function saveEdit(base: Asset, version: number): void {
    const body = updateAssetBodyOf(version, changes);
    const invalid = validateWith(updateAssetBody, body);
    setLocalError(invalid);
    if (invalid) return;
    update.mutate(
      { id: base.id, body },
      {
        onSuccess: (saved) => {
          setLoaded(saved);
          setValues(assetValues(saved));
          setConflict(null);
          onSaved(saved);
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, assetSchema);
          if (!current) return;
          const sentFrom = assetValues(base);
          setConflict({ base: conflict?.base ?? base, current });
          setLoaded(current);
          setValues((typed) => ({ ...assetValues(current), ...changedFields(sentFrom, typed) }));
        },
      },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setNotice('');
    if (loaded) {
      if (Object.keys(changes).length === 0) setNotice('There are no changes to save.');
      else saveEdit(loaded, loaded.version);
      return;
    }
    const body = createAssetBodyOf(values);
    const invalid = validateWith(createAssetBody, body);
    setLocalError(invalid);
    if (!invalid) create.mutate(body, { onSuccess: onSaved });
  }

  function discard(current: Asset): void {
    setLoaded(current);
    setValues(assetValues(current));
    setConflict(null);
    setLocalError(null);
    update.reset();
    setNotice('Your changes were discarded. The form now shows the latest version.');
  }

  const ownerNames = new Map(owners.options.filter((o) => o.value).map((o) => [o.value, o.label]));
  const levelNames = new Map(levels.map((level) => [level.key, level.label]));
  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject="this asset"
          conflictKey={conflict.current.version}
          rows={conflictRows(assetConflictFields(ownerNames, levelNames), { original: assetValues(conflict.base), mine: { ...assetValues(conflict.base), ...changes }, current: assetValues(conflict.current) })}
          isApplying={update.isPending}
          onApply={() => (Object.keys(changes).length === 0 ? discard(conflict.current) : saveEdit(conflict.current, conflict.current.version))}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={error} fieldNames={Object.keys(assetFieldLabels)} />
        <StatusMessage>{notice || null}</StatusMessage>
        <TextField label={assetFieldLabels.name} name="name" value={values.name} isRequired onChange={(e) => setField('name', e.target.value)} error={errors.name} />
        <TextField
          label={assetFieldLabels.ref}
          name="ref"
          value={values.ref}
          hint={asset ? 'The short reference people quote, unique in the register.' : 'Leave empty for the next free reference (A-0001, A-0002 …), or enter your own.'}
          onChange={(e) => setField('ref', e.target.value)}
          error={errors.ref}
        />
        <SelectField label={assetFieldLabels.kind} name="kind" value={values.kind} options={kindOptions} onChange={(e) => setField('kind', e.target.value as AssetValues['kind'])} error={errors.kind} />
        <SelectField label={assetFieldLabels.ownerUserId} name="ownerUserId" value={values.ownerUserId} options={owners.options} hint={owners.hint} onChange={(e) => setField('ownerUserId', e.target.value)} error={errors.ownerUserId} />
        <SelectField
          label={assetFieldLabels.classification}
          name="classification"
          value={values.classification}
          options={levelOptions}
          hint={levelHint}
          isRequired
          onChange={(e) => setField('classification', e.target.value)}
          error={errors.classification}
        />
        <fieldset className="cia-group">
          <legend>How much harm if it were exposed, altered or unavailable (1 very low to 5 very high)</legend>
          <SelectField label={assetFieldLabels.confidentiality} name="confidentiality" value={values.confidentiality} options={ciaOptions} onChange={(e) => setField('confidentiality', e.target.value)} error={errors.confidentiality} />
          <SelectField label={assetFieldLabels.integrity} name="integrity" value={values.integrity} options={ciaOptions} onChange={(e) => setField('integrity', e.target.value)} error={errors.integrity} />
          <SelectField label={assetFieldLabels.availability} name="availability" value={values.availability} options={ciaOptions} onChange={(e) => setField('availability', e.target.value)} error={errors.availability} />
        </fieldset>
        <TextField label={assetFieldLabels.location} name="location" value={values.location} hint="Where it is kept or runs: a room, a site, a cloud provider." onChange={(e) => setField('location', e.target.value)} error={errors.location} />
        <TextAreaField label={assetFieldLabels.description} name="description" rows={3} value={values.description} onChange={(e) => setField('description', e.target.value)} error={errors.description} />
        <div className="form-actions">
          <Button type="submit" isBusy={mutation.isPending && !conflict} busyText="Saving…">
            {asset ? 'Save changes' : 'Add asset'}
          </Button>
        </div>
      </form>
    </>
  );
}
