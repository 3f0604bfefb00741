import { z } from 'zod';
import { classificationLevel, defaultClassificationLevels } from '@custodian/shared/contracts/risk-vocabulary.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { buildRegisterExportModel, type RegisterExportModel } from '../../reports/register-export.model.ts';
import { renderRegisterXlsx } from '../../reports/render-register-xlsx.ts';
import { readRegister } from './register-export.repo.ts';
import { findClassificationLevels } from './register-import.repo.ts';

/** The asset and risk registers as a plain model, read in the request's one snapshot; rendering happens after. */
export async function buildRegisterExport(ctx: OrgCtx): Promise<RegisterExportModel> {
  const [rows, levels] = await Promise.all([readRegister(ctx.tx, ctx.org.id), findClassificationLevels(ctx.tx, ctx.org.id)]);
  const scheme = z.array(classificationLevel).min(1).safeParse(levels);
  const controlRefs = new Map(ctx.deps.catalogue.catalogue.controls.map((control) => [control.id, control.ref]));
  return buildRegisterExportModel({
    organisation: ctx.org.name,
    generatedAt: ctx.now,
    timeZone: ctx.org.timeZone,
    classification: scheme.success ? scheme.data : defaultClassificationLevels,
    controlRefs,
    rows,
  });
}

/** The XLSX workbook of the register, with a file name that says whose and when. */
export async function renderRegisterExport(model: RegisterExportModel): Promise<{ fileName: string; body: Buffer }> {
  const slug =
    model.organisation
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'organisation';
  return { fileName: `register-${slug}-${model.generatedOnIso}.xlsx`, body: await renderRegisterXlsx(model) };
}
