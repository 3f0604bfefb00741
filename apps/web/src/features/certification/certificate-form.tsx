import { useRef, useState, type FormEvent } from 'react';
import { certificate as certificateSchema, updateCertificateBody, type Certificate } from '@custodian/shared/contracts/certification.ts';
import { useCan } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { changedFields, conflictCurrent, conflictRows, isEditConflict } from '../../lib/edit-conflict.ts';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { useCertificationChanges, useEngagementOptions } from './certification-api.ts';
import { certificateConflictFields, certificateCreateBody, certificateLabels as labels, certificateUpdateBody, certificateValues, type CertificateValues } from './certificate-values.ts';

/**
 * Records a certificate (or the one being worked towards) or changes it. An edit sends only the changed
 * fields with the version read; when someone else saved first, nothing typed is lost: a notice compares
 * their version with the person's changes, which can be applied to the latest version or discarded.
 */
export function CertificateForm({ item, onSaved }: { item?: Certificate; onSaved: (saved: Certificate) => void }) {
  const [loaded, setLoaded] = useState(item);
  const [values, setValues] = useState<CertificateValues>(() => certificateValues(item));
  const [conflict, setConflict] = useState<{ base: Certificate; current: Certificate } | null>(null);
  const [localError, setLocalError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const { create, update } = useCertificationChanges();
  const engagements = useEngagementOptions(useCan('marketplace.read'));
  const mutation = item ? update : create;
  const error = localError ?? (conflict && isEditConflict(mutation.error) ? null : mutation.error);
  const errors = fieldErrorsOf(error, labels);
  const changes = changedFields(certificateValues(loaded), values);
  const hasChanges = Object.keys(changes).length > 0;
  const [seenVersion, setSeenVersion] = useState(item?.version);

  // A newer version read on this page (the list is read again after every save) replaces the form only while nothing is typed.
  if (item && item.version !== seenVersion) {
    setSeenVersion(item.version);
    if (loaded && !hasChanges && !conflict && item.version > loaded.version) {
      setLoaded(item);
      setValues(certificateValues(item));
    }
  }
  const set = (key: keyof CertificateValues, value: string) => setValues((current) => ({ ...current, [key]: value }));
  const options = [
    { value: '', label: 'None linked' },
    ...(engagements.data?.items ?? []).filter((e) => e.lane === 'certification').map((e) => ({ value: e.id, label: `${e.providerName}: ${e.summary}` })),
  ];

  function save(from: Certificate, version: number): void {
    const body = certificateUpdateBody(version, changes);
    const invalid = validateWith(updateCertificateBody, body);
    setLocalError(invalid);
    if (invalid) {
      update.reset();
      return;
    }
    update.mutate(
      { id: from.id, body },
      {
        onSuccess: (saved) => {
          setLoaded(saved);
          setValues(certificateValues(saved));
          setConflict(null);
          onSaved(saved);
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, certificateSchema);
          if (!current) return;
          // Rebase on the latest version: keep every field this person changed, show the rest as saved now.
          const sentFrom = certificateValues(loaded);
          setConflict({ base: conflict?.base ?? from, current });
          setLoaded(current);
          setValues((typed) => ({ ...certificateValues(current), ...changedFields(sentFrom, typed) }));
        },
      },
    );
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setNotice('');
    if (!loaded) {
      create.mutate(certificateCreateBody(values), { onSuccess: onSaved });
      return;
    }
    if (!hasChanges) {
      setNotice('There are no changes to save.');
      return;
    }
    save(loaded, loaded.version);
  }

  function discard(current: Certificate, message = 'Your changes were discarded. The form now shows the latest version.'): void {
    setLoaded(current);
    setValues(certificateValues(current));
    setConflict(null);
    setLocalError(null);
    update.reset();
    setNotice(message);
    const first = formRef.current?.elements.namedItem('number');
    if (first instanceof HTMLInputElement) first.focus();
  }

  const engagementNames = new Map(options.filter((option) => option.value).map((option) => [option.value, option.label]));
  for (const cert of conflict ? [conflict.base, conflict.current] : []) {
    if (cert.engagement && !engagementNames.has(cert.engagement.id)) engagementNames.set(cert.engagement.id, cert.engagement.providerName);
  }
  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject="the certificate"
          conflictKey={conflict.current.version}
          rows={conflictRows(certificateConflictFields(engagementNames), {
            original: certificateValues(conflict.base),
            mine: { ...certificateValues(conflict.base), ...changes },
            current: certificateValues(conflict.current),
          })}
          isApplying={update.isPending}
          onApply={() => (hasChanges ? save(conflict.current, conflict.current.version) : discard(conflict.current, 'The latest version already has your changes.'))}
          onDiscard={() => discard(conflict.current)}
        />
      ) : null}
      <form ref={formRef} onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={error} fieldNames={Object.keys(labels)} />
        <StatusMessage>{notice || null}</StatusMessage>
        <TextField label={labels.number} name="number" value={values.number} hint="Leave empty until the certificate is issued." onChange={(e) => set('number', e.target.value)} error={errors.number} />
        <TextField label={labels.bodyName} name="bodyName" value={values.bodyName} hint="The certification body that audits you, if it is not linked below." onChange={(e) => set('bodyName', e.target.value)} error={errors.bodyName} />
        {options.length > 1 ? (
          <SelectField label={labels.engagementId} name="engagementId" value={values.engagementId} options={options} onChange={(e) => set('engagementId', e.target.value)} error={errors.engagementId} />
        ) : null}
        <TextAreaField label={labels.scope} name="scope" rows={3} value={values.scope} hint="The scope wording as it appears (or will appear) on the certificate." onChange={(e) => set('scope', e.target.value)} error={errors.scope} />
        <TextField label={labels.issuedOn} name="issuedOn" type="date" value={values.issuedOn} onChange={(e) => set('issuedOn', e.target.value)} error={errors.issuedOn} />
        <TextField label={labels.expiresOn} name="expiresOn" type="date" value={values.expiresOn} hint="Leave empty: three years from the issue date." onChange={(e) => set('expiresOn', e.target.value)} error={errors.expiresOn} />
        <div className="form-actions">
          <Button type="submit" isBusy={mutation.isPending && !conflict} busyText="Saving…">
            {loaded ? 'Save the certificate' : 'Record the certificate'}
          </Button>
        </div>
      </form>
    </>
  );
}
