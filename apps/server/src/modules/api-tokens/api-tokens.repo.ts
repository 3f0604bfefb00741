import { sql } from 'kysely';
import type { ApiTokenListQuery, ApiTokenStatus } from '@custodian/shared/contracts/api-tokens.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import { cappedCount, countedRows, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';

/** API tokens of an organisation (the secret's SHA-256 only). The lookup by hash is custodian_resolve_token (db/scope.ts). */

export interface ApiTokenRow {
  id: string;
  user_id: string;
  user_name: string;
  name: string;
  scopes: string;
  hint: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  /** Null when the person is no longer a member (of the membership the token was made in). */
  member_since: Date | null;
}

export async function insertApiToken(
  trx: Tx,
  row: { org_id: string; id: string; user_id: string; name: string; scopes: string; token_hash: string; hint: string; created_at: Date; expires_at: Date },
): Promise<void> {
  await trx.insertInto('api_tokens').values(row).execute();
}

function tokenQuery(trx: Tx, orgId: string) {
  return trx
    .selectFrom('api_tokens')
    // A person who left the organisation is no longer readable here (row-level security on users): their
    // tokens stay listed under the name the organisation keeps for them (former_members: their name, or
    // "Former member N" once de-identified).
    .leftJoin('users', 'users.id', 'api_tokens.user_id')
    .leftJoin('former_members', (join) => join.onRef('former_members.org_id', '=', 'api_tokens.org_id').onRef('former_members.user_id', '=', 'api_tokens.user_id'))
    .leftJoin('memberships', (join) =>
      join.onRef('memberships.org_id', '=', 'api_tokens.org_id').onRef('memberships.user_id', '=', 'api_tokens.user_id').onRef('memberships.created_at', '<=', 'api_tokens.created_at'),
    )
    .select([
      'api_tokens.id',
      'api_tokens.user_id',
      sql<string>`coalesce(users.name, former_members.name, 'A former member')`.as('user_name'),
      'api_tokens.name',
      'api_tokens.scopes',
      'api_tokens.hint',
      'api_tokens.created_at',
      'api_tokens.expires_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
      'memberships.created_at as member_since',
    ])
    .where('api_tokens.org_id', '=', orgId);
}

const byCreated: KeysetSort<ApiTokenRow> = { keys: keyColumns('api_tokens.created_at', 'api_tokens.id'), keyOf: (row) => [new Date(row.created_at).toISOString(), row.id] };

/** One page of the organisation's tokens, newest first by default; only one person's when userId is given. */
export async function listApiTokens(trx: Tx, orgId: string, options: { userId: string | null; now: Date }, query: ApiTokenListQuery): Promise<ListReply<ApiTokenRow>> {
  let base = tokenQuery(trx, orgId);
  if (options.userId) base = base.where('api_tokens.user_id', '=', options.userId);
  if (query.status) base = whereStatus(base, query.status, options.now);
  const total = options.userId || query.status ? await cappedCount(trx, base) : await countedRows(trx, orgId, 'api_tokens');
  return keysetPage(base, { sort: byCreated, sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
}

function whereStatus(base: ReturnType<typeof tokenQuery>, status: ApiTokenStatus, now: Date) {
  if (status === 'revoked') return base.where('api_tokens.revoked_at', 'is not', null);
  const unrevoked = base.where('api_tokens.revoked_at', 'is', null);
  if (status === 'expired') return unrevoked.where('api_tokens.expires_at', '<=', now);
  const current = unrevoked.where('api_tokens.expires_at', '>', now);
  return status === 'active' ? current.where('memberships.user_id', 'is not', null) : current.where('memberships.user_id', 'is', null);
}

export async function findApiToken(trx: Tx, orgId: string, id: string): Promise<ApiTokenRow | undefined> {
  return tokenQuery(trx, orgId).where('api_tokens.id', '=', id).executeTakeFirst();
}

/**
 * Revokes a token: succeeds for one request only (of two at once, the second finds it revoked). Waits
 * for write requests that hold the token (custodian_resolve_token share-locks it) to finish.
 */
export async function revokeApiTokenRow(trx: Tx, orgId: string, id: string, now: Date, byUserId: string): Promise<boolean> {
  const row = await trx
    .updateTable('api_tokens')
    .set({ revoked_at: now, revoked_by: byUserId })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
