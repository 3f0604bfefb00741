import { roleLabels, type Role } from '@custodian/shared/permissions.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { renderDocumentPdf } from '../../reports/render-document-pdf.ts';
import { buildTrainingRecordsModel } from '../../reports/training-records.model.ts';
import { listCompletionRows } from './training-people.repo.ts';
import { coverageOf } from './training-records.service.ts';
import { trainingPicture } from './training-standings.ts';
import { listAssignmentRows } from './training.repo.ts';

/** The training records PDF (items, coverage per team and per item, completions) as bytes. */
export async function trainingRecordsPdf(ctx: OrgCtx): Promise<Uint8Array> {
  const picture = await trainingPicture(ctx);
  const assignments = await listAssignmentRows(ctx.tx, ctx.org.id);
  const titles = new Map(picture.items.map((i) => [i.id, i.title]));
  const completions = await listCompletionRows(ctx.tx, ctx.org.id);
  const model = buildTrainingRecordsModel({
    organisation: ctx.org.name,
    today: picture.today,
    items: picture.items.map((i) => ({
      id: i.id,
      title: i.title,
      kind: i.kind,
      url: i.url,
      frequency: i.frequency,
      dueDays: i.due_days,
      assignedTo: assignments
        .filter((a) => a.item_id === i.id)
        .map((a) => (a.target_kind === 'role' ? `role ${roleLabels[a.target_key as Role] ?? a.target_key}` : `${a.target_kind} ${a.label ?? 'removed'}`)),
    })),
    coverage: coverageOf(picture),
    completions: completions.map((c) => ({ itemTitle: titles.get(c.item_id) ?? '', personName: c.person_name ?? 'A former member', completedOn: c.completed_on, evidenceNote: c.evidence_note, recordedByName: c.recorded_by_name })),
  });
  return new Uint8Array(await renderDocumentPdf(model, ctx.now));
}
