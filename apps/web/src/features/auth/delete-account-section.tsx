import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountApi } from '@custodian/shared/contracts/account.ts';
import { call } from '../../api/client.ts';
import { resetAfterSessionChange } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert, Notice } from '../../components/form-alert.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { navigate } from '../../router.tsx';

const labels = { email: 'Your e-mail address' };

const names = (list: ReadonlyArray<{ name: string }>) => list.map((o) => o.name).join(', ');

/**
 * The danger zone: deleting one's own account, after being told what happens to each organisation and
 * typing the account's e-mail address to confirm.
 */
export function DeleteAccountSection({ email }: { email: string }) {
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const preview = useQuery({ queryKey: ['account-deletion'], queryFn: () => call(accountApi.deletionPreview) });
  const remove = useMutation({
    mutationFn: () => call(accountApi.deleteAccount, { body: { email: typed.trim() } }),
    onSuccess: async () => {
      await resetAfterSessionChange(queryClient);
      navigate('/login?deleted=1');
    },
  });
  const errors = fieldErrorsOf(remove.error, labels);
  const plan = preview.data;
  const isBlocked = (plan?.blockedBy.length ?? 0) > 0;

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    remove.mutate();
  }

  return (
    <section className="panel panel-danger" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete your account</h2>
      <p>
        Deleting your account signs you out everywhere and removes your password, two-step verification and recovery codes. Your name and e-mail
        address are removed from your account, and you can no longer sign in. This cannot be undone. You can sign up again later with the same
        address, as a new person.
      </p>
      <p>
        Each organisation you belong to keeps its records of what you did (its audit trail), with your name, until one of its owners de-identifies
        you.
      </p>
      {plan && plan.leaves.length > 0 ? <p>You will leave: {names(plan.leaves)}.</p> : null}
      {plan && plan.closes.length > 0 ? (
        <p>
          You are the only member of {names(plan.closes)}. {plan.closes.length === 1 ? 'It' : 'They'} will be closed: nobody will be able to sign in to{' '}
          {plan.closes.length === 1 ? 'it' : 'them'}, pending invitations are withdrawn, and {plan.closes.length === 1 ? 'its' : 'their'} records are kept,
          read-only, with your name replaced by “Former member 1”.
        </p>
      ) : null}
      {isBlocked ? (
        <Notice tone="warning">
          <p className="alert-title">You cannot delete your account yet.</p>
          <p>
            You are the only owner of {names(plan?.blockedBy ?? [])}, and other people still belong to it. Make another member an owner on the Members
            page first.
          </p>
        </Notice>
      ) : (
        <form onSubmit={handleSubmit} noValidate className="form">
          <FormAlert error={remove.error} fieldNames={Object.keys(labels)} />
          <TextField
            label={labels.email}
            type="email"
            autoComplete="off"
            isRequired
            hint={`Type ${email} to confirm.`}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            error={errors.email}
          />
          <div className="form-actions">
            <Button type="submit" variant="danger" isBusy={remove.isPending} busyText="Deleting…">
              Delete my account
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
