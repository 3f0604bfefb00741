import { gapStatuses, type GapStatus } from '../contracts/gap.ts';

export type GapItemKind = 'clause' | 'control' | 'document';

/**
 * Clauses 4 to 10 and the mandatory documents apply to every ISMS; only an Annex A control can be
 * excluded (with a justification, in the Statement of Applicability). The server refuses, and the web
 * form does not offer, anything else.
 */
export function canBeNotApplicable(kind: GapItemKind): boolean {
  return kind === 'control';
}

/** The statuses an item of this kind may take, in display order. */
export function statusesFor(kind: GapItemKind): readonly GapStatus[] {
  return canBeNotApplicable(kind) ? gapStatuses : gapStatuses.filter((status) => status !== 'not_applicable');
}

export const notApplicableRefusal = 'Clauses 4 to 10 and the mandatory documents apply to every ISMS; only Annex A controls can be marked not applicable.';
