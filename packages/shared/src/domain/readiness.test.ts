import { describe, expect, it } from 'vitest';
import type { GapStatus } from '../contracts/gap.ts';
import { computeReadiness, scoreOf, type ReadinessItem } from './readiness.ts';

let next = 0;
function item(kind: ReadinessItem['kind'], status: GapStatus, extra: Partial<ReadinessItem> = {}): ReadinessItem {
  next += 1;
  return {
    id: `id-${next}`,
    kind,
    ref: kind === 'control' ? `A.5.${next}` : `4.${next}`,
    title: kind === 'document' ? 'Scope Document' : `Item ${next}`,
    clause: kind === 'control' ? null : '4',
    theme: kind === 'control' ? 'organisational' : null,
    stage: kind === 'control' ? 2 : 1,
    status,
    ...extra,
  };
}

const clauses = [
  { ref: '4', title: 'Context of the organization' },
  { ref: '5', title: 'Leadership' },
];
const themes = [
  { id: 'organisational', ref: 'A.5', title: 'Organisational controls' },
  { id: 'people', ref: 'A.6', title: 'People controls' },
];

describe('scoreOf', () => {
  it('scores implemented 1, partial ½ and not started 0, as a percentage with one decimal', () => {
    expect(scoreOf([item('control', 'implemented'), item('control', 'partial'), item('control', 'not_started')])).toBe(50);
    expect(scoreOf([item('control', 'partial'), item('control', 'not_started'), item('control', 'not_started')])).toBe(16.7);
  });

  it('leaves not applicable out, and scores nothing when nothing applies', () => {
    expect(scoreOf([item('control', 'implemented'), item('control', 'not_applicable')])).toBe(100);
    expect(scoreOf([item('control', 'not_applicable')])).toBe(0);
    expect(scoreOf([])).toBe(0);
  });
});

describe('computeReadiness', () => {
  it('weighs the management system and the applicable controls equally', () => {
    const result = computeReadiness(
      [item('clause', 'implemented'), item('document', 'not_started'), item('control', 'implemented'), item('control', 'not_applicable')],
      clauses,
      themes,
    );
    expect(result.clauseScore).toBe(50);
    expect(result.controlScore).toBe(100);
    expect(result.overall.score).toBe(75);
    expect(result.overall.counts).toEqual({ implemented: 2, partial: 0, notStarted: 1, notApplicable: 1, total: 4 });
    expect(result.weighting.clauseWeight + result.weighting.controlWeight).toBe(1);
  });

  it('scores each top-level clause and theme from its own items only', () => {
    const result = computeReadiness(
      [item('clause', 'implemented', { clause: '4' }), item('clause', 'not_started', { clause: '5' }), item('control', 'partial', { theme: 'people' })],
      clauses,
      themes,
    );
    expect(result.clauses.map((c) => [c.ref, c.score])).toEqual([
      ['4', 100],
      ['5', 0],
    ]);
    expect(result.themes.map((t) => [t.id, t.score, t.counts.total])).toEqual([
      ['organisational', 0, 0],
      ['people', 50, 1],
    ]);
  });

  it('blocks Stage 1 on open stage-1 requirements and documents only, and Stage 2 on Stage 1 too', () => {
    const openClause = item('clause', 'partial', { stage: 1 });
    const openControl = item('control', 'not_started');
    const result = computeReadiness([openClause, item('document', 'implemented'), openControl, item('control', 'not_applicable')], clauses, themes);
    const [stage1, stage2] = result.stages;
    expect(stage1?.blockers.map((b) => b.itemId)).toEqual([openClause.id]);
    expect(stage1?.isReady).toBe(false);
    expect(stage2?.blockers.map((b) => b.itemId)).toEqual([openControl.id]);
    expect(stage2?.isReady).toBe(false);
    expect(stage1?.blockers[0]?.reason).toMatch(/only partly in place/);
    expect(stage2?.blockers[0]?.reason).toMatch(/mark it not applicable with a justification/);
  });

  it('is ready for both stages when everything that applies is implemented', () => {
    const result = computeReadiness([item('clause', 'implemented'), item('document', 'implemented', { stage: 2 }), item('control', 'implemented'), item('control', 'not_applicable')], clauses, themes);
    expect(result.stages.map((s) => s.isReady)).toEqual([true, true]);
    expect(result.overall.score).toBe(100);
  });

  it('is not ready for Stage 2 while Stage 1 is blocked, even with every control done', () => {
    const result = computeReadiness([item('clause', 'not_started'), item('control', 'implemented')], clauses, themes);
    expect(result.stages[1]?.blockers).toEqual([]);
    expect(result.stages[1]?.isReady).toBe(false);
  });
});
