import { useState, type FormEvent } from 'react';
import { roleLabels, roles, type Role } from '@custodian/shared/permissions.ts';
import { useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { TableWrap } from '../../components/table.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useInvitations, useMemberMutations } from './members-api.ts';

const labels = { email: 'E-mail', role: 'Role' };

export const roleHelp: Record<Role, string> = {
  owner: 'everything, including settings, members and the audit trail',
  isms_manager: 'runs the ISMS day to day and invites people',
  contributor: 'updates the gap analysis and records',
  staff: 'reads policies and the catalogue',
  auditor: 'reads everything, changes nothing',
};

/** Invite people by e-mail and manage pending invitations. */
export function InvitationsSection() {
  const session = useSignedInSession();
  const invitations = useInvitations();
  const { invite, revoke } = useMemberMutations();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('contributor');
  const [message, setMessage] = useState('');
  const errors = fieldErrorsOf(invite.error, labels);
  const pending = invitations.data?.filter((item) => item.status === 'pending') ?? [];

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setMessage('');
    invite.mutate(
      { email, role },
      {
        onSuccess: () => {
          setMessage(`Invitation sent to ${email}.`);
          setEmail('');
        },
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <p>They receive an e-mail with a link to join {session.organisation?.name}. Links expire after a few days.</p>
      <form onSubmit={handleSubmit} noValidate className="form form-inline">
        <FormAlert error={invite.error} fieldNames={Object.keys(labels)} />
        <TextField label={labels.email} type="email" autoComplete="off" isRequired value={email} onChange={(event) => setEmail(event.target.value)} error={errors.email} />
        <SelectField
          label={labels.role}
          value={role}
          options={roles.map((value) => ({ value, label: `${roleLabels[value]} — ${roleHelp[value]}` }))}
          onChange={(event) => setRole(event.target.value as Role)}
          error={errors.role}
        />
        <div className="form-actions">
          <Button type="submit" isBusy={invite.isPending} busyText="Sending…">
            Send invitation
          </Button>
        </div>
      </form>
      <StatusMessage>{message || (revoke.isSuccess ? 'Invitation revoked.' : null)}</StatusMessage>
      <FormAlert error={revoke.error} />
      <h3>Pending invitations</h3>
      {invitations.isPending ? <Loading /> : null}
      {invitations.isError ? <LoadError error={invitations.error} onRetry={() => void invitations.refetch()} /> : null}
      {invitations.data && pending.length === 0 ? <p>No invitations are waiting. Invite your practice manager, clinicians or your IT provider above.</p> : null}
      {pending.length > 0 ? (
        <TableWrap label="Pending invitations">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {pending.map((item) => (
                <tr key={item.id}>
                  <th scope="row">{item.email}</th>
                  <td>{roleLabels[item.role]}</td>
                  <td>
                    {formatDate(item.expiresAt, session.organisation?.timeZone)} <Tag>Pending</Tag>
                  </td>
                  <td>
                    <Button variant="link" disabled={revoke.isPending} onClick={() => revoke.mutate(item.id)}>
                      Revoke invitation for {item.email}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}
