import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi } from '@custodian/shared/contracts/auth.ts';
import { providerKindLabels, providerKinds, type ProviderKind } from '@custodian/shared/contracts/provider-fields.ts';
import { providersApi } from '@custodian/shared/contracts/providers.ts';
import { call } from '../../api/client.ts';
import { resetAfterSessionChange } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { navigate } from '../../router.tsx';

const labels = { name: 'Legal or trading name', kind: 'What you are', displayName: 'Name in the directory', slug: 'Directory address' };

/** "Harbour Assurance" → "harbour-assurance". */
function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** A signed-in person joins the marketplace as a provider: a new organisation they own, then its profile. */
export function NewProviderPage() {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', kind: 'consultant' as ProviderKind, displayName: '', slug: '' });
  const create = useMutation({
    mutationFn: async () => {
      const profile = await call(providersApi.createOrg, { body: { ...form, slug: form.slug || slugOf(form.displayName || form.name) } });
      await call(authApi.switchOrg, { body: { orgId: profile.orgId } });
      return profile;
    },
    onSuccess: async () => {
      await resetAfterSessionChange(queryClient);
      navigate('/provider/profile');
    },
  });
  const errors = fieldErrorsOf(create.error, labels);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <>
      <PageHeader
        title="Join the marketplace as a provider"
        intro={<p>Consultancies, certification bodies and trainers create their own organisation in Custodian. You become its owner and can invite colleagues.</p>}
      />
      <form className="panel" onSubmit={onSubmit} noValidate>
        <FormAlert error={create.error} fieldNames={Object.keys(labels)} />
        <TextField label={labels.name} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={errors.name} isRequired />
        <SelectField label={labels.kind} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as ProviderKind })} options={providerKinds.map((k) => ({ value: k, label: providerKindLabels[k] }))} />
        <TextField label={labels.displayName} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} error={errors.displayName} isRequired />
        <TextField
          label={labels.slug}
          hint={`Your page will be /providers/${form.slug || slugOf(form.displayName || form.name) || 'your-name'}`}
          value={form.slug}
          onChange={(e) => setForm({ ...form, slug: e.target.value })}
          error={errors.slug}
        />
        <Button type="submit" isBusy={create.isPending} busyText="Creating…">
          Create provider organisation
        </Button>
      </form>
    </>
  );
}
