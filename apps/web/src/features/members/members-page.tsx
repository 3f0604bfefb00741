import { useState } from 'react';
import { member as memberSchema, type Member } from '@custodian/shared/contracts/org.ts';
import { roleLabels, roles, type Role } from '@custodian/shared/permissions.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { conflictCurrent, conflictRows, isEditConflict } from '../../lib/edit-conflict.ts';
import { formatDate } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { FormerMembersSection } from './former-members-section.tsx';
import { InvitationsSection } from './invitations-section.tsx';
import { MemberFilters } from './member-filters.tsx';
import { useMemberMutations, useMembers } from './members-api.ts';

const memberSorts = ['name', 'email', 'role', 'joinedAt'] as const;
type MemberSort = (typeof memberSorts)[number];

interface RoleConflict {
  /** The member as the list showed them when the role was chosen. */
  original: Member;
  /** The member as they are now. */
  current: Member;
  chosen: Role;
}

const roleField = { role: { label: 'Role', format: (role: Role) => roleLabels[role] } };

/** The people in the organisation: their roles, two-step verification, and invitations. */
export function MembersPage() {
  const session = useSignedInSession();
  const canManage = useCan('members.manage');
  const canInvite = useCan('members.invite');
  const list = useListAddress<MemberSort>({ sorts: memberSorts, defaultSort: 'name', defaultOrder: 'asc' });
  const role = roles.find((candidate) => candidate === list.searchParams.get('role'));
  const q = list.searchParams.get('q') || undefined;
  const members = useMembers({ role, q, sort: list.sort, order: list.order, cursor: list.cursor });
  const { changeRole, remove } = useMemberMutations();
  const [message, setMessage] = useState('');
  const [toRemove, setToRemove] = useState<Member | null>(null);
  const [roleConflict, setRoleConflict] = useState<RoleConflict | null>(null);
  const timeZone = session.organisation?.timeZone;
  const organisationName = session.organisation?.name ?? 'this organisation';

  function chooseRole(member: Member, chosen: Role, original: Member = member): void {
    setMessage('');
    changeRole.mutate(
      { userId: member.userId, version: member.version, role: chosen },
      {
        onSuccess: (saved) => {
          setRoleConflict(null);
          setMessage(`${saved.name} is now ${roleLabels[saved.role]}.`);
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, memberSchema);
          if (current) setRoleConflict({ original, current, chosen });
        },
      },
    );
  }

  function keepCurrentRole(conflict: RoleConflict): void {
    setRoleConflict(null);
    changeRole.reset();
    setMessage(`${conflict.current.name} stays ${roleLabels[conflict.current.role]}. You can choose another role in the table.`);
  }

  function handleRemove(): void {
    if (!toRemove) return;
    const name = toRemove.name;
    remove.mutate(toRemove.userId, {
      onSuccess: () => setMessage(`${name} no longer has access to ${organisationName}.`),
      onSettled: () => setToRemove(null),
    });
  }

  const columns: Array<DataColumn<Member, MemberSort>> = [
    { key: 'name', header: 'Name', sortField: 'name', isRowHeader: true, cell: (member) => `${member.name}${member.userId === session.user?.id ? ' (you)' : ''}` },
    { key: 'email', header: 'E-mail', sortField: 'email', className: 'break-all', cell: (member) => member.email },
    {
      key: 'role',
      header: 'Role',
      sortField: 'role',
      cell: (member) =>
        canManage && member.userId !== session.user?.id ? (
          <select
            className="input select"
            aria-label={`Change role for ${member.name}`}
            value={member.role}
            disabled={changeRole.isPending}
            onChange={(event) => chooseRole(member, event.target.value as Role)}
          >
            {roles.map((value) => (
              <option key={value} value={value}>
                {roleLabels[value]}
              </option>
            ))}
          </select>
        ) : (
          roleLabels[member.role]
        ),
    },
    { key: 'mfa', header: 'Two-step verification', cell: (member) => (member.hasMfa ? <Tag tone="success">On</Tag> : <Tag tone="warning">Off</Tag>) },
    { key: 'joinedAt', header: 'Joined', sortField: 'joinedAt', cell: (member) => formatDate(member.joinedAt, timeZone) },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      isHeaderHidden: true,
      cell: (member) =>
        member.userId !== session.user?.id ? (
          <Button variant="link" onClick={() => setToRemove(member)}>
            Remove {member.name}
          </Button>
        ) : null,
    });
  }

  const hasFilters = role !== undefined || q !== undefined;
  return (
    <>
      <PageHeader title="Members" intro={<p>Everyone who can sign in to {organisationName}, and what they may do.</p>} />
      <StatusMessage>{message || null}</StatusMessage>
      <FormAlert error={roleConflict && isEditConflict(changeRole.error) ? null : (changeRole.error ?? remove.error)} />
      {roleConflict ? (
        <EditConflictNotice
          subject={`${roleConflict.current.name}'s role`}
          headingLevel={2}
          conflictKey={roleConflict.current.version}
          rows={conflictRows(roleField, { original: { role: roleConflict.original.role }, mine: { role: roleConflict.chosen }, current: { role: roleConflict.current.role } })}
          isApplying={changeRole.isPending}
          onApply={() => chooseRole(roleConflict.current, roleConflict.chosen, roleConflict.original)}
          onDiscard={() => keepCurrentRole(roleConflict)}
        />
      ) : null}
      <DataTable
        caption={`Members of ${organisationName}`}
        noun={{ one: 'member', other: 'members' }}
        columns={columns}
        rowKey={(member) => member.userId}
        list={members}
        address={list}
        filters={<MemberFilters role={role ?? ''} q={q ?? ''} onChange={list.setFilters} />}
        hasFilters={hasFilters}
        loadingLabel="Loading members…"
        empty={{ title: 'No members yet', hint: 'Invite the people who look after information in your practice below.' }}
        emptyFiltered={{ title: 'No members match these filters', hint: 'Try another role or clear the search box.' }}
      />
      {members.data && !hasFilters && members.data.total.count <= 1 ? (
        <p className="muted">You are the only member so far. Invite the people who look after information in your practice below.</p>
      ) : null}
      {canInvite ? <InvitationsSection /> : null}
      {canManage ? <FormerMembersSection /> : null}
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
          {toRemove?.name} will no longer be able to sign in to {organisationName}. Their past changes stay in the audit trail. You can invite them
          again later.
        </p>
      </ConfirmDialog>
    </>
  );
}
