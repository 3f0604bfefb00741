import { sql } from 'kysely';
import type { DirectoryQuery } from '@custodian/shared/contracts/providers.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import { cappedCount, containsPattern, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';
import type { ProfileRow } from './provider.repo.ts';

/** The public directory: published, unsuspended providers only (also when a provider's own member asks). */

function listedQuery(trx: Tx) {
  return trx.selectFrom('provider_profiles').selectAll().where('is_published', '=', true).where('suspended_at', 'is', null);
}

const byName: KeysetSort<ProfileRow> = { keys: keyColumns('display_name', 'org_id'), keyOf: (row) => [row.display_name, row.org_id] };

/** One page of listed providers, filtered by kind, state served, service and remote delivery. */
export async function listDirectoryRows(trx: Tx, query: DirectoryQuery): Promise<ListReply<ProfileRow>> {
  let base = listedQuery(trx);
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.state) base = base.where(sql<boolean>`${query.state} = any(states)`);
  if (query.service) base = base.where(sql<boolean>`${query.service} = any(services)`);
  if (query.remote) base = base.where('is_remote', '=', query.remote === 'true');
  if (query.q) base = base.where('display_name', 'ilike', containsPattern(query.q));
  const total = await cappedCount(trx, base);
  return keysetPage(base, { sort: byName, sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
}

export async function findListedBySlug(trx: Tx, slug: string): Promise<ProfileRow | undefined> {
  return listedQuery(trx).where('slug', '=', slug).executeTakeFirst();
}

/** A listed provider's published reviews, newest first. */
export async function listPublishedReviews(trx: Tx, orgId: string, limit: number) {
  return trx
    .selectFrom('provider_reviews')
    .select(['id', 'rating', 'body', 'reviewer_label', 'created_at'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'published')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
