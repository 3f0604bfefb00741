import { useState, type FormEvent } from 'react';
import { certificate as certificateSchema, type Certificate } from '@custodian/shared/contracts/certification.ts';
import { useCan } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { changedFields, conflictCurrent } from '../../lib/edit-conflict.ts';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { useCertificationChanges, useEngagementOptions } from './certification-api.ts';

interface Values {
  number: string;
  bodyName: string;
  engagementId: string;
  scope: string;
  issuedOn: string;
  expiresOn: string;
}

const labels: Record<keyof Values, string> = {
  number: 'Certificate number',
  bodyName: 'Certification body',
  engagementId: 'Engagement from the marketplace',
  scope: 'Scope of certification',
  issuedOn: 'Issued on',
  expiresOn: 'Expires on',
};

const valuesOf = (c?: Certificate): Values => ({
  number: c?.number ?? '',
  bodyName: c?.bodyName ?? '',
  engagementId: c?.engagementId ?? '',
  scope: c?.scope ?? '',
  issuedOn: c?.issuedOn ?? '',
  expiresOn: c?.expiresOn ?? '',
});

/** The body a form's values send: empty dates and engagement as null. */
function bodyOf(values: Partial<Values>) {
  const nullable = (v: string | undefined) => (v === undefined ? undefined : v || null);
  return Object.fromEntries(
    Object.entries({ ...values, engagementId: nullable(values.engagementId), issuedOn: nullable(values.issuedOn), expiresOn: nullable(values.expiresOn) }).filter(([, v]) => v !== undefined),
  );
}

/**
 * Records a certificate (or the one being worked towards) or changes it. An edit sends only the changed
 * fields with the version read; when someone else saved first, their version is loaded and the page says so.
 */
export function CertificateForm({ item, onSaved }: { item?: Certificate; onSaved: (saved: Certificate) => void }) {
  const [loaded, setLoaded] = useState(item);
  const [values, setValues] = useState<Values>(valuesOf(item));
  const [notice, setNotice] = useState('');
  const { create, update } = useCertificationChanges();
  const engagements = useEngagementOptions(useCan('marketplace.read'));
  const mutation = item ? update : create;
  const errors = fieldErrorsOf(mutation.error, labels);
  const set = (key: keyof Values, value: string) => setValues((current) => ({ ...current, [key]: value }));
  const options = [
    { value: '', label: 'None linked' },
    ...(engagements.data?.items ?? []).filter((e) => e.lane === 'certification').map((e) => ({ value: e.id, label: `${e.providerName}: ${e.summary}` })),
  ];

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setNotice('');
    if (!loaded) {
      create.mutate(bodyOf(values), { onSuccess: onSaved });
      return;
    }
    const changes = changedFields(valuesOf(loaded), values);
    if (Object.keys(changes).length === 0) {
      setNotice('There are no changes to save.');
      return;
    }
    update.mutate(
      { id: loaded.id, body: { version: loaded.version, ...bodyOf(changes) } },
      {
        onSuccess: (saved) => {
          setLoaded(saved);
          setValues(valuesOf(saved));
          onSaved(saved);
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, certificateSchema);
          if (!current) return;
          setLoaded(current);
          setValues(valuesOf(current));
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={mutation.error} fieldNames={Object.keys(labels)} />
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
        <Button type="submit" isBusy={mutation.isPending} busyText="Saving…">
          {loaded ? 'Save the certificate' : 'Record the certificate'}
        </Button>
      </div>
    </form>
  );
}
