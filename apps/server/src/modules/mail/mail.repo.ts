import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { outboxListQuery } from '@custodian/shared/contracts/org.ts';
import type { z } from 'zod';
import { cappedCount, countedRows, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';

export async function insertOutbox(trx: Tx, row: { org_id: string; id: string; to_address: string; subject: string; body_text: string; created_at: Date; is_private: boolean }): Promise<void> {
  await trx.insertInto('outbox').values(row).execute();
}

function outboxQuery(trx: Tx, orgId: string) {
  return trx.selectFrom('outbox').selectAll().where('org_id', '=', orgId);
}

export type OutboxRow = Awaited<ReturnType<ReturnType<typeof outboxQuery>['executeTakeFirstOrThrow']>>;

/** One page of the organisation's outbox, newest first by default. */
export async function listOutboxRows(trx: Tx, orgId: string, query: z.output<typeof outboxListQuery>): Promise<ListReply<OutboxRow>> {
  let base = outboxQuery(trx, orgId);
  if (query.status) base = base.where('status', '=', query.status);
  const total = query.status ? await cappedCount(trx, base) : await countedRows(trx, orgId, 'outbox');
  const sort: KeysetSort<OutboxRow> = { keys: keyColumns('created_at', 'id'), keyOf: (r) => [new Date(r.created_at).toISOString(), r.id] };
  return keysetPage(base, { sort, sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
}

export interface PendingMail {
  org_id: string;
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  attempts: number;
}

/**
 * The mail worker's cross-organisation read: it runs as custodian_worker, whose only policy is on the
 * outbox. Claims a batch with SKIP LOCKED so several servers never send one message twice.
 */
export async function withPendingMail(db: Kysely<DB>, limit: number, fn: (trx: Tx, rows: PendingMail[]) => Promise<void>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`set local role custodian_worker`.execute(trx);
    const rows = await trx
      .selectFrom('outbox')
      .select(['org_id', 'id', 'to_address', 'subject', 'body_text', 'attempts'])
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    await fn(trx, rows);
    return rows.length;
  });
}

export async function markMail(trx: Tx, mail: PendingMail, update: { status: 'sent' | 'logged' | 'failed' | 'pending'; error?: string; at: Date }): Promise<void> {
  await trx
    .updateTable('outbox')
    .set({
      status: update.status,
      attempts: mail.attempts + 1,
      last_error: update.error ?? null,
      sent_at: update.status === 'sent' || update.status === 'logged' ? update.at : null,
    })
    .where('org_id', '=', mail.org_id)
    .where('id', '=', mail.id)
    .execute();
}

/**
 * De-identifies a person in the organisation's outbox: mail to them keeps its subject but loses its
 * text and address (mail still waiting is not sent); their name and address elsewhere become the
 * pseudonym. Returns how many messages changed.
 */
export async function deidentifyOutbox(trx: Tx, orgId: string, person: { name: string; email: string }, pseudonym: string, removedText: string): Promise<number> {
  const toThem = await trx
    .updateTable('outbox')
    .set({
      to_address: pseudonym,
      body_text: removedText,
      status: sql<string>`case when status = 'pending' then 'failed' else status end`,
      last_error: sql<string | null>`case when status = 'pending' then 'not sent: the recipient was de-identified' else last_error end`,
    })
    .where('org_id', '=', orgId)
    .where(sql<boolean>`lower(to_address) = lower(${person.email})`)
    .executeTakeFirst();
  // The name as a whole word (so "Sam" leaves "Sample" alone), the address as it is.
  const namePattern = `\\m${person.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\M`;
  const mentions = await sql`
    update outbox set subject = regexp_replace(replace(subject, ${person.email}, ${pseudonym}), ${namePattern}, ${pseudonym}, 'g'),
      body_text = regexp_replace(replace(body_text, ${person.email}, ${pseudonym}), ${namePattern}, ${pseudonym}, 'g')
    where org_id = ${orgId}::uuid and (strpos(subject || ' ' || body_text, ${person.email}) > 0 or subject ~ ${namePattern} or body_text ~ ${namePattern})`.execute(trx);
  return Number(toThem.numUpdatedRows) + Number(mentions.numAffectedRows ?? 0);
}

/** An organisation's name and time zone, read in its own scope by a reminder run (none: it is gone). */
export async function findOrgForReminders(tx: Tx, orgId: string): Promise<{ name: string; time_zone: string } | undefined> {
  return tx.selectFrom('orgs').select(['name', 'time_zone']).where('org_id', '=', orgId).executeTakeFirst();
}
