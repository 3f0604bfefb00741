import { useState, type FormEvent } from 'react';
import { risk as riskSchema, type Risk } from '@custodian/shared/contracts/risks.ts';
import type { RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import type { SelectOption } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { changedFields, conflictCurrent, conflictRows, isEditConflict } from '../../lib/edit-conflict.ts';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { RiskFields } from './risk-fields.tsx';
import { riskConflictFields, riskFieldLabels, riskValues, updateBody, type RiskFormValues } from './risk-form-values.ts';
import { useUpdateRisk } from './risks-api.ts';

interface RiskEditFormProps {
  risk: Risk;
  method: RiskMethodDefinition;
  ownerOptions: SelectOption[];
  ownerNames: Map<string, string>;
  onSaved: (message: string) => void;
}

/**
 * Edits a risk: only the changed fields are sent, with the version loaded. If someone else saved the
 * risk meanwhile, what was typed stays and a notice compares the two versions.
 */
export function RiskEditForm({ risk, method, ownerOptions, ownerNames, onSaved }: RiskEditFormProps) {
  const [loaded, setLoaded] = useState<Risk>(risk);
  const [values, setValues] = useState<RiskFormValues>(() => riskValues(risk));
  const [conflict, setConflict] = useState<{ base: Risk; current: Risk } | null>(null);
  const [notice, setNotice] = useState('');
  const update = useUpdateRisk(risk.id);
  const error = conflict && isEditConflict(update.error) ? null : update.error;
  const errors = fieldErrorsOf(error, riskFieldLabels);
  const changes = changedFields(riskValues(loaded), values);

  function setField<K extends keyof RiskFormValues>(key: K, value: RiskFormValues[K]): void {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function save(version: number): void {
    setNotice('');
    update.mutate(updateBody(version, changes, values), {
      onSuccess: (saved) => {
        setLoaded(saved);
        setValues(riskValues(saved));
        setConflict(null);
        onSaved(saved.lastWithdrawnAcceptance && !saved.acceptance && loaded.acceptance ? `Saved ${saved.ref}. Its acceptance was withdrawn because the residual score changed.` : `Saved ${saved.ref}.`);
      },
      onError: (failure) => {
        const current = conflictCurrent(failure, riskSchema);
        if (!current) return;
        const sentFrom = riskValues(loaded);
        setConflict({ base: conflict?.base ?? loaded, current });
        setLoaded(current);
        setValues((typed) => ({ ...riskValues(current), ...changedFields(sentFrom, typed) }));
      },
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (Object.keys(changes).length === 0) {
      setNotice('There are no changes to save.');
      return;
    }
    save(loaded.version);
  }

  function discard(current: Risk): void {
    setLoaded(current);
    setValues(riskValues(current));
    setConflict(null);
    update.reset();
    setNotice('Your changes were discarded. The form now shows the latest version.');
  }

  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject="this risk"
          conflictKey={conflict.current.version}
          rows={conflictRows(riskConflictFields(method, ownerNames, new Map([...conflict.base.assets, ...conflict.current.assets, ...loaded.assets].map((asset) => [asset.id, `${asset.ref} ${asset.name}`]))), {
            original: riskValues(conflict.base),
            mine: { ...riskValues(conflict.base), ...changes },
            current: riskValues(conflict.current),
          })}
          isApplying={update.isPending}
          onApply={() => (Object.keys(changes).length === 0 ? discard(conflict.current) : save(conflict.current.version))}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={error} fieldNames={Object.keys(riskFieldLabels)} />
        <StatusMessage>{notice || null}</StatusMessage>
        <RiskFields values={values} method={method} ownerOptions={ownerOptions} knownAssets={[...loaded.assets, ...(conflict?.base.assets ?? [])]} errors={errors} setField={setField} />
        <div className="form-actions">
          <Button type="submit" isBusy={update.isPending && !conflict} busyText="Saving…">
            Save changes
          </Button>
        </div>
      </form>
    </>
  );
}
