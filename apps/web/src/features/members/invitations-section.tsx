import { useState, type FormEvent, type ReactNode } from 'react';
import { invitationStatuses, type Invitation } from '@custodian/shared/contracts/org.ts';
import { roleLabels, roles, type Role } from '@custodian/shared/permissions.ts';
import { sessionCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { sentMessage } from './invitation-sent-message.tsx';
import { useInvitations, useMemberMutations } from './members-api.ts';

const labels = { email: 'E-mail', role: 'Role' };
const invitationSorts = ['createdAt', 'email'] as const;
type InvitationSort = (typeof invitationSorts)[number];
type InvitationStatus = Invitation['status'];

export const roleHelp: Record<Role, string> = {
  owner: 'everything, including settings, members and the audit trail',
  isms_manager: 'runs the ISMS day to day and invites people',
  contributor: 'updates the gap analysis and records',
  staff: 'reads policies and the catalogue',
  auditor: 'reads everything, changes nothing',
};

const statusText: Record<InvitationStatus, { label: string; tone: 'neutral' | 'success' | 'warning' }> = {
  pending: { label: 'Waiting for a reply', tone: 'neutral' },
  accepted: { label: 'Accepted', tone: 'success' },
  revoked: { label: 'Revoked', tone: 'warning' },
  expired: { label: 'Expired', tone: 'warning' },
};

const statusOptions = [
  { value: '', label: 'Waiting for a reply' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'revoked', label: 'Revoked' },
  { value: 'expired', label: 'Expired' },
  { value: 'all', label: 'All invitations' },
];

/** The status filter in the address: none means pending, "all" means every status. */
function readStatus(value: string | null): InvitationStatus | undefined {
  if (value === 'all') return undefined;
  return invitationStatuses.find((status) => status === value) ?? 'pending';
}

/** Invite people by e-mail and see the invitations sent, with pending ones that can be withdrawn. */
export function InvitationsSection() {
  const session = useSignedInSession();
  const list = useListAddress<InvitationSort>({ prefix: 'inv', sorts: invitationSorts, defaultSort: 'createdAt', defaultOrder: 'desc' });
  const status = readStatus(list.searchParams.get('invStatus'));
  const statusValue = status === undefined ? 'all' : status === 'pending' ? '' : status;
  const invitations = useInvitations({ status, sort: list.sort, order: list.order, cursor: list.cursor });
  const { invite, revoke } = useMemberMutations();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('contributor');
  const [message, setMessage] = useState<ReactNode>(null);
  const errors = fieldErrorsOf(invite.error, labels);
  const timeZone = session.organisation?.timeZone;

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setMessage(null);
    invite.mutate(
      { email, role },
      {
        onSuccess: (sent) => {
          setMessage(sentMessage(sent, sessionCan(session, 'outbox.read')));
          setEmail('');
        },
      },
    );
  }

  const columns: Array<DataColumn<Invitation, InvitationSort>> = [
    { key: 'email', header: 'E-mail', sortField: 'email', isRowHeader: true, className: 'break-all', cell: (item) => item.email },
    { key: 'role', header: 'Role', cell: (item) => roleLabels[item.role] },
    { key: 'createdAt', header: 'Sent', sortField: 'createdAt', cell: (item) => formatDate(item.createdAt, timeZone) },
    { key: 'expiresAt', header: 'Expires', cell: (item) => formatDate(item.expiresAt, timeZone) },
    { key: 'status', header: 'Status', cell: (item) => <Tag tone={statusText[item.status].tone}>{statusText[item.status].label}</Tag> },
    {
      key: 'actions',
      header: 'Actions',
      isHeaderHidden: true,
      cell: (item) =>
        item.status === 'pending' ? (
          <Button variant="link" disabled={revoke.isPending} onClick={() => revoke.mutate(item.id)}>
            Revoke invitation for {item.email}
          </Button>
        ) : null,
    },
  ];

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
      <StatusMessage>{message ?? (revoke.isSuccess ? 'Invitation revoked.' : null)}</StatusMessage>
      <FormAlert error={revoke.error} />
      <h3>Invitations</h3>
      <DataTable
        caption="Invitations"
        noun={{ one: 'invitation', other: 'invitations' }}
        columns={columns}
        rowKey={(item) => item.id}
        list={invitations}
        address={list}
        headingLevel={3}
        filters={
          <div className="filters filter-row">
            <SelectField label="Show invitations" value={statusValue} options={statusOptions} onChange={(event) => list.setFilters({ invStatus: event.target.value })} />
          </div>
        }
        hasFilters={status !== 'pending'}
        loadingLabel="Loading invitations…"
        empty={{ title: 'No invitations are waiting', hint: 'Invite your practice manager, clinicians or your IT provider above.' }}
        emptyFiltered={{ title: 'No invitations with this status', hint: 'Choose "All invitations" to see every invitation sent.' }}
      />
    </section>
  );
}
