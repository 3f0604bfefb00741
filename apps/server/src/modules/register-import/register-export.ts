import type { OrgCtx } from '../../core/ctx.ts';
import { buildRegisterExportModel, type RegisterExportModel } from '../../reports/register-export.model.ts';
import { renderRegisterXlsx } from '../../reports/render-register-xlsx.ts';
import { classificationLevels } from '../assets/classification.service.ts';
import { readRegister } from './register-export.repo.ts';

/** The asset and risk registers as a plain model, read in the request's one snapshot; rendering happens after. */
export async function buildRegisterExport(ctx: OrgCtx): Promise<RegisterExportModel> {
  const [rows, classification] = await Promise.all([readRegister(ctx.tx, ctx.org.id), classificationLevels(ctx)]);
  const controlRefs = new Map(ctx.deps.catalogue.catalogue.controls.map((control) => [control.id, control.ref]));
  return buildRegisterExportModel({
    organisation: ctx.org.name,
    generatedAt: ctx.now,
    timeZone: ctx.org.timeZone,
    classification,
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
