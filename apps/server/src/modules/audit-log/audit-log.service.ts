import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AuditEventDto, AuditListQuery, AuditVerifyReply } from '@custodian/shared/contracts/audit-log.ts';
import type { LoadedCatalogue } from '@custodian/catalogue/load-catalogue.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { Kysely } from 'kysely';
import type { AuditEvent, AuditWho, OrgCtx, TxCtx } from '../../core/ctx.ts';
import type { DB } from '../../db/schema.ts';
import { withMaintenance, type Tx } from '../../db/with-org.ts';
import type { ServerKeys } from '../../keys.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { nextDay, startOfDayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { commitPersonalFields, currentMacVersion, genesisAction, genesisHash, macAuditRow } from './audit-chain.ts';
import { checkpointFile, readCheckpoints, type Checkpoint, type CheckpointSet } from './audit-checkpoints.ts';
import { appendEventRow, deidentifyPersonalFields, listAuditRows, listChainHeads, listOrgsForMaintenance, listOwnerAddresses, lockChainHead, readChainHead, type AuditRow } from './audit-log.repo.ts';
import { nameFromLabel, readEventNames, redactEvent, subjectOf, viaTokenOf, type EventNames } from './audit-names.ts';
import { verifyChain } from './audit-verify.ts';
import { queueMail } from '../mail/mail.service.ts';
import type { CheckpointWriter } from './checkpoint-writer.ts';

export { genesisHash, hashAuditRow, pseudonymOf } from './audit-chain.ts';

/**
 * Replaces a de-identified person's fields in the organisation's trail (version 2 events: the MAC
 * covers commitments, so the trail still verifies; ADR 0015). Returns how many fields were replaced.
 */
export async function deidentifyInTrail(ctx: TxCtx, orgId: string, person: { userId: string; email: string }, pseudonym: { no: number; text: string }): Promise<number> {
  return deidentifyPersonalFields(ctx.tx, orgId, person, pseudonym);
}

/** The chain heads a transaction holds locked, by organisation (appending more events needs no new lock). */
export type ChainHeads = Map<string, { seq: number; hash: string }>;

/**
 * Appends one event to an organisation's chain inside the caller's transaction, so the change and its
 * record commit or roll back together. Each event carries an HMAC-SHA-256 (the server's audit key)
 * over its content and its predecessor's MAC. A chain starts with the organisation's creation: its
 * first event must be org.created, at sequence 1, from the genesis value. The first event of a
 * transaction locks the organisation's chain head; later ones reuse it. Services call ctx.audit.
 */
export async function appendAuditEvent(tx: Tx, heads: ChainHeads, who: AuditWho, event: AuditEvent, meta: { at: Date; requestId: string | null; key: Buffer }): Promise<void> {
  const head = heads.get(who.orgId) ?? (await lockChainHead(tx, who.orgId, genesisHash));
  if (head.seq === 0 && (event.action !== genesisAction || event.entity.id !== who.orgId)) {
    throw new Error(`an organisation's audit trail must start with its creation (${genesisAction}), not ${event.action}`);
  }
  const before = event.before === undefined ? null : JSON.parse(canonicalJson(event.before));
  const after = event.after === undefined ? null : JSON.parse(canonicalJson(event.after));
  const row = {
    org_id: who.orgId,
    seq: String(head.seq + 1),
    id: newId(meta.at.getTime()),
    occurred_at: meta.at,
    actor_user_id: who.userId,
    actor_label: who.label,
    action: event.action,
    entity_type: event.entity.type,
    entity_id: event.entity.id,
    before,
    after,
    request_id: meta.requestId,
    mac_version: currentMacVersion,
    personal: null as unknown,
  };
  row.personal = commitPersonalFields(meta.key, row);
  const hash = macAuditRow(meta.key, head.hash, row);
  const isWritten = await appendEventRow(tx, {
    ...row,
    before: before === null ? null : JSON.stringify(before),
    after: after === null ? null : JSON.stringify(after),
    personal: JSON.stringify(row.personal),
    prev_hash: head.hash,
    hash,
  });
  if (!isWritten) throw new AppError('unauthenticated', 'Your account has been deleted, so this change was not saved.');
  heads.set(who.orgId, { seq: head.seq + 1, hash });
}

function toDto(row: AuditRow, names: EventNames, context: { orgName: string; catalogue: LoadedCatalogue }): AuditEventDto {
  const people: Record<string, string> = {};
  for (const value of [row.before, row.after]) {
    const owner = value !== null && typeof value === 'object' ? (value as { ownerUserId?: unknown }).ownerUserId : undefined;
    if (typeof owner === 'string') people[owner] = names.people.get(owner) ?? 'a former member';
  }
  const shown = redactEvent(row, names);
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorUserId: row.actor_user_id,
    actorLabel: shown.actorLabel,
    actorName: (row.actor_user_id ? (names.people.get(row.actor_user_id) ?? nameFromLabel(shown.actorLabel)) : nameFromLabel(shown.actorLabel)) + viaTokenOf(shown.actorLabel),
    subject: subjectOf({ ...row, before: shown.before, after: shown.after }, names, context),
    people,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: shown.before,
    after: shown.after,
    requestId: row.request_id,
  };
}

