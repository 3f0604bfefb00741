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

/**
 * Locks the control's row: shared while evidence is linked to it, exclusive while it is deleted, so a
 * link and a deletion take turns and a deletion counts the links made before it.
 */
export async function lockOrgControlRow(tx: Tx, orgId: string, id: string, mode: 'share' | 'update'): Promise<OrgControlRow | undefined> {
  const query = tx.selectFrom('org_controls').select(['id', 'ref', 'title', 'description', 'version']).where('org_id', '=', orgId).where('id', '=', id);
  return (mode === 'share' ? query.forShare() : query.forUpdate()).executeTakeFirst();
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

/** What the register links to each control: the risks it treats (first ten each, with totals) and how much evidence it has. */
export interface ControlLinks {
  risks: RiskLinkRow[];
  /** Evidence items linked to each control (controls without evidence are absent). */
  evidence: ReadonlyMap<string, number>;
}

const generationCte = (orgId: string) =>
  sql`with generation as (select coalesce((select links from register_generations where org_id = ${orgId}), 0)::text as generation)`;

/** The ranked risk links of one control or of all, as one statement (one snapshot) with the register's generation. */
async function queryRiskLinks(tx: Tx, orgId: string, controlId: string | undefined): Promise<{ generation: string; rows: RiskLinkRow[] }> {
  const forOne = controlId === undefined ? sql`` : sql`and t.control_ids @> array[${controlId}]::text[]`;
  const result = await sql<RiskLinkRow & { generation: string }>`
    ${generationCte(orgId)}
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

/** Evidence items per control (of one control, or of all), as one statement with the generation. */
async function queryEvidenceCounts(tx: Tx, orgId: string, controlId: string | undefined): Promise<{ generation: string; counts: Map<string, number> }> {
  const forOne = controlId === undefined ? sql`` : sql`and l.target_id = ${controlId}`;
  const result = await sql<{ generation: string; control_id: string | null; n: number | null }>`
    ${generationCte(orgId)}
    select generation.generation, counted.control_id, counted.n
    from generation left join (
      select l.target_id as control_id, count(*)::int as n from evidence_links l
      where l.org_id = ${orgId} and l.target_kind = 'control' ${forOne}
      group by l.target_id
    ) counted on true`.execute(tx);
  const counts = new Map<string, number>();
  for (const row of result.rows) if (row.control_id !== null) counts.set(row.control_id, row.n ?? 0);
  return { generation: result.rows[0]?.generation ?? '0', counts };
}

/**
 * A key that changes whenever what the register is made of changes, read without writers taking any
 * shared lock (ADR 0027, "the remembered register"). Each gap entry and own control contributes its row
 * version (`xmin`, the transaction that wrote it: any insert or update gives the row a new one); the
 * rows' hashes are combined with XOR and counted, so an added, changed or removed row changes the key
 * (two different sets colliding is a 64-bit hash accident). The links generation (risks, treatment
 * tasks, evidence links) and the people generation (an owner's name, former members: migration 0032)
 * are appended.
 */
export async function readRegisterKey(tx: Tx, orgId: string): Promise<string> {
  // One PL/pgSQL function (migration 0032), so each connection plans the statement once.
  const result = await sql<{ key: string }>`select custodian_register_key(${orgId}) as key`.execute(tx);
  return result.rows[0]?.key ?? '';
}

/** Each organisation's links as last read, with the generation they were read at (bounded: the oldest read goes first). */
const remembered = new Map<string, { generation: string; links: ControlLinks }>();
const rememberedLimit = 500;

async function currentGeneration(tx: Tx, orgId: string): Promise<string> {
  const row = await tx.selectFrom('register_generations').select(sql<string>`links::text`.as('links')).where('org_id', '=', orgId).executeTakeFirst();
  return row?.links ?? '0';
}

/**
 * What the register links to every control: the open risks (not closed) whose treatment tasks name it
 * (the first ten by ref, each row with the control's total) and the evidence linked to it. Remembered
 * per organisation once the transaction that read it has committed (never from one that rolls back), and
 * used while the register's generation (moved by triggers on risks, treatment tasks and evidence links,
 * ADR 0027) is the one it was read at. Both reads see the same generation or the answer is not kept.
 */
export async function readControlLinks(tx: Tx, orgId: string, afterCommit: (work: () => void) => void): Promise<ControlLinks> {
  const known = remembered.get(orgId);
  if (known && known.generation === (await currentGeneration(tx, orgId))) return known.links;
  const [risks, evidence] = [await queryRiskLinks(tx, orgId, undefined), await queryEvidenceCounts(tx, orgId, undefined)];
  const links: ControlLinks = { risks: risks.rows, evidence: evidence.counts };
  if (risks.generation === evidence.generation) {
    afterCommit(() => {
      remembered.delete(orgId);
      if (remembered.size >= rememberedLimit) remembered.delete(remembered.keys().next().value ?? '');
      remembered.set(orgId, { generation: risks.generation, links });
    });
  }
  return links;
}

/** The same for one control (the remembered answer when it is current, else read for that control alone). */
export async function readOneControlLinks(tx: Tx, orgId: string, controlId: string): Promise<{ risks: RiskLinkRow[]; evidenceCount: number }> {
  const known = remembered.get(orgId);
  if (known && known.generation === (await currentGeneration(tx, orgId))) {
    return { risks: known.links.risks.filter((row) => row.control_id === controlId), evidenceCount: known.links.evidence.get(controlId) ?? 0 };
  }
  const [risks, evidence] = [await queryRiskLinks(tx, orgId, controlId), await queryEvidenceCounts(tx, orgId, controlId)];
  return { risks: risks.rows, evidenceCount: evidence.counts.get(controlId) ?? 0 };
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
