import type { GapStatus } from '../contracts/gap.ts';

/** One gap-analysis line as the readiness rules see it. */
export interface ReadinessItem {
  id: string;
  kind: 'clause' | 'control' | 'document';
  ref: string;
  title: string;
  /** Top-level clause ("4"–"10") for clause requirements and mandatory documents. */
  clause: string | null;
  /** Annex A theme for controls. */
  theme: string | null;
  stage: number | null;
  status: GapStatus;
}

export interface Counts {
  implemented: number;
  partial: number;
  notStarted: number;
  notApplicable: number;
  total: number;
}

export interface Scored {
  id: string;
  ref: string;
  title: string;
  score: number;
  counts: Counts;
}

export interface Blocker {
  itemId: string;
  kind: ReadinessItem['kind'];
  ref: string;
  title: string;
  status: GapStatus;
  reason: string;
}

export interface Readiness {
  overall: { score: number; counts: Counts };
  clauseScore: number;
  controlScore: number;
  clauses: Scored[];
  themes: Scored[];
  weighting: { clauseWeight: number; controlWeight: number; explanation: string[] };
  stages: Array<{ stage: number; title: string; isReady: boolean; blockers: Blocker[] }>;
}

export const clauseWeight = 0.5;
export const controlWeight = 0.5;

const statusPoints: Record<GapStatus, number | null> = { implemented: 1, partial: 0.5, not_started: 0, not_applicable: null };

function count(items: ReadinessItem[]): Counts {
  return {
    implemented: items.filter((i) => i.status === 'implemented').length,
    partial: items.filter((i) => i.status === 'partial').length,
    notStarted: items.filter((i) => i.status === 'not_started').length,
    notApplicable: items.filter((i) => i.status === 'not_applicable').length,
    total: items.length,
  };
}

/** Percentage (0–100, one decimal) of the points available from items that apply. */
export function scoreOf(items: ReadinessItem[]): number {
  const points = items.map((i) => statusPoints[i.status]).filter((p): p is number => p !== null);
  if (points.length === 0) return 0;
  return Math.round((points.reduce((a, b) => a + b, 0) / points.length) * 1000) / 10;
}

function blockerReason(item: ReadinessItem, stage: number): string {
  const state = item.status === 'partial' ? 'is only partly in place' : 'has not been started';
  if (item.kind === 'document') {
    return stage === 1
      ? `This mandatory ${item.title.toLowerCase()} ${state}; the Stage 1 auditor reads it before the visit.`
      : `This record ${state}; Stage 2 auditors ask to see it as evidence the ISMS operates.`;
  }
  if (item.kind === 'clause') {
    return stage === 1
      ? `Clause ${item.ref} ${state}; Stage 1 reviews how your ISMS is designed and documented.`
      : `Clause ${item.ref} ${state}; Stage 2 looks for evidence it has been carried out.`;
  }
  return `Control ${item.ref} applies to you but ${state}; Stage 2 tests that applicable controls operate. Implement it, or mark it not applicable with a justification.`;
}

/**
 * Readiness for certification, computed only from catalogue data and recorded statuses.
 * - Clause requirements and mandatory documents make up the management-system score; none of them can
 *   be excluded. Applicable Annex A controls make up the control score; a control marked not
 *   applicable (with a justification) is left out. Implemented = 1 point, partial = ½, not started = 0.
 * - Overall = clauseWeight × management-system score + controlWeight × control score.
 * - Stage 1 is blocked by every stage-1 clause requirement or document not yet implemented; Stage 2 by
 *   every stage-2 item and every applicable control not yet implemented, and by Stage 1 not being ready.
 */
export function computeReadiness(
  items: ReadinessItem[],
  clauseTitles: Array<{ ref: string; title: string }>,
  themes: Array<{ id: string; ref: string; title: string }>,
): Readiness {
  const managementSystem = items.filter((i) => i.kind !== 'control');
  const controls = items.filter((i) => i.kind === 'control');
  const clauseScore = scoreOf(managementSystem);
  const controlScore = scoreOf(controls);
  const overallScore = Math.round((clauseWeight * clauseScore + controlWeight * controlScore) * 10) / 10;

  const clauses = clauseTitles.map((c) => {
    const inClause = managementSystem.filter((i) => i.clause === c.ref);
    return { id: c.ref, ref: c.ref, title: c.title, score: scoreOf(inClause), counts: count(inClause) };
  });
  const themeScores = themes.map((t) => {
    const inTheme = controls.filter((i) => i.theme === t.id);
    return { id: t.id, ref: t.ref, title: t.title, score: scoreOf(inTheme), counts: count(inTheme) };
  });

  const isOpen = (i: ReadinessItem) => i.status === 'not_started' || i.status === 'partial';
  const toBlocker = (stage: number) => (i: ReadinessItem): Blocker => ({ itemId: i.id, kind: i.kind, ref: i.ref, title: i.title, status: i.status, reason: blockerReason(i, stage) });
  const stage1 = managementSystem.filter((i) => i.stage === 1 && isOpen(i)).map(toBlocker(1));
  const stage2 = [...managementSystem.filter((i) => i.stage === 2 && isOpen(i)), ...controls.filter(isOpen)].map(toBlocker(2));

  return {
    overall: { score: overallScore, counts: count(items) },
    clauseScore,
    controlScore,
    clauses,
    themes: themeScores,
    weighting: {
      clauseWeight,
      controlWeight,
      explanation: [
        'Each item scores 1 point when implemented, ½ point when partially implemented and 0 when not started.',
        `The management-system score covers the requirements of clauses 4 to 10 and the mandatory documents. None of them can be excluded, so every one counts.`,
        'The Annex A score covers the controls that apply to you. A control marked not applicable, with a justification, is left out of the score.',
        `Overall readiness weighs the two equally (${clauseWeight * 100}% management system, ${controlWeight * 100}% Annex A), because certification needs both: a working management system and the controls it chose.`,
        'Stage 1 needs every stage-1 requirement and document in place; Stage 2 also needs evidence that the ISMS operates (monitoring, internal audit, management review, corrective action) and every applicable control implemented.',
      ],
    },
    stages: [
      { stage: 1, title: 'Stage 1 audit (documentation and design review)', isReady: stage1.length === 0, blockers: stage1 },
      { stage: 2, title: 'Stage 2 audit (certification audit of operation)', isReady: stage1.length === 0 && stage2.length === 0, blockers: stage2 },
    ],
  };
}
