import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ssoApi, type SsoSettings } from '@custodian/shared/contracts/sso.ts';
import { call } from '../../api/client.ts';
import { useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';

const labels = { domain: 'E-mail domain' };

/**
 * The organisation's e-mail domains. An owner can add only the domain of their own address (that is
 * the proof the domain is the organisation's), and each domain belongs to one organisation.
 */
export function SsoDomains({ settings, queryKey }: { settings: SsoSettings; queryKey: readonly unknown[] }) {
  const queryClient = useQueryClient();
  const session = useSignedInSession();
  const own = session.user?.email.split('@')[1] ?? '';
  const [domain, setDomain] = useState(own);
  const add = useMutation({
    mutationFn: () => call(ssoApi.addDomain, { body: { domain } }),
    onSuccess: (saved) => queryClient.setQueryData(queryKey, saved),
  });
  const remove = useMutation({
    mutationFn: (name: string) => call(ssoApi.removeDomain, { params: { domain: name } }),
    onSuccess: (saved) => queryClient.setQueryData(queryKey, saved),
  });
  const errors = fieldErrorsOf(add.error, labels);
  const timeZone = session.organisation?.timeZone;

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    add.mutate();
  }

  return (
    <>
      <h3>E-mail domains</h3>
      <p>People whose work address ends in one of these domains sign in through your provider.</p>
      {settings.domains.length === 0 ? <p className="muted">No domains yet.</p> : null}
      <ul className="plain-list">
        {settings.domains.map((d) => (
          <li key={d.domain}>
            <strong>{d.domain}</strong> — added {formatDate(d.addedAt, timeZone)}{' '}
            <Button variant="secondary" isBusy={remove.isPending && remove.variables === d.domain} onClick={() => remove.mutate(d.domain)} aria-label={`Remove ${d.domain}`}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <FormAlert error={remove.error} />
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={add.error} fieldNames={Object.keys(labels)} />
        <TextField
          label={labels.domain}
          name="domain"
          hint={`You can add the domain of your own address (${own}). Another owner can add theirs.`}
          value={domain}
          onChange={(event) => setDomain(event.target.value)}
          error={errors.domain}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" isBusy={add.isPending}>
            Add domain
          </Button>
        </div>
      </form>
    </>
  );
}
