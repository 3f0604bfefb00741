import {
  reviewInputKeys,
  reviewInputTitles,
  type ActionStatus,
  type ManagementReview,
  type ReviewAction,
  type ReviewInput,
  type ReviewInputKey,
  type ReviewPerson,
  type ReviewStatus,
} from '@custodian/shared/contracts/management-reviews.ts';
import { toIso } from '../../lib/dates.ts';
import type { ActionRow, InputRow, ReviewRow } from './management-reviews.repo.ts';

/** The attendees as stored (jsonb): only well-formed entries are read back. */
export function attendeesOf(value: unknown): ReviewPerson[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is ReviewPerson => typeof entry === 'object' && entry !== null && typeof entry.userId === 'string' && typeof entry.name === 'string',
  );
}

export function toReview(row: ReviewRow): ManagementReview {
  return {
    id: row.id,
    title: row.title,
    status: row.status as ReviewStatus,
    plannedOn: row.planned_on,
    heldOn: row.held_on,
    chair: row.chair_user_id && row.chair_name ? { userId: row.chair_user_id, name: row.chair_name } : null,
    attendees: attendeesOf(row.attendees),
    decisions: row.decisions,
    approvedAt: toIso(row.approved_at),
    approvedByName: row.approved_by_name,
    openActionCount: Number(row.open_actions ?? 0),
    createdAt: toIso(row.created_at) ?? '',
    updatedAt: toIso(row.updated_at) ?? '',
    version: row.version,
  };
}

const linesOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((line): line is string => typeof line === 'string') : []);

export function toInput(row: InputRow): ReviewInput {
  const key = row.key as ReviewInputKey;
  return {
    key,
    title: reviewInputTitles[key],
    summary: row.summary,
    lines: linesOf(row.lines),
    readAt: toIso(row.read_at) ?? '',
    notes: row.notes,
    version: row.version,
  };
}

/** The inputs in the order the meeting takes them. */
export function orderedInputs(rows: readonly InputRow[]): ReviewInput[] {
  return [...rows].sort((a, b) => reviewInputKeys.indexOf(a.key as ReviewInputKey) - reviewInputKeys.indexOf(b.key as ReviewInputKey)).map(toInput);
}

export function toAction(row: ActionRow, today: string): ReviewAction {
  return {
    id: row.id,
    reviewId: row.review_id,
    title: row.title,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    dueOn: row.due_on,
    status: row.status as ActionStatus,
    notes: row.notes,
    isOverdue: row.status === 'open' && row.due_on !== null && row.due_on < today,
    version: row.version,
  };
}
