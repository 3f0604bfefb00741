import { sql } from 'kysely';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { PeopleCoverageQuery } from '@custodian/shared/contracts/documents.ts';
import { cappedCount, keyColumns, keysetPage } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';

export interface AssignmentRow {
  id: string;
  role: string | null;
  user_id: string | null;
  user_name: string | null;
}

export async function listAssignmentRows(tx: Tx, orgId: string, documentId: string): Promise<AssignmentRow[]> {
  return tx
    .selectFrom('document_assignments as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.role', 'a.user_id', 'u.name as user_name'])
    .where('a.org_id', '=', orgId)
    .where('a.document_id', '=', documentId)
    .orderBy('a.role')
    .orderBy('u.name')
    .execute();
}

/** Adds an assignment; false when the same role or person is already assigned (two at once add one). */
export async function insertAssignmentRow(tx: Tx, row: { org_id: string; id: string; document_id: string; role: string | null; user_id: string | null; created_at: Date; created_by: string }): Promise<boolean> {
  const inserted = await tx
    .insertInto('document_assignments')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function deleteAssignmentRow(tx: Tx, orgId: string, documentId: string, id: string): Promise<AssignmentRow | undefined> {
  const row = await tx
    .deleteFrom('document_assignments')
    .where('org_id', '=', orgId)
    .where('document_id', '=', documentId)
    .where('id', '=', id)
    .returning(['id', 'role', 'user_id'])
    .executeTakeFirst();
  return row ? { ...row, user_name: null } : undefined;
}

/** Records an acknowledgement of a major version; false when this person had already acknowledged it (a double click, two tabs). */
export async function insertAcknowledgementRow(tx: Tx, row: { org_id: string; document_id: string; user_id: string; major: number; number: number; acknowledged_at: Date }): Promise<boolean> {
  const inserted = await tx
    .insertInto('document_acknowledgements')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'document_id', 'major', 'user_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export interface MyPolicyRow {
  document_id: string;
  name: string;
  number: number;
  major: number;
  minor: number;
  html: string;
  approved_at: Date | string;
  acknowledged_at: Date | string | null;
}

/**
 * The approved documents assigned to this person (by their role or by name), each with its current
 * version's text and when they acknowledged its major version. Index paths: assignments by role and by
 * user, the version's primary key, the acknowledgement's primary key.
 */
export async function listMyPolicyRows(tx: Tx, orgId: string, who: { userId: string; role: string }): Promise<MyPolicyRow[]> {
  const result = await sql<MyPolicyRow>`
    select d.id as document_id, v.name, v.number, v.major, v.minor, v.html, v.approved_at, k.acknowledged_at
    from documents d
    join document_versions v on v.org_id = d.org_id and v.document_id = d.id and v.number = d.approved_number
    left join document_acknowledgements k on k.org_id = d.org_id and k.document_id = d.id and k.major = d.approved_major and k.user_id = ${who.userId}
    where d.org_id = ${orgId} and d.approved_number is not null
      and d.id in (
        select a.document_id from document_assignments a where a.org_id = ${orgId} and a.role = ${who.role}
        union
        select a.document_id from document_assignments a where a.org_id = ${orgId} and a.user_id = ${who.userId}
      )
    order by k.acknowledged_at is not null, v.name, d.id`.execute(tx);
  return result.rows;
}

/** Whether this person is asked to acknowledge the document (by role or by name). */
export async function isAssignedTo(tx: Tx, orgId: string, documentId: string, who: { userId: string; role: string }): Promise<boolean> {
  const row = await tx
    .selectFrom('document_assignments')
    .select('id')
    .where('org_id', '=', orgId)
    .where('document_id', '=', documentId)
    .where((eb) => eb.or([eb('role', '=', who.role), eb('user_id', '=', who.userId)]))
    .executeTakeFirst();
  return row !== undefined;
}

export interface PolicyCoverageRow {
  id: string;
  name: string;
  approved_number: number | null;
  major: number | null;
  minor: number | null;
  required: number | string;
  acknowledged: number | string;
}

/**
 * Per document: how many current members are asked to acknowledge it (by role or by name, each person
 * once) and how many of them acknowledged its current major version. Members are counted per role once
 * (one scan of the organisation's memberships); people assigned by name are added unless their role is
 * assigned too; acknowledgements are counted through their key and the assignment indexes.
 */
export async function policyCoverageRows(tx: Tx, orgId: string): Promise<PolicyCoverageRow[]> {
  const result = await sql<PolicyCoverageRow>`
    with role_counts as (select role, count(*) as n from memberships where org_id = ${orgId} group by role)
    select d.id, d.name, d.approved_number, v.major, v.minor,
      coalesce((select sum(rc.n) from document_assignments a join role_counts rc on rc.role = a.role
                where a.org_id = d.org_id and a.document_id = d.id and a.role is not null), 0)
      + (select count(*) from document_assignments a
           join memberships m on m.org_id = a.org_id and m.user_id = a.user_id
           where a.org_id = d.org_id and a.document_id = d.id and a.user_id is not null
             and not exists (select 1 from document_assignments r where r.org_id = d.org_id and r.role = m.role and r.document_id = d.id)) as required,
      (select count(*) from document_acknowledgements k
         join memberships m on m.org_id = k.org_id and m.user_id = k.user_id
         where k.org_id = d.org_id and k.document_id = d.id and k.major = d.approved_major
           and (exists (select 1 from document_assignments r where r.org_id = d.org_id and r.role = m.role and r.document_id = d.id)
             or exists (select 1 from document_assignments u where u.org_id = d.org_id and u.user_id = m.user_id and u.document_id = d.id))) as acknowledged
    from documents d
    left join document_versions v on v.org_id = d.org_id and v.document_id = d.id and v.number = d.approved_number
    where d.org_id = ${orgId}
    order by d.name, d.id`.execute(tx);
  return result.rows;
}

const requiredCount = (documentId: string | undefined) => sql<number>`(
  select count(*) from documents d
  where d.org_id = memberships.org_id and d.approved_number is not null ${documentId ? sql`and d.id = ${documentId}` : sql``}
    and exists (select 1 from document_assignments a where a.org_id = d.org_id and a.document_id = d.id and (a.role = memberships.role or a.user_id = memberships.user_id)))`;
const acknowledgedCount = (documentId: string | undefined) => sql<number>`(
  select count(*) from documents d
  join document_acknowledgements k on k.org_id = d.org_id and k.document_id = d.id and k.major = d.approved_major and k.user_id = memberships.user_id
  where d.org_id = memberships.org_id and d.approved_number is not null ${documentId ? sql`and d.id = ${documentId}` : sql``}
    and exists (select 1 from document_assignments a where a.org_id = d.org_id and a.document_id = d.id and (a.role = memberships.role or a.user_id = memberships.user_id)))`;

/** One page of members with how many approved documents each is asked to acknowledge and has acknowledged. */
export async function peopleCoverageRows(tx: Tx, orgId: string, query: PeopleCoverageQuery) {
  let base = tx
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.user_id', 'users.name', 'users.email', 'memberships.role', requiredCount(query.documentId).as('required'), acknowledgedCount(query.documentId).as('acknowledged')])
    .where('memberships.org_id', '=', orgId);
  if (query.documentId) base = base.where(sql<boolean>`${requiredCount(query.documentId)} > 0`);
  if (query.outstanding === 'true') base = base.where(sql<boolean>`${requiredCount(query.documentId)} > ${acknowledgedCount(query.documentId)}`);
  if (query.outstanding === 'false') base = base.where(sql<boolean>`${requiredCount(query.documentId)} = ${acknowledgedCount(query.documentId)}`);
  const total = await cappedCount(tx, base);
  type Row = { user_id: string; name: string; email: string; role: string; required: number | string; acknowledged: number | string };
  const page: ListReply<Row> = await keysetPage(base, {
    sort: { keys: keyColumns('users.name', 'memberships.user_id'), keyOf: (row: Row) => [row.name, row.user_id] },
    sortTag: `name:${query.order}`,
    order: query.order,
    limit: query.limit,
    cursor: query.cursor,
    total,
  });
  return page;
}

/** Outstanding acknowledgements of the organisation: one row per person and approved document they have not acknowledged. */
export async function outstandingAcknowledgementRows(tx: Tx, orgId: string) {
  const result = await sql<{ document_id: string; name: string; major: number; user_id: string; user_name: string; email: string; approved_at: Date | string }>`
    with required as (
      select a.document_id, m.user_id from document_assignments a join memberships m on m.org_id = a.org_id and m.role = a.role where a.org_id = ${orgId} and a.role is not null
      union
      select a.document_id, m.user_id from document_assignments a join memberships m on m.org_id = a.org_id and m.user_id = a.user_id where a.org_id = ${orgId} and a.user_id is not null
    )
    select d.id as document_id, d.name, d.approved_major as major, r.user_id, u.name as user_name, u.email, v.approved_at
    from required r
    join documents d on d.org_id = ${orgId} and d.id = r.document_id and d.approved_number is not null
    join document_versions v on v.org_id = d.org_id and v.document_id = d.id and v.number = d.approved_number
    join users u on u.id = r.user_id
    where not exists (select 1 from document_acknowledgements k where k.org_id = d.org_id and k.document_id = d.id and k.major = d.approved_major and k.user_id = r.user_id)
    order by d.name, u.name`.execute(tx);
  return result.rows;
}
