import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { describeScopes } from '@custodian/shared/api-scopes.ts';
import { apiTokensApi, type ApiToken, type ApiTokenStatus } from '@custodian/shared/contracts/api-tokens.ts';
import { call } from '../../api/client.ts';
import { useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { NewTokenForm } from './new-token-form.tsx';
import { NewTokenSecret } from './new-token-secret.tsx';

const tokensKey = 'api-tokens';

const statusTags: Record<ApiTokenStatus, { tone: 'success' | 'neutral' | 'danger' | 'warning'; text: string }> = {
  active: { tone: 'success', text: 'Active' },
  expired: { tone: 'neutral', text: 'Expired' },
  revoked: { tone: 'danger', text: 'Revoked' },
  member_left: { tone: 'warning', text: 'Stopped: its owner left' },
};

function columns(timeZone: string | undefined, isOwner: boolean, onRevoke: (token: ApiToken) => void): Array<DataColumn<ApiToken>> {
  return [
    { key: 'name', header: 'Name', isRowHeader: true, cell: (token) => <>{token.name} <span className="field-hint">({token.hint})</span></> },
    { key: 'scopes', header: 'What it may do', cell: (token) => describeScopes(token.scopes).join('; ') },
    ...(isOwner ? [{ key: 'createdBy', header: 'Made by', cell: (token: ApiToken) => token.createdBy.name }] : []),
    { key: 'createdAt', header: 'Created', className: 'nowrap', cell: (token) => formatDate(token.createdAt, timeZone) },
    { key: 'expiresAt', header: 'Expires', className: 'nowrap', cell: (token) => formatDate(token.expiresAt, timeZone) },
    { key: 'lastUsedAt', header: 'Last used', className: 'nowrap', cell: (token) => (token.lastUsedAt ? formatDateTime(token.lastUsedAt, timeZone) : 'Never') },
    { key: 'status', header: 'Status', cell: (token) => <Tag tone={statusTags[token.status].tone}>{token.status === 'revoked' && token.revokedAt ? `Revoked ${formatDate(token.revokedAt, timeZone)}` : statusTags[token.status].text}</Tag> },
    {
      key: 'actions',
      header: 'Actions',
      isHeaderHidden: true,
      cell: (token) =>
        token.status === 'revoked' ? null : (
          <Button variant="secondary" onClick={() => onRevoke(token)}>
            Revoke<span className="sr-only"> {token.name}</span>
          </Button>
        ),
    },
  ];
}

/** Personal API tokens for the organisation the person works in: create (the secret shown once), list, revoke. */
export function ApiTokensPage() {
  const session = useSignedInSession();
  const queryClient = useQueryClient();
  const timeZone = session.organisation?.timeZone;
  const isOwner = session.organisation?.role === 'owner';
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [confirming, setConfirming] = useState<ApiToken | null>(null);
  const [message, setMessage] = useState('');
  const query = { cursor, limit: 50 };
  const tokens = useQuery({ queryKey: [tokensKey, query], queryFn: () => call(apiTokensApi.list, { query }), placeholderData: keepPreviousData });
  const refresh = () => queryClient.invalidateQueries({ queryKey: [tokensKey] });
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => call(apiTokensApi.revoke, { params: { tokenId: token.id } }),
    onSuccess: async (_reply, token) => {
      setConfirming(null);
      setMessage(`Revoked “${token.name}”. Programs using it are refused from now on.`);
      await refresh();
    },
  });

  if (!session.organisation) return null;
  return (
    <>
      <PageHeader
        title="API tokens"
        intro={
          <p>
            A token lets a program or script work with {session.organisation.name}’s information in Custodian as you, for example to list the gap analysis every night. Each token can
            do only what you choose below, never more than your role allows, and stops working when it expires, when you revoke it, or if you leave the organisation.
            {isOwner ? ' As an owner you see, and can revoke, every member’s tokens.' : ''}
          </p>
        }
      />
      <StatusMessage>{message || null}</StatusMessage>
      {created ? (
        <NewTokenSecret name={created.name} secret={created.secret} onDone={() => setCreated(null)} />
      ) : (
        <NewTokenForm
          timeZone={timeZone}
          onCreated={(next) => {
            setMessage('');
            setCreated(next);
            void refresh();
          }}
        />
      )}
      <section className="panel" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{isOwner ? 'Tokens of this organisation' : 'Your tokens'}</h2>
        <FormAlert error={revoke.error} />
        <DataTable
          caption={isOwner ? 'API tokens of the organisation, newest first' : 'Your API tokens, newest first'}
          noun={{ one: 'token', other: 'tokens' }}
          columns={columns(timeZone, isOwner, (token) => {
            revoke.reset();
            setConfirming(token);
          })}
          rowKey={(token) => token.id}
          list={tokens}
          onPageChange={(next) => setCursor(next ?? undefined)}
          hasCursor={cursor !== undefined}
          loadingLabel="Loading tokens…"
          empty={{ title: 'No tokens yet', hint: 'Create one above when a program needs to reach Custodian.' }}
          headingLevel={3}
        />
      </section>
      <ConfirmDialog
        isOpen={confirming !== null}
        title={`Revoke “${confirming?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        isDanger
        isBusy={revoke.isPending}
        onConfirm={() => confirming && revoke.mutate(confirming)}
        onCancel={() => setConfirming(null)}
      >
        <p>Anything using this token is refused from the moment you revoke it. This cannot be undone; you can create a new token instead.</p>
      </ConfirmDialog>
    </>
  );
}
