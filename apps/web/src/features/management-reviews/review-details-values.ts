import type { ManagementReviewDetail, UpdateManagementReviewBody } from '@custodian/shared/contracts/management-reviews.ts';
import type { ConflictFields } from '../../lib/edit-conflict.ts';
import { formatDate } from '../../lib/format.ts';

/**
 * What the review's details form edits, as the form holds it: the attendees as one sorted line of ids,
 * so the field compares equal when the same people are ticked in another order.
 */
export interface ReviewDetailsValues {
  title: string;
  plannedOn: string;
  chairUserId: string;
  attendeeUserIds: string;
}

export const reviewDetailsLabels: Record<keyof ReviewDetailsValues, string> = {
  title: 'Title',
  plannedOn: 'Planned for',
  chairUserId: 'Chair',
  attendeeUserIds: 'Attendees',
};

const separator = '\n';

export function joinPeople(ids: readonly string[]): string {
  return [...new Set(ids)].sort().join(separator);
}

export function splitPeople(value: string): string[] {
  return value ? value.split(separator) : [];
}

export function reviewDetailsValues(review: ManagementReviewDetail): ReviewDetailsValues {
  return {
    title: review.title,
    plannedOn: review.plannedOn,
    chairUserId: review.chair?.userId ?? '',
    attendeeUserIds: joinPeople(review.attendees.map((person) => person.userId)),
  };
}

/** The PATCH body: the version the person edited and only the fields they changed. */
export function reviewDetailsBody(version: number, changes: Partial<ReviewDetailsValues>): UpdateManagementReviewBody {
  const body: UpdateManagementReviewBody = { version };
  if (changes.title !== undefined) body.title = changes.title;
  if (changes.plannedOn !== undefined) body.plannedOn = changes.plannedOn;
  if (changes.chairUserId !== undefined) body.chairUserId = changes.chairUserId;
  if (changes.attendeeUserIds !== undefined) body.attendeeUserIds = splitPeople(changes.attendeeUserIds);
  return body;
}

/** Everyone the form may name: members, and the chair and attendees as the review records them. */
export function peopleNames(members: ReadonlyArray<{ userId: string; name: string }>, reviews: ReadonlyArray<ManagementReviewDetail>): Map<string, string> {
  const names = new Map(members.map((member) => [member.userId, member.name]));
  for (const review of reviews) {
    for (const person of [...(review.chair ? [review.chair] : []), ...review.attendees]) if (!names.has(person.userId)) names.set(person.userId, person.name);
  }
  return names;
}

/** How the conflict notice names and shows each field: labels, dd/mm/yyyy, people's names. */
export function reviewDetailsConflictFields(names: ReadonlyMap<string, string>): ConflictFields<ReviewDetailsValues> {
  const nameOf = (id: string) => names.get(id) ?? 'Another member';
  return {
    title: { label: reviewDetailsLabels.title, format: (value) => value },
    plannedOn: { label: reviewDetailsLabels.plannedOn, format: (value) => (value ? formatDate(value) : 'Not set') },
    chairUserId: { label: reviewDetailsLabels.chairUserId, format: (value) => (value ? nameOf(value) : 'No chair') },
    attendeeUserIds: { label: reviewDetailsLabels.attendeeUserIds, format: (value) => splitPeople(value).map(nameOf).sort().join(', ') || 'Nobody listed' },
  };
}