/** One page of the organisation's audit trail; from and to are days in the organisation's time zone. */
export async function listAuditEvents(ctx: OrgCtx, query: AuditListQuery): Promise<ListReply<AuditEventDto>> {
  const range = {
    from: query.from ? startOfDayIn(query.from, ctx.org.timeZone) : null,
    until: query.to ? startOfDayIn(nextDay(query.to), ctx.org.timeZone) : null,
  };
  const page = await listAuditRows(ctx.tx, ctx.org.id, query, range);
  const names = await readEventNames(ctx.tx, ctx.org.id, page.items);
  const context = { orgName: ctx.org.name, catalogue: ctx.deps.catalogue };
  return { ...page, items: page.items.map((row) => toDto(row, names, context)) };
}

/** Verifies the organisation's chain against the checkpoints in the server's checkpoint directory. */
export async function verifyAuditChain(ctx: OrgCtx): Promise<AuditVerifyReply> {
  const { keys, config } = ctx.deps;
  return verifyChain(ctx.tx, ctx.org.id, { key: keys.auditMac, checkpoints: readCheckpoints(keys.auditCheckpoint, config.auditCheckpointDir, ctx.org.id) });
}

/**
 * Verifies one organisation's chain as the maintenance role (tools that run outside a request, such as
 * the benchmark seeder), with the given audit key and checkpoints.
 */
export async function verifyAuditChainOf(db: Kysely<DB>, orgId: string, key: Buffer, checkpoints: CheckpointSet | null = null): Promise<AuditVerifyReply> {
  return withMaintenance(db, (trx) => verifyChain(trx, orgId, { key, checkpoints }));
}

/** Where the CLI finds checkpoints: a directory of per-organisation files, or one downloaded file. */
export type CheckpointSource = { kind: 'dir'; dir: string } | { kind: 'file'; orgId: string; set: CheckpointSet };

/** Verifies every organisation's chain, or one (maintenance command); returns each organisation's result. */
export async function verifyAllAuditChains(db: Kysely<DB>, keys: ServerKeys, source: CheckpointSource, orgId: string | null = null): Promise<Array<{ orgId: string; name: string } & AuditVerifyReply>> {
  return withMaintenance(db, async (trx) => {
    const results = [];
    for (const org of await listOrgsForMaintenance(trx, orgId)) {
      const checkpoints = source.kind === 'dir' ? readCheckpoints(keys.auditCheckpoint, source.dir, org.org_id) : source.orgId === org.org_id ? source.set : null;
      results.push({ orgId: org.org_id, name: org.name, ...(await verifyChain(trx, org.org_id, { key: keys.auditMac, checkpoints })) });
    }
    return results;
  });
}

/** At start: a checkpoint of every chain head not yet in its file (older hash-only chains are anchored here first). */
export async function checkpointAllHeads(db: Kysely<DB>, writer: CheckpointWriter): Promise<number> {
  const heads = await withMaintenance(db, (trx) => listChainHeads(trx));
  for (const head of heads) writer.writeNow(head);
  return heads.length;
}

/** Writes a signed checkpoint of the organisation's chain head now (owners, on demand), and mails it to the owners if asked. */
export async function writeCheckpointNow(ctx: OrgCtx, input: { isMailedToOwners: boolean }): Promise<Checkpoint> {
  const writer = ctx.deps.checkpoints;
  if (!writer) throw new AppError('conflict', 'This server does not write audit checkpoints.');
  const head = await readChainHead(ctx.tx, ctx.org.id);
  if (!head) throw new AppError('conflict', 'The audit trail has no events yet.');
  const checkpoint = writer.writeNow({ orgId: ctx.org.id, ...head });
  if (!input.isMailedToOwners) {
    ctx.skipAudit('a checkpoint is written outside the database and changes no rows');
    return checkpoint;
  }
  for (const owner of await listOwnerAddresses(ctx.tx, ctx.org.id)) await queueMail(ctx, ctx.org.id, checkpointMail(ctx.org.name, owner, checkpoint));
  await ctx.audit('audit.checkpoint_mailed', { type: 'org', id: ctx.org.id }, null, { seq: checkpoint.seq });
  return checkpoint;
}

function checkpointMail(orgName: string, owner: { name: string; email: string }, checkpoint: Checkpoint) {
  return {
    to: owner.email,
    subject: `Audit trail checkpoint for ${orgName}`,
    text:
      `Hello ${owner.name},\n\nThis is a signed checkpoint of ${orgName}'s audit trail in Custodian: its first ${checkpoint.count} events, ` +
      `as of ${checkpoint.at}. Keep this e-mail. If the trail is ever cut short or rewritten, checking it against this line shows it.\n\n` +
      `${JSON.stringify(checkpoint)}\n\nTo check: save the line above to a file and run \`npm run cli -- verify-audit --checkpoints <file>\` on the server.\n`,
  };
}

/** The organisation's checkpoint file, for owners to keep a copy away from the server. */
export async function checkpointFileOf(ctx: OrgCtx): Promise<{ fileName: string; body: Buffer }> {
  const file = checkpointFile(ctx.deps.config.auditCheckpointDir, ctx.org.id);
  if (!existsSync(file)) throw new AppError('not_found', 'No checkpoint of this audit trail has been written yet. Write one first.');
  return { fileName: `audit-checkpoints-${ctx.org.id}.jsonl`, body: await readFile(file) };
}
