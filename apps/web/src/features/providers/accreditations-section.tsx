import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { providerStandardLabels, providerStandards, verificationStateLabels } from '@custodian/shared/contracts/provider-fields.ts';
import { providersApi, type CreateAccreditationBody } from '@custodian/shared/contracts/providers.ts';
import { call, urlOf } from '../../api/client.ts';
import { Button } from '../../components/button.tsx';
import { CheckboxField, TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { auDate, standardWords } from '../directory/provider-words.ts';
import { ChoiceSet } from './choice-set.tsx';

const key = ['provider', 'accreditations'];
const labels = { accreditationBody: 'Accreditation body', accreditationNumber: 'Accreditation number', standards: 'Standards in scope', scopeNote: 'Scope', expiresOn: 'Expires on', certificate: 'Certificate' };

/** Reads a chosen file as base64 (the certificate travels inside the JSON request). */
async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A certification body's accreditations: each with its certificate and Custodian's verification. */
export function AccreditationsSection({ canEdit }: { canEdit: boolean }) {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: key, queryFn: () => call(providersApi.accreditations) });
  const [form, setForm] = useState({ accreditationBody: 'JAS-ANZ', isIafMember: true, accreditationNumber: '', standards: ['iso27001'] as Array<(typeof providerStandards)[number]>, scopeNote: '', expiresOn: '' });
  const [file, setFile] = useState<File | null>(null);
  const [message, setMessage] = useState('');
  const add = useMutation({
    mutationFn: async () => {
      const body: CreateAccreditationBody = { ...form, ...(file ? { certificate: { fileName: file.name, contentBase64: await fileAsBase64(file) } } : {}) };
      return call(providersApi.createAccreditation, { body });
    },
    onSuccess: async () => {
      setMessage('Accreditation added. Custodian’s operator will verify it against the accreditation body’s register.');
      setForm((f) => ({ ...f, accreditationNumber: '', scopeNote: '', expiresOn: '' }));
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => call(providersApi.deleteAccreditation, { params: { id } }),
    onSuccess: async () => {
      setMessage('Accreditation removed.');
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const errors = fieldErrorsOf(add.error, labels);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    add.mutate();
  };
  return (
    <section className="panel" aria-labelledby="accreditations-heading">
      <h2 id="accreditations-heading">Accreditations</h2>
      <StatusMessage>{message || null}</StatusMessage>
      <FormAlert error={remove.error} />
      {list.isPending ? <Loading label="Loading accreditations…" /> : null}
      {list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.items.length === 0 ? <p>No accreditation recorded yet.</p> : null}
      <ul className="plain-list">
        {list.data?.items.map((a) => (
          <li key={a.id}>
            <strong>
              {a.accreditationBody} {a.accreditationNumber}
            </strong>{' '}
            <Tag tone={a.verificationState === 'verified' ? 'success' : 'warning'}>{verificationStateLabels[a.verificationState]}</Tag> — {standardWords(a.standards)}, expires {auDate(a.expiresOn)}.{' '}
            {a.badge ? a.badge.wording : ''}{' '}
            {a.certificate ? <a href={urlOf(providersApi.certificate, { params: { id: a.id } })}>Download certificate ({a.certificate.fileName})</a> : 'No certificate uploaded.'}{' '}
            {canEdit ? (
              <Button variant="secondary" onClick={() => remove.mutate(a.id)}>
                Remove<span className="sr-only"> accreditation {a.accreditationNumber}</span>
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <form onSubmit={onSubmit} noValidate aria-labelledby="add-accreditation-heading">
          <h3 id="add-accreditation-heading">Add an accreditation</h3>
          <FormAlert error={add.error} fieldNames={Object.keys(labels)} />
          <TextField label={labels.accreditationBody} value={form.accreditationBody} onChange={(e) => setForm({ ...form, accreditationBody: e.target.value })} error={errors.accreditationBody} isRequired />
          <CheckboxField label="The body is JAS-ANZ or another member of the IAF" checked={form.isIafMember} onChange={(e) => setForm({ ...form, isIafMember: e.target.checked })} />
          <TextField label={labels.accreditationNumber} value={form.accreditationNumber} onChange={(e) => setForm({ ...form, accreditationNumber: e.target.value })} error={errors.accreditationNumber} isRequired />
          <ChoiceSet legend={labels.standards} options={providerStandards} labels={providerStandardLabels} value={form.standards} onChange={(standards) => setForm({ ...form, standards })} />
          <TextAreaField label={labels.scopeNote} value={form.scopeNote} onChange={(e) => setForm({ ...form, scopeNote: e.target.value })} error={errors.scopeNote} />
          <TextField label={labels.expiresOn} type="date" value={form.expiresOn} onChange={(e) => setForm({ ...form, expiresOn: e.target.value })} error={errors.expiresOn} isRequired />
          <TextField label="Certificate (PDF, PNG or JPEG, up to 5 MB)" type="file" accept="application/pdf,image/png,image/jpeg" onChange={(e) => setFile(e.target.files?.[0] ?? null)} error={errors.certificate} />
          <Button type="submit" isBusy={add.isPending} busyText="Adding…">
            Add accreditation
          </Button>
        </form>
      ) : null}
    </section>
  );
}
