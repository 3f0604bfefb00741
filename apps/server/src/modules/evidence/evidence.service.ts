import type { EvidenceDetail, EvidenceItem, EvidenceListQuery, createEvidenceBody, updateEvidenceBody } from '@custodian/shared/contracts/evidence.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import { orgCtx, type OrgCtx, type StepsCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { findMemberName } from '../org/org.service.ts';
import { readStoredFile, storeUpload, type StoredFile } from './evidence-files.ts';
import { evidenceDetailOf } from './evidence-targets.ts';
import { daysFor, evidenceSnapshot, toEvidenceItem } from './evidence-views.ts';
import { assertMayDeleteEvidence } from './evidence.policy.ts';
import {
  deleteEvidenceRow,
  findEvidenceRow,
  insertEvidenceRow,
  listEvidenceRows,
  updateEvidenceRow,
  type EvidenceFields,
  type EvidenceRow,
  listControlEvidenceTitles,
} from './evidence.repo.ts';

const entity = (id: string) => ({ type: 'evidence', id });
const kindWords = { file: 'a file', link: 'a link', note: 'a note' } as const;

/** One page of the organisation's evidence; `targetKind` and `targetId` together give the evidence of one control, requirement or risk. */
export async function listEvidence(ctx: OrgCtx, query: EvidenceListQuery): Promise<ListReply<EvidenceItem>> {
  if (Boolean(query.targetKind) !== Boolean(query.targetId)) {
    const path = query.targetKind ? 'targetId' : 'targetKind';
    throw new AppError('validation_failed', 'Choose both the kind of item and the item to see its evidence.', [{ path, message: 'is needed with the other' }]);
  }
  const days = daysFor(ctx);
  const page = await listEvidenceRows(ctx.tx, ctx.org.id, query, days);
  return { ...page, items: page.items.map((row) => toEvidenceItem(row, days)) };
}

async function requireEvidence(ctx: OrgCtx, id: string, options: { lock?: 'update' | 'share' } = {}): Promise<EvidenceRow> {
  const row = await findEvidenceRow(ctx.tx, ctx.org.id, id, options);
  if (!row) throw notFound('That evidence');
  return row;
}

const detailOf = evidenceDetailOf;

/** One item with what it is evidence of. */
export async function getEvidence(ctx: OrgCtx, id: string): Promise<EvidenceDetail> {
  return detailOf(ctx, await requireEvidence(ctx, id));
}

async function checkOwner(ctx: OrgCtx, ownerUserId: string | null | undefined): Promise<void> {
  if (ownerUserId === null || ownerUserId === undefined) return;
  if ((await findMemberName(ctx, ownerUserId)) === null) {
    throw new AppError('validation_failed', 'The owner must be a member of this organisation.', [{ path: 'ownerUserId', message: 'is not a member' }]);
  }
}

/**
 * Adds an item. A file is checked (size, type by its bytes) and stored before the transaction that
 * records it opens: slow work stays outside it, and a refused file stores nothing.
 */
export async function addEvidence(ctx: StepsCtx, input: z.output<typeof createEvidenceBody>): Promise<EvidenceDetail> {
  const file = input.kind === 'file' ? await storeUpload(ctx.deps.blobs, input.file) : null;
  return ctx.transaction((tx) => createEvidence(orgCtx(tx), input, file));
}

async function createEvidence(ctx: OrgCtx, input: z.output<typeof createEvidenceBody>, file: StoredFile | null): Promise<EvidenceDetail> {
  await checkOwner(ctx, input.ownerUserId);
  const id = newId(ctx.now.getTime());
  await insertEvidenceRow(ctx.tx, {
    org_id: ctx.org.id,
    id,
    kind: input.kind,
    title: input.title,
    description: input.description,
    owner_user_id: input.ownerUserId,
    valid_until: input.validUntil,
    url: input.kind === 'link' ? input.url : null,
    note_text: input.kind === 'note' ? input.note : null,
    file_name: file?.name ?? null,
    file_type: file?.type ?? null,
    file_size: file?.size ?? null,
    file_sha256: file?.sha256 ?? null,
    created_at: ctx.now,
    created_by: ctx.actor.userId,
    updated_at: ctx.now,
    updated_by: ctx.actor.userId,
  });
  const row = await requireEvidence(ctx, id);
  await ctx.audit('evidence.created', entity(id), null, evidenceSnapshot(row));
  return detailOf(ctx, row);
}

/** Changes the fields sent; a new file (checked and stored first, outside the transaction) replaces the old one. */
export async function changeEvidence(ctx: StepsCtx, id: string, input: z.output<typeof updateEvidenceBody>): Promise<EvidenceDetail> {
  const file = input.file ? await storeUpload(ctx.deps.blobs, input.file) : null;
  return ctx.transaction((tx) => updateEvidence(orgCtx(tx), id, input, file));
}

