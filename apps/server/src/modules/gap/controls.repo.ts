import { sql } from 'kysely';
import { listedRisksPerControl } from '@custodian/shared/contracts/controls.ts';
import type { Tx } from '../../db/with-org.ts';

/** A control the organisation defined itself (its register entry is the gap entry "org:<id>"). */
export interface OrgControlRow {
  id: string;
  ref: string;
  title: string;
  description: string;
  version: number;
}

export async function listOrgControlRows(tx: Tx, orgId: string): Promise<OrgControlRow[]> {
  return tx.selectFrom('org_controls').select(['id', 'ref', 'title', 'description', 'version']).where('org_id', '=', orgId).orderBy('ref').execute();
}

export async function findOrgControlRow(tx: Tx, orgId: string, id: string): Promise<OrgControlRow | undefined> {
  return tx.selectFrom('org_controls').select(['id', 'ref', 'title', 'description', 'version']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** The highest n of the refs "C-n" given so far (0 when none): read under the organisation's lock. */
export async function highestOrgControlNumber(tx: Tx, orgId: string): Promise<number> {
  const row = await tx
    .selectFrom('org_controls')
    .select(sql<number>`coalesce(max(substring(ref from 3)::integer), 0)`.as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertOrgControlRow(tx: Tx, row: { orgId: string; id: string; ref: string; title: string; description: string; at: Date; by: string }): Promise<void> {
  await tx
    .insertInto('org_controls')
    .values({ org_id: row.orgId, id: row.id, ref: row.ref, title: row.title, description: row.description, created_at: row.at, created_by: row.by, updated_at: row.at, updated_by: row.by })
    .execute();
}

/** Renames or re-describes the control; the register entry's version guards the edit, so this row only follows. */
export async function updateOrgControlRow(tx: Tx, key: { orgId: string; id: string }, values: { title: string; description: string }, meta: { at: Date; by: string }): Promise<void> {
  await tx
    .updateTable('org_controls')
    .set((eb) => ({ ...values, updated_at: meta.at, updated_by: meta.by, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .execute();
}

/** Deletes the control and its register entry; false when it was not there. */
export async function deleteOrgControlRow(tx: Tx, orgId: string, id: string): Promise<boolean> {
  await tx.deleteFrom('gap_entries').where('org_id', '=', orgId).where('item_id', '=', `org:${id}`).execute();
  const deleted = await tx.deleteFrom('org_controls').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return deleted.numDeletedRows > 0n;
}

export interface RiskLinkRow {
  control_id: string;
  id: string;
  ref: string;
  title: string;
  /** How many open risks the control treats in all (the rows stop at the first ten by ref). */
  total: number;
}

/** The ranked links of one control or of all, as one statement (and so one snapshot) with the register's generation. */
async function queryRiskLinks(tx: Tx, orgId: string, controlId: string | undefined): Promise<{ generation: string; rows: RiskLinkRow[] }> {
  const forOne = controlId === undefined ? sql`` : sql`and t.control_ids @> array[${controlId}]::text[]`;
  const result = await sql<RiskLinkRow & { generation: string }>`
    with generation as (select coalesce((select risks from register_generations where org_id = ${orgId}), 0)::text as generation)
    select generation.generation, ranked.control_id, ranked.id, ranked.ref, ranked.title, ranked.total::int as total
    from generation left join (
      select l.control_id, r.id, r.ref, r.title,
             count(*) over (partition by l.control_id) as total,
             row_number() over (partition by l.control_id order by r.ref) as n
      from (
        select distinct c.control_id, t.risk_id
        from risk_tasks t cross join lateral unnest(t.control_ids) as c(control_id)
        where t.org_id = ${orgId} and cardinality(t.control_ids) > 0 ${forOne}
      ) l
      join risks r on r.org_id = ${orgId} and r.id = l.risk_id and r.status <> 'closed'
    ) ranked on ranked.n <= ${listedRisksPerControl}
    order by ranked.control_id, ranked.ref`.execute(tx);
  const generation = result.rows[0]?.generation ?? '0';
  const rows = result.rows.filter((row) => row.control_id !== null).map(({ control_id, id, ref, title, total }) => ({ control_id, id, ref, title, total }));
  return { generation, rows: controlId === undefined ? rows : rows.filter((row) => row.control_id === controlId) };
}

/** Each organisation's links as last read, with the generation they were read at (bounded: the oldest read goes first). */
const remembered = new Map<string, { generation: string; rows: RiskLinkRow[] }>();
const rememberedLimit = 500;

async function currentGeneration(tx: Tx, orgId: string): Promise<string> {
  const row = await tx.selectFrom('register_generations').select(sql<string>`risks::text`.as('risks')).where('org_id', '=', orgId).executeTakeFirst();
  return row?.risks ?? '0';
}

/**
 * The open risks (not closed) whose treatment tasks name a control, for every control or for one: the
 * first ten of each control by ref, each row with the control's total. The answer for every control is
 * remembered per organisation once the transaction that read it has committed (never from one that
 * rolls back), and used while the register's generation (moved by triggers on risks and treatment
 * tasks, ADR 0027) is the one it was read at.
 */
export async function listRiskLinkRows(tx: Tx, orgId: string, controlId?: string, afterCommit?: (work: () => void) => void): Promise<RiskLinkRow[]> {
  const known = remembered.get(orgId);
  if (known && known.generation === (await currentGeneration(tx, orgId))) {
    return controlId === undefined ? known.rows : known.rows.filter((row) => row.control_id === controlId);
  }
  const read = await queryRiskLinks(tx, orgId, controlId);
  if (controlId === undefined && afterCommit) {
    afterCommit(() => {
      remembered.delete(orgId);
      if (remembered.size >= rememberedLimit) remembered.delete(remembered.keys().next().value ?? '');
      remembered.set(orgId, read);
    });
  }
  return read.rows;
}

/**
 * Adds reasons to a control's register entry (creating the entry, not started, when it has none),
 * keeping the vocabulary's order; the version moves on, so an editor holding the old one is told.
 */
export async function addReasonsRow(tx: Tx, key: { orgId: string; itemId: string }, reasons: readonly string[], order: readonly string[], meta: { at: Date; by: string }): Promise<void> {
  await sql`
    insert into gap_entries (org_id, item_id, status, reasons, updated_at, updated_by, version)
    values (${key.orgId}, ${key.itemId}, 'not_started', array(select r from unnest(${order}::text[]) with ordinality as o(r, n) where r = any(${reasons}::text[]) order by n), ${meta.at}, ${meta.by}, 1)
    on conflict (org_id, item_id) do update set
      reasons = array(select r from unnest(${order}::text[]) with ordinality as o(r, n) where r = any(gap_entries.reasons || excluded.reasons) order by n),
      updated_at = excluded.updated_at,
      updated_by = excluded.updated_by,
      version = gap_entries.version + 1`.execute(tx);
}
