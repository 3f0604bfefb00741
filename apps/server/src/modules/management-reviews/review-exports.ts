import type { DatedObligation } from '@custodian/shared/domain/obligations.ts';
import { notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { formatAuDate, todayIn } from '../../lib/dates.ts';
import type { DocumentModel } from '../../reports/document.model.ts';
import { buildMinutesModel } from '../../reports/management-review-minutes.model.ts';
import type { PackFile } from '../../reports/pack-file.ts';
import { renderDocumentDocx } from '../../reports/render-document-docx.ts';
import { renderDocumentPdf } from '../../reports/render-document-pdf.ts';
import { findReviewRow, listActionRows, listAllActionRows, listAllReviewRows, listInputRows, type ReviewRow } from './management-reviews.repo.ts';
import { orderedInputs, toAction, toReview } from './review-views.ts';

/*
 * What management reviews give the rest of the product: the minutes (DOCX and PDF), the dated
 * obligations (planned meetings, action due dates), the auditor pack's files and the guided path's
 * progress.
 */

export interface MinutesDraft {
  model: DocumentModel;
  fileStem: string;
  now: Date;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'review';

async function minutesOf(ctx: OrgCtx, row: ReviewRow): Promise<MinutesDraft> {
  const today = todayIn(ctx.org.timeZone, ctx.now);
  const inputs = orderedInputs(await listInputRows(ctx.tx, ctx.org.id, row.id));
  const actions = (await listActionRows(ctx.tx, ctx.org.id, row.id)).map((action) => toAction(action, today));
  const review = { ...toReview(row), inputs, actions };
  const model = buildMinutesModel({ organisation: ctx.org.name, timeZone: ctx.org.timeZone, now: ctx.now, review });
  return { model, fileStem: `management-review-${row.held_on ?? row.planned_on}-${slug(row.title)}`, now: ctx.now };
}

/** The minutes' model (read inside the request's transaction; rendered after it). */
export async function buildReviewMinutes(ctx: OrgCtx, id: string): Promise<MinutesDraft> {
  const row = await findReviewRow(ctx.tx, ctx.org.id, id);
  if (!row) throw notFound('The management review');
  return minutesOf(ctx, row);
}

export async function renderReviewMinutes(draft: MinutesDraft, format: 'docx' | 'pdf'): Promise<{ fileName: string; body: Buffer }> {
  const body = format === 'docx' ? await renderDocumentDocx(draft.model) : await renderDocumentPdf(draft.model, draft.now);
  return { fileName: `${draft.fileStem}.${format}`, body };
}

/** Planned meetings (due on their planned day, owned by the chair) and every action with a due date. */
export async function reviewsObligations(ctx: OrgCtx): Promise<DatedObligation[]> {
  const reviews = await listAllReviewRows(ctx.tx, ctx.org.id);
  const meetings: DatedObligation[] = reviews.map((row) => ({
    key: `management-review:${row.id}`,
    kind: 'management-review',
    title: `Hold the management review “${row.title}”`,
    dueOn: row.planned_on,
    ownerUserId: row.chair_user_id,
    href: `/management-reviews/${row.id}`,
    isDone: row.status !== 'planned',
  }));
  const actions: DatedObligation[] = (await listAllActionRows(ctx.tx, ctx.org.id))
    .filter((row) => row.due_on !== null)
    .map((row) => ({
      key: `management-review-action:${row.id}`,
      kind: 'management-review-action',
      title: `${row.title} (action from the management review “${row.review_title}”)`,
      dueOn: row.due_on ?? '',
      ownerUserId: row.owner_user_id,
      href: `/management-reviews/${row.review_id}`,
      isDone: row.status !== 'open',
    }));
  return [...meetings, ...actions];
}

/** The minutes of every review held, as PDFs, for the Stage 1 / Stage 2 auditor pack. */
export async function reviewsPackFiles(ctx: OrgCtx): Promise<PackFile[]> {
  const held = (await listAllReviewRows(ctx.tx, ctx.org.id)).filter((row) => row.status !== 'planned');
  const files: PackFile[] = [];
  for (const row of held) {
    const draft = await minutesOf(ctx, row);
    const file = await renderReviewMinutes(draft, 'pdf');
    const state = row.status === 'approved' ? 'minutes approved' : 'minutes not yet approved';
    files.push({
      path: `management-reviews/${file.fileName}`,
      bytes: new Uint8Array(file.body),
      description: `Minutes of the management review “${row.title}” held on ${formatAuDate(row.held_on ?? row.planned_on)} (${state})`,
    });
  }
  return files;
}

/**
 * The guided path's step for management review, on the latest review: 0 of 3 with none, 1 when one is
 * prepared, 2 when it was held, 3 when its minutes are approved.
 */
export async function managementReviewProgress(ctx: OrgCtx): Promise<{ done: number; total: number; detail: string }> {
  const latest = (await listAllReviewRows(ctx.tx, ctx.org.id))[0];
  if (!latest) return { done: 0, total: 3, detail: 'No management review has been prepared yet.' };
  if (latest.status === 'planned')
    return { done: 1, total: 3, detail: `The management review “${latest.title}” is planned for ${formatAuDate(latest.planned_on)}.` };
  if (latest.status === 'held')
    return {
      done: 2,
      total: 3,
      detail: `The management review “${latest.title}” was held on ${formatAuDate(latest.held_on ?? latest.planned_on)}; its minutes are waiting for an owner’s approval.`,
    };
  return { done: 3, total: 3, detail: `The minutes of the management review held on ${formatAuDate(latest.held_on ?? latest.planned_on)} are approved.` };
}
