import { useState } from 'react';
import { roleLabels, roles, type Role } from '@custodian/shared/permissions.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import type { Member } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { TableWrap } from '../../components/table.tsx';
import { formatDate } from '../../lib/format.ts';
import { InvitationsSection } from './invitations-section.tsx';
import { useMemberMutations, useMembers } from './members-api.ts';

const pageSize = 50;

/** The people in the organisation: their roles, two-step verification, and invitations. */
export function MembersPage() {
  const session = useSignedInSession();
  const canManage = useCan('members.manage');
  const canInvite = useCan('members.invite');
  const [page, setPage] = useState(1);
  const members = useMembers(page, pageSize);
  const { changeRole, remove } = useMemberMutations();
  const [message, setMessage] = useState('');
  const [toRemove, setToRemove] = useState<Member | null>(null);
  const timeZone = session.organisation?.timeZone;

  function handleRole(member: Member, role: Role): void {
    setMessage('');
    changeRole.mutate({ userId: member.userId, role }, { onSuccess: () => setMessage(`${member.name} is now ${roleLabels[role]}.`) });
  }

  function handleRemove(): void {
    if (!toRemove) return;
    const name = toRemove.name;
    remove.mutate(toRemove.userId, {
      onSuccess: () => setMessage(`${name} no longer has access to ${session.organisation?.name ?? 'this organisation'}.`),
      onSettled: () => setToRemove(null),
    });
  }

  return (
    <>
      <PageHeader title="Members" intro={<p>Everyone who can sign in to {session.organisation?.name}, and what they may do.</p>} />
      <StatusMessage>{message || null}</StatusMessage>
      <FormAlert error={changeRole.error ?? remove.error} />
      {members.isPending ? <Loading label="Loading members…" /> : null}
      {members.isError ? <LoadError error={members.error} onRetry={() => void members.refetch()} /> : null}
      {members.data ? (
        <>
          <TableWrap label="Members">
            <table className="table">
              <caption className="sr-only">Members of {session.organisation?.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Role</th>
                  <th scope="col">Two-step verification</th>
                  <th scope="col">Joined</th>
                  {canManage ? (
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {members.data.items.map((member) => {
                  const isMe = member.userId === session.user?.id;
                  return (
                    <tr key={member.userId}>
                      <th scope="row">
                        {member.name}
                        {isMe ? ' (you)' : ''}
                      </th>
                      <td className="break-all">{member.email}</td>
                      <td>
                        {canManage && !isMe ? (
                          <select
                            className="input select"
                            aria-label={`Change role for ${member.name}`}
                            value={member.role}
                            disabled={changeRole.isPending}
                            onChange={(event) => handleRole(member, event.target.value as Role)}
                          >
                            {roles.map((role) => (
                              <option key={role} value={role}>
                                {roleLabels[role]}
                              </option>
                            ))}
                          </select>
                        ) : (
                          roleLabels[member.role]
                        )}
                      </td>
                      <td>{member.hasMfa ? <Tag tone="success">On</Tag> : <Tag tone="warning">Off</Tag>}</td>
                      <td>{formatDate(member.joinedAt, timeZone)}</td>
                      {canManage ? (
                        <td>
                          {!isMe ? (
                            <Button variant="link" onClick={() => setToRemove(member)}>
                              Remove {member.name}
                            </Button>
                          ) : null}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
          <Pagination page={members.data.page} pageSize={members.data.pageSize} total={members.data.total} noun="members" onPageChange={setPage} />
          {members.data.total <= 1 ? <p className="muted">You are the only member so far. Invite the people who look after information in your practice below.</p> : null}
        </>
      ) : null}
      {canInvite ? <InvitationsSection /> : null}
      <ConfirmDialog
        isOpen={toRemove !== null}
        title={`Remove ${toRemove?.name ?? ''}?`}
        confirmLabel="Remove member"
        isDanger
        isBusy={remove.isPending}
        onConfirm={handleRemove}
        onCancel={() => setToRemove(null)}
      >
        <p>
          {toRemove?.name} will no longer be able to sign in to {session.organisation?.name}. Their past changes stay in the audit trail. You can
          invite them again later.
        </p>
      </ConfirmDialog>
    </>
  );
}