function refuseField(row: EvidenceRow, field: 'url' | 'note' | 'file'): never {
  const what = { url: 'web address', note: 'note text', file: 'file' }[field];
  const holder = { url: 'a link', note: 'a note', file: 'a file' }[field];
  throw new AppError('validation_failed', `This evidence is ${kindWords[row.kind as keyof typeof kindWords]}, so it has no ${what} to change.`, [
    { path: field, message: `only ${holder} has one` },
  ]);
}

/** Changes the fields sent, if nobody saved the item since `version` was read (otherwise 409 with it as it is now). */
async function updateEvidence(ctx: OrgCtx, id: string, input: z.output<typeof updateEvidenceBody>, file: StoredFile | null): Promise<EvidenceDetail> {
  const before = await requireEvidence(ctx, id, { lock: 'update' });
  const conflict = async (current: EvidenceRow) =>
    new AppError(
      'edit_conflict',
      `Someone else saved "${current.title}" after you opened it. Their version is shown: check it, then apply your change again.`,
      {
        current: await detailOf(ctx, current),
      },
    );
  if (before.version !== input.version) throw await conflict(before);
  if (input.url !== undefined && before.kind !== 'link') refuseField(before, 'url');
  if (input.note !== undefined && before.kind !== 'note') refuseField(before, 'note');
  if (file && before.kind !== 'file') refuseField(before, 'file');
  await checkOwner(ctx, input.ownerUserId);
  const patch: Partial<EvidenceFields> = {
    ...(input.title === undefined ? {} : { title: input.title }),
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.ownerUserId === undefined ? {} : { owner_user_id: input.ownerUserId }),
    ...(input.validUntil === undefined ? {} : { valid_until: input.validUntil }),
    ...(input.url === undefined ? {} : { url: input.url }),
    ...(input.note === undefined ? {} : { note_text: input.note }),
    ...(file ? { file_name: file.name, file_type: file.type, file_size: file.size, file_sha256: file.sha256 } : {}),
  };
  if (Object.keys(patch).length === 0) return detailOf(ctx, before);
  if (!(await updateEvidenceRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, { ...patch, updated_at: ctx.now, updated_by: ctx.actor.userId }))) {
    throw await conflict(await requireEvidence(ctx, id));
  }
  const after = await requireEvidence(ctx, id);
  const b = evidenceSnapshot(before);
  const a = evidenceSnapshot(after);
  const changed = Object.keys(a).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
  await ctx.audit(
    'evidence.updated',
    entity(id),
    { title: before.title, ...Object.fromEntries(changed.map((k) => [k, b[k]])) },
    { title: after.title, ...Object.fromEntries(changed.map((k) => [k, a[k]])) },
  );
  return detailOf(ctx, after);
}

/** Deletes an item and its links. Its file stays in the store while any other item (of any organisation) may name the same content. */
export async function deleteEvidence(ctx: OrgCtx, id: string): Promise<void> {
  const before = await requireEvidence(ctx, id);
  assertMayDeleteEvidence(ctx.actor, before);
  if (!(await deleteEvidenceRow(ctx.tx, ctx.org.id, id))) throw notFound('That evidence');
  await ctx.audit('evidence.deleted', entity(id), evidenceSnapshot(before));
}

/**
 * The stored file of a file item, found through the organisation's own row (row-level security), or
 * 404; `read` fetches its bytes from the store, called after the transaction (the route's respond).
 */
export async function findEvidenceFile(ctx: OrgCtx, id: string): Promise<{ name: string; type: string; read: () => Promise<Buffer> }> {
  const row = await requireEvidence(ctx, id);
  if (row.kind !== 'file' || !row.file_sha256 || !row.file_name || !row.file_type)
    throw new AppError('not_found', `This evidence is ${kindWords[row.kind as keyof typeof kindWords]}, not a file: there is nothing to download.`);
  const sha256 = row.file_sha256;
  return { name: row.file_name, type: row.file_type, read: () => readStoredFile(ctx.deps.blobs, sha256) };
}

/** The titles of the evidence linked to each control, by control id (the OSCAL plan lists them). */
export async function evidenceTitlesByControl(ctx: OrgCtx): Promise<Map<string, string[]>> {
  const titles = new Map<string, string[]>();
  for (const row of await listControlEvidenceTitles(ctx.tx, ctx.org.id)) titles.set(row.control_id, [...(titles.get(row.control_id) ?? []), row.title]);
  return titles;
}
