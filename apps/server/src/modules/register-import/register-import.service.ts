import { loadThreatLibrary } from '@custodian/catalogue/threat-library.ts';
import {
  maxListedProblems,
  suggestMapping,
  type AnalyseImportReply,
  type CommitImportReply,
  type ImportCounts,
  type ImportKind,
  type ImportMapping,
  type ImportProgressReply,
  type PreviewImportReply,
  importKindLabels,
} from '@custodian/shared/contracts/register-import.ts';
import { defaultRiskMethod } from '@custodian/shared/domain/risk-matrix.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { instantOfWallClock } from '../../lib/dates.ts';
import { classificationLevels } from '../assets/classification.service.ts';
import { lockOrganisation } from '../org/org.service.ts';
import { methodForWriting, readCurrentMethod } from '../risks/risk-method.service.ts';
import { lockRiskNumbering } from '../risks/risks.service.ts';
import { checkRows, type ImportContext, type ImportPlan } from './check-rows.ts';
import { readProgress, setProgress } from './import-progress.ts';
import { readImportFile, type ReadFile } from './read-file.ts';
import { listMemberEmails, listRefs } from './register-import.repo.ts';
import { checkAndWriteAssets } from './commit-assets.ts';
import { writeRiskPlan } from './write-plan.ts';

export interface ImportFile {
  kind: ImportKind;
  fileName: string;
  content: string;
}

/** Reads a file's header rows and suggests which column holds which field (by header name). */
export async function analyseImport(_ctx: OrgCtx, input: ImportFile): Promise<AnalyseImportReply> {
  const file = await readImportFile(input.kind, input.fileName, input.content);
  return {
    kind: input.kind,
    fileName: input.fileName,
    fileSha256: file.fileSha256,
    sheets: file.sheets.map((sheet) => ({
      role: sheet.role,
      sheetName: sheet.sheetName,
      headers: sheet.headers,
      rowCount: sheet.rows.length,
      mapping: suggestMapping(sheet.role, sheet.headers),
    })),
  };
}

async function importContext(ctx: OrgCtx, kind: ImportKind, isWriting: boolean): Promise<ImportContext & { methodVersion: number }> {
  // A commit of risks scores under the method lock (a method change waits for it) and numbers its
  // blank refs under the risk register's numbering lock, like a risk added by hand.
  const current = kind !== 'risks' ? null : isWriting ? await methodForWriting(ctx) : await readCurrentMethod(ctx);
  if (kind === 'risks' && isWriting) await lockRiskNumbering(ctx);
  const [refs, members, classification] = await Promise.all([listRefs(ctx.tx, ctx.org.id), listMemberEmails(ctx.tx, ctx.org.id), classificationLevels(ctx)]);
  const controls = new Map<string, string>();
  for (const control of ctx.deps.catalogue.catalogue.controls) {
    controls.set(control.ref.toUpperCase(), control.id);
    controls.set(control.id, control.id);
  }
  return {
    assetIds: refs.assets,
    riskIds: refs.risks,
    members,
    classification,
    method: current?.definition ?? defaultRiskMethod,
    methodVersion: current?.version ?? 1,
    controls,
    threatIds: new Set(loadThreatLibrary().byId.keys()),
    instantOf: (wall) => instantOfWallClock(wall, ctx.org.timeZone),
  };
}

function countsOf(plan: ImportPlan): ImportCounts {
  return { assets: plan.assets.length, assetLinks: plan.links.length, risks: plan.risks.length, treatmentTasks: plan.tasks.length };
}

const blankRefs = (plan: ImportPlan) => plan.assets.filter((a) => a.ref === null).length + plan.risks.filter((r) => r.ref === null).length;

function planFor(file: ReadFile, kind: ImportKind, mapping: ImportMapping, context: ImportContext): ImportPlan {
  return checkRows(kind, file.sheets, mapping, context);
}

/** Checks every row with the mapping and says what a commit would add, or the problems by row; saves nothing. */
export async function previewImport(ctx: OrgCtx, input: ImportFile & { mapping: ImportMapping }): Promise<PreviewImportReply> {
  const file = await readImportFile(input.kind, input.fileName, input.content);
  const plan = planFor(file, input.kind, input.mapping, await importContext(ctx, input.kind, false));
  const isClean = plan.problems.length === 0;
  return {
    fileSha256: file.fileSha256,
    rowCount: plan.rowCount,
    counts: isClean ? countsOf(plan) : { assets: 0, assetLinks: 0, risks: 0, treatmentTasks: 0 },
    problemCount: plan.problems.length,
    problems: plan.problems.slice(0, maxListedProblems),
    refsAssigned: isClean ? blankRefs(plan) : 0,
  };
}

/** The commit's refusal: how many problems, the first of them by row, and that nothing was saved. */
function refusal(plan: ImportPlan): AppError {
  const count = plan.problems.length;
  return new AppError(
    'validation_failed',
    `Nothing was imported: the file has ${count.toLocaleString('en-AU')} problem${count === 1 ? '' : 's'}. Fix ${count === 1 ? 'it' : 'them'} and import the file again.`,
    {
      problemCount: count,
      problems: plan.problems.slice(0, maxListedProblems),
    },
  );
}

/**
 * Adds every row of the file to the register, all or nothing, in the request's one transaction:
 * the organisation's lock first (so refs handed out are free and two imports take turns), every row
 * checked again, then one bulk insert per batch. Blank refs get the next free "A-0001"/"R-0001";
 * a ref already in the register refuses the row. One audit event names the kind, the rows and the
 * file's SHA-256. Progress is published under the caller's id as it goes.
 */
export async function commitImport(ctx: OrgCtx, input: ImportFile & { mapping: ImportMapping; progressId: string }): Promise<CommitImportReply> {
  const report = (progress: ImportProgressReply) => setProgress(ctx.org.id, input.progressId, progress);
  report({ phase: 'reading', done: 0, total: 0 });
  try {
    const file = await readImportFile(input.kind, input.fileName, input.content);
    report({ phase: 'checking', done: 0, total: 0 });
    await lockOrganisation(ctx);
    const context = await importContext(ctx, input.kind, true);
    const onProgress = (done: number, total: number) => report({ phase: 'saving', done, total });
    // Assets are written slice by slice as they are checked (commit-assets.ts); risks after the check.
    const plan =
      input.kind === 'assets' ? await checkAndWriteAssets(ctx, file, input.mapping, context, onProgress) : planFor(file, input.kind, input.mapping, context);
    if (plan.problems.length > 0) throw refusal(plan);
    const counts = countsOf(plan);
    if (input.kind === 'risks') await writeRiskPlan(ctx, plan, context, onProgress);
    await ctx.audit('register.imported', { type: 'register_import', id: file.fileSha256 }, null, {
      kind: importKindLabels[input.kind],
      fileName: input.fileName,
      fileSha256: file.fileSha256,
      rows: plan.rowCount,
      ...counts,
    });
    const total = counts.assets + counts.assetLinks + counts.risks + counts.treatmentTasks;
    report({ phase: 'saving', done: total, total });
    ctx.afterCommit(() => report({ phase: 'done', done: total, total }));
    return { fileSha256: file.fileSha256, counts };
  } catch (error) {
    report({ phase: 'failed', done: 0, total: 0 });
    throw error;
  }
}

/** How far a commit of this organisation has got. */
export async function importProgress(ctx: OrgCtx, progressId: string): Promise<ImportProgressReply> {
  return readProgress(ctx.org.id, progressId);
}
