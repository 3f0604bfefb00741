import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { providersApi } from '@custodian/shared/contracts/providers.ts';
import { call } from '../../api/client.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { auDate } from '../directory/provider-words.ts';

const key = ['provider', 'affiliations'];
const labels = { affiliatedSlug: 'Consultancy’s directory address', affiliatedName: 'Consultancy’s name', relationship: 'Relationship', commissionPercent: 'Commission', startedOn: 'Since', endedOn: 'Until' };

/** A certification body's public register of commercial ties with consultancies. */
export function AffiliationsSection({ canEdit }: { canEdit: boolean }) {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: key, queryFn: () => call(providersApi.affiliations) });
  const [form, setForm] = useState({ affiliatedSlug: '', affiliatedName: '', relationship: '', commissionPercent: '', startedOn: '', endedOn: '' });
  const [message, setMessage] = useState('');
  const add = useMutation({
    mutationFn: () =>
      call(providersApi.createAffiliation, {
        body: {
          ...(form.affiliatedSlug.trim() ? { affiliatedSlug: form.affiliatedSlug.trim() } : {}),
          ...(form.affiliatedName.trim() ? { affiliatedName: form.affiliatedName } : {}),
          relationship: form.relationship,
          commissionPercent: form.commissionPercent.trim() === '' ? null : Number(form.commissionPercent),
          startedOn: form.startedOn,
          endedOn: form.endedOn === '' ? null : form.endedOn,
        },
      }),
    onSuccess: async () => {
      setMessage('Tie recorded. It is shown on your public page.');
      setForm({ affiliatedSlug: '', affiliatedName: '', relationship: '', commissionPercent: '', startedOn: '', endedOn: '' });
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => call(providersApi.deleteAffiliation, { params: { id } }), onSuccess: () => queryClient.invalidateQueries({ queryKey: key }) });
  const errors = fieldErrorsOf(add.error, labels);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    add.mutate();
  };
  return (
    <section className="panel" aria-labelledby="affiliations-heading">
      <h2 id="affiliations-heading">Affiliation register</h2>
      <p>Consultancies you have commercial ties with. Requesters see this register; matching never offers you a request whose ISMS a tied consultancy built in the last two years.</p>
      <StatusMessage>{message || null}</StatusMessage>
      <FormAlert error={remove.error} />
      {list.isPending ? <Loading label="Loading the register…" /> : null}
      {list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.items.length === 0 ? <p>No ties recorded.</p> : null}
      <ul className="plain-list">
        {list.data?.items.map((a) => (
          <li key={a.id}>
            <strong>{a.affiliatedName}</strong>: {a.relationship}
            {a.commissionPercent !== null ? `, ${a.commissionPercent} % commission` : ''}, since {auDate(a.startedOn)}
            {a.endedOn ? ` until ${auDate(a.endedOn)}` : ''}{' '}
            {canEdit ? (
              <Button variant="secondary" onClick={() => remove.mutate(a.id)}>
                Remove<span className="sr-only"> the tie with {a.affiliatedName}</span>
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <form onSubmit={onSubmit} noValidate aria-labelledby="add-tie-heading">
          <h3 id="add-tie-heading">Record a tie</h3>
          <FormAlert error={add.error} fieldNames={Object.keys(labels)} />
          <TextField label={labels.affiliatedSlug} hint="When the consultancy is in the directory: the last part of its page’s address." value={form.affiliatedSlug} onChange={(e) => setForm({ ...form, affiliatedSlug: e.target.value })} error={errors.affiliatedSlug} />
          <TextField label={labels.affiliatedName} hint="Otherwise, its name." value={form.affiliatedName} onChange={(e) => setForm({ ...form, affiliatedName: e.target.value })} error={errors.affiliatedName} />
          <TextField label={labels.relationship} value={form.relationship} onChange={(e) => setForm({ ...form, relationship: e.target.value })} error={errors.relationship} isRequired />
          <TextField label={`${labels.commissionPercent} (%)`} inputMode="decimal" value={form.commissionPercent} onChange={(e) => setForm({ ...form, commissionPercent: e.target.value })} error={errors.commissionPercent} />
          <TextField label={labels.startedOn} type="date" value={form.startedOn} onChange={(e) => setForm({ ...form, startedOn: e.target.value })} error={errors.startedOn} isRequired />
          <TextField label={labels.endedOn} type="date" value={form.endedOn} onChange={(e) => setForm({ ...form, endedOn: e.target.value })} error={errors.endedOn} />
          <Button type="submit" isBusy={add.isPending} busyText="Recording…">
            Record tie
          </Button>
        </form>
      ) : null}
    </section>
  );
}
