import { useState } from 'react';
import type { FormerMember } from '@custodian/shared/contracts/org.ts';
import { roleLabels } from '@custodian/shared/permissions.ts';
import { useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { formatDate } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { useFormerMembers, useMemberMutations } from './members-api.ts';

const formerSorts = ['leftAt'] as const;
type FormerSort = (typeof formerSorts)[number];

const howTheyLeft: Record<FormerMember['reason'], string> = {
  removed: 'Removed by an owner',
  account_deleted: 'Deleted their account',
};

/**
 * People who have left the organisation, for owners: each can be de-identified, so their name and
 * e-mail address become "Former member N" in the organisation's records while what they did stays.
 */
export function FormerMembersSection() {
  const session = useSignedInSession();
  const list = useListAddress<FormerSort>({ prefix: 'fm', sorts: formerSorts, defaultSort: 'leftAt', defaultOrder: 'desc' });
  const former = useFormerMembers({ sort: list.sort, order: list.order, cursor: list.cursor });
  const { deidentify } = useMemberMutations();
  const [chosen, setChosen] = useState<FormerMember | null>(null);
  const [message, setMessage] = useState('');
  const timeZone = session.organisation?.timeZone;
  const organisationName = session.organisation?.name ?? 'this organisation';

  function handleDeidentify(): void {
    if (!chosen) return;
    const name = chosen.name;
    setMessage('');
    deidentify.mutate(chosen.userId, {
      onSuccess: (done) => setMessage(`${name} is now shown as “${done.name}” everywhere in ${organisationName}.`),
      onSettled: () => setChosen(null),
    });
  }

  const columns: Array<DataColumn<FormerMember, FormerSort>> = [
    { key: 'name', header: 'Name', isRowHeader: true, cell: (item) => item.name },
    { key: 'email', header: 'E-mail', className: 'break-all', cell: (item) => item.email ?? <span className="muted">Removed</span> },
    { key: 'role', header: 'Role when they left', cell: (item) => roleLabels[item.role] },
    { key: 'leftAt', header: 'Left', sortField: 'leftAt', cell: (item) => formatDate(item.leftAt, timeZone) },
    { key: 'reason', header: 'How they left', cell: (item) => howTheyLeft[item.reason] },
    {
      key: 'actions',
      header: 'Actions',
      isHeaderHidden: true,
      cell: (item) =>
        item.isDeidentified ? (
          <Tag tone="neutral">De-identified</Tag>
        ) : (
          <Button variant="link" onClick={() => setChosen(item)}>
            De-identify {item.name}
          </Button>
        ),
    },
  ];

  return (
    <section className="panel" aria-labelledby="former-heading">
      <h2 id="former-heading">People who have left</h2>
      <p>
        The Privacy Act asks you not to keep personal information you no longer need. De-identifying someone who has left replaces their name and
        e-mail address with a pseudonym such as “Former member 3” everywhere in {organisationName}: the audit trail, invitations and e-mail records.
        What they did, and when, stays in the audit trail, which still checks as intact.
      </p>
      <StatusMessage>{message || null}</StatusMessage>
      <FormAlert error={deidentify.error} />
      <DataTable
        caption={`People who have left ${organisationName}`}
        noun={{ one: 'former member', other: 'former members' }}
        columns={columns}
        rowKey={(item) => item.userId}
        list={former}
        address={list}
        headingLevel={3}
        loadingLabel="Loading people who have left…"
        empty={{ title: 'Nobody has left yet', hint: 'People you remove, or who delete their account, are listed here.' }}
      />
      <ConfirmDialog
        isOpen={chosen !== null}
        title={`De-identify ${chosen?.name ?? ''}?`}
        confirmLabel="De-identify"
        isDanger
        isBusy={deidentify.isPending}
        onConfirm={handleDeidentify}
        onCancel={() => setChosen(null)}
      >
        <p>
          {chosen?.name}’s name and e-mail address will be replaced with a pseudonym in {organisationName}’s records. This cannot be undone. Their
          other organisations are not changed.
        </p>
      </ConfirmDialog>
    </section>
  );
}
