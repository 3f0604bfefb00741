import type { ImportMapping } from '@custodian/shared/contracts/register-import.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { bulkBatchRows } from '../../db/bulk-insert.ts';
import { newId } from '../../lib/ids.ts';
import { assetChecker, refuseEmpty, type AssetRow, type ImportContext, type ImportPlan } from './check-rows.ts';
import type { ReadFile } from './read-file.ts';
import { insertImported, type WriteMeta } from './register-import.repo.ts';
import { nextRefs } from './write-plan.ts';

/**
 * Checks and writes an asset file in one pass, inside the commit's transaction: each slice of 5,000
 * rows is checked, and once clean it is written while the next slice is checked (the server checks
 * while the database writes, so the two cores work together). The first problem stops the writing but
 * not the checking, so the refusal still names every problem; the caller then throws and the
 * transaction takes back what was written. Blank refs are numbered after the highest ref in the
 * register and the whole file, known before the first row is written. Returns the checked plan.
 */
export async function checkAndWriteAssets(
  ctx: OrgCtx,
  file: ReadFile,
  mapping: ImportMapping,
  context: ImportContext,
  onProgress: (done: number, total: number) => void,
): Promise<ImportPlan> {
  const plan: ImportPlan = { rowCount: 0, assets: [], links: [], risks: [], tasks: [], problems: [] };
  const checker = assetChecker(file.sheets, mapping, context, plan);
  const meta: WriteMeta = { orgId: ctx.org.id, at: ctx.now, by: ctx.actor.userId };
  const freshRefs = nextRefs('A', [...context.assetIds.keys(), ...checker.givenRefs()], checker.rowCount);
  let nextFresh = 0;
  const assetIds = new Map(context.assetIds);
  const assetRow = (a: AssetRow) => {
    const id = newId();
    const ref = a.ref ?? freshRefs[nextFresh++] ?? '';
    assetIds.set(ref, id);
    return {
      id,
      ref,
      name: a.name,
      kind: a.kind,
      description: a.description,
      owner_user_id: a.ownerUserId,
      classification: a.classification,
      confidentiality: a.confidentiality,
      integrity: a.integrity,
      availability: a.availability,
      location: a.location,
    };
  };
  let written = 0;
  const step = (count: number) => {
    written += count;
    onProgress(written, checker.rowCount);
  };
  let writing: Promise<void> = Promise.resolve();
  try {
    for (let start = 0; start < checker.rowCount; start += bulkBatchRows) {
      const checkedBefore = plan.assets.length;
      checker.checkSlice(start, start + bulkBatchRows);
      if (checker.hasProblems()) continue;
      const rows = plan.assets.slice(checkedBefore).map(assetRow);
      await writing;
      writing = insertImported(ctx.tx, 'assets', meta, rows, step);
    }
  } finally {
    // Never leave a statement running behind a refusal or a failure: wait for the last write.
    await writing;
  }
  checker.finish();
  refuseEmpty(plan, file.sheets);
  if (plan.problems.length > 0) return plan;
  const links = plan.links.map((l) => ({ from_asset_id: assetIds.get(l.fromRef), to_asset_id: assetIds.get(l.toRef), relation: l.relation }));
  await insertImported(ctx.tx, 'assetLinks', meta, links, () => undefined);
  return plan;
}
