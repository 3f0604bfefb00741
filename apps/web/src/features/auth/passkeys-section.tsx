import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { passkeyApi, type PasskeySummary } from '@custodian/shared/contracts/passkeys.ts';
import { call } from '../../api/client.ts';
import { resetAfterSessionChange } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { formatDate } from '../../lib/format.ts';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { canUsePasskeys, createPasskey } from './passkey-browser.ts';

const passkeysKey = 'own-passkeys';
const labels = { name: 'Passkey name' };

interface Actions {
  timeZone: string | undefined;
  onRename: (passkey: PasskeySummary) => void;
  onRemove: (passkey: PasskeySummary) => void;
}

function columns({ timeZone, onRename, onRemove }: Actions): Array<DataColumn<PasskeySummary>> {
  return [
    { key: 'name', header: 'Name', isRowHeader: true, cell: (passkey) => passkey.name },
    { key: 'createdAt', header: 'Added', className: 'nowrap', cell: (passkey) => formatDate(passkey.createdAt, timeZone) },
    { key: 'lastUsedAt', header: 'Last used', className: 'nowrap', cell: (passkey) => (passkey.lastUsedAt ? formatDate(passkey.lastUsedAt, timeZone) : 'Not used yet') },
    {
      key: 'actions',
      header: 'Actions',
      isHeaderHidden: true,
      cell: (passkey) => (
        <div className="form-actions">
          <Button variant="secondary" onClick={() => onRename(passkey)}>
            Rename<span className="sr-only"> {passkey.name}</span>
          </Button>
          <Button variant="secondary" onClick={() => onRemove(passkey)}>
            Remove<span className="sr-only"> {passkey.name}</span>
          </Button>
        </div>
      ),
    },
  ];
}

/**
 * Passkeys: sign in with a fingerprint, face or device PIN instead of a password, or use one as the
 * second step after the password. Add one (named), rename, remove.
 */
export function PasskeysSection({ timeZone }: { timeZone: string | undefined }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ passkey: PasskeySummary; name: string } | null>(null);
  const [removing, setRemoving] = useState<PasskeySummary | null>(null);
  const [message, setMessage] = useState('');
  const query = { limit: 50 };
  const passkeys = useQuery({ queryKey: [passkeysKey, query], queryFn: () => call(passkeyApi.list, { query }) });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: [passkeysKey] });
    // Two-step verification may have turned on or off with the first or last passkey.
    await resetAfterSessionChange(queryClient);
  };

  const add = useMutation({
    mutationFn: async () => {
      const options = await call(passkeyApi.registrationOptions);
      return call(passkeyApi.register, { body: { name: name.trim(), response: await createPasskey(options) } });
    },
    onSuccess: async (added) => {
      setName('');
      setMessage(`Passkey “${added.name}” added. You can now use it to sign in.`);
      await refresh();
    },
  });
  const rename = useMutation({
    mutationFn: (input: { passkey: PasskeySummary; name: string }) => call(passkeyApi.rename, { params: { passkeyId: input.passkey.id }, body: { name: input.name.trim(), version: input.passkey.version } }),
    onSuccess: async (renamed) => {
      setRenaming(null);
      setMessage(`Passkey renamed to “${renamed.name}”.`);
      await queryClient.invalidateQueries({ queryKey: [passkeysKey] });
    },
  });
  const remove = useMutation({
    mutationFn: (passkey: PasskeySummary) => call(passkeyApi.remove, { params: { passkeyId: passkey.id } }),
    onSuccess: async (_reply, passkey) => {
      setRemoving(null);
      setMessage(`Passkey “${passkey.name}” removed.`);
      await refresh();
    },
  });

  function handleAdd(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setMessage('');
    add.mutate();
  }

  function handleRename(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (renaming) rename.mutate(renaming);
  }

  return (
    <section className="panel" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">Passkeys</h2>
      <p>A passkey lets you sign in with your fingerprint, face or device PIN instead of typing your password. It also counts as two-step verification.</p>
      <StatusMessage>{message || null}</StatusMessage>
      <FormAlert error={remove.error} />
      <DataTable
        caption="Your passkeys"
        noun={{ one: 'passkey', other: 'passkeys' }}
        columns={columns({ timeZone, onRename: (passkey) => setRenaming({ passkey, name: passkey.name }), onRemove: setRemoving })}
        rowKey={(passkey) => passkey.id}
        list={passkeys}
        onPageChange={() => undefined}
        hasCursor={false}
        loadingLabel="Loading your passkeys…"
        empty={{ title: 'No passkeys yet', hint: 'Add one below to sign in without your password.' }}
        headingLevel={3}
      />
      {renaming ? (
        <form onSubmit={handleRename} noValidate className="form">
          <h3>Rename “{renaming.passkey.name}”</h3>
          <FormAlert error={rename.error} fieldNames={Object.keys(labels)} />
          <TextField label="New name" name="passkeyName" value={renaming.name} onChange={(event) => setRenaming({ ...renaming, name: event.target.value })} error={fieldErrorsOf(rename.error, labels).name} />
          <div className="form-actions">
            <Button type="submit" isBusy={rename.isPending} busyText="Saving…">
              Save name
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                rename.reset();
                setRenaming(null);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {canUsePasskeys() ? (
        <form onSubmit={handleAdd} noValidate className="form">
          <h3>Add a passkey</h3>
          <FormAlert error={add.error} fieldNames={Object.keys(labels)} />
          <TextField
            label={labels.name}
            name="name"
            hint="So you can tell your passkeys apart, for example “Work laptop” or “My phone”."
            isRequired
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={fieldErrorsOf(add.error, labels).name}
          />
          <div className="form-actions">
            <Button type="submit" isBusy={add.isPending} busyText="Waiting for your device…">
              Add a passkey
            </Button>
          </div>
        </form>
      ) : (
        <p>This browser cannot use passkeys. Try a recent version of Chrome, Edge, Safari or Firefox.</p>
      )}
      <ConfirmDialog
        isOpen={removing !== null}
        title="Remove this passkey?"
        confirmLabel="Remove passkey"
        isDanger
        isBusy={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onCancel={() => setRemoving(null)}
      >
        <p>You will no longer be able to sign in with “{removing?.name}”. You can add it again later.</p>
      </ConfirmDialog>
    </section>
  );
}
