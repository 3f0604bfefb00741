import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { authApi } from '@custodian/shared/contracts/auth.ts';
import { orgApi } from '@custodian/shared/contracts/org.ts';
import { call } from '../../api/client.ts';
import { refreshSession, resetAfterSessionChange } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { navigate } from '../../router.tsx';

const labels = { name: 'Name of the new organisation' };

/** Creates another organisation (for example a second practice) and offers to switch to it. */
export function CreateOrganisationForm() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => call(orgApi.create, { body: { name } }),
    onSuccess: async () => {
      setName('');
      await refreshSession(queryClient);
    },
  });
  const switchOrg = useMutation({
    mutationFn: (orgId: string) => call(authApi.switchOrg, { body: { orgId } }),
    onSuccess: async () => {
      await resetAfterSessionChange(queryClient);
      navigate('/');
    },
  });
  const errors = fieldErrorsOf(create.error, labels);
  const created = create.data;

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    create.mutate();
  }

  return (
    <>
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={create.error ?? switchOrg.error} fieldNames={Object.keys(labels)} />
        <TextField label={labels.name} isRequired value={name} hint="For example a second clinic that runs its own ISMS." onChange={(event) => setName(event.target.value)} error={errors.name} />
        <div className="form-actions">
          <Button type="submit" variant="secondary" isBusy={create.isPending} busyText="Creating…">
            Create organisation
          </Button>
        </div>
      </form>
      <StatusMessage>{created ? `${created.name} has been created. You are its owner.` : null}</StatusMessage>
      {created?.orgId ? (
        <Button isBusy={switchOrg.isPending} onClick={() => switchOrg.mutate(created.orgId)}>
          Switch to {created.name}
        </Button>
      ) : null}
    </>
  );
}
