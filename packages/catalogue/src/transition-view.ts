/**
 * The transition view: an organisation's statement against the 2013 Annex A, read forward onto the
 * 2022 controls, so a practice moving to the 2022 edition sees what it carries over and what is new.
 */
import type { GapStatus } from '@custodian/shared/contracts/gap.ts';
import type { Catalogue } from './catalogue.schema.ts';
import type { LegacyMapping } from './iso27001-2013-mapping.ts';

/** One 2013 control feeding a 2022 control, with the status the organisation gave it (if any). */
export interface TransitionSource {
  readonly ref: string;
  readonly title: string;
  readonly status: GapStatus | null;
}

/** One 2022 control in the transition view. */
export interface TransitionControl {
  readonly id: string;
  readonly ref: string;
  readonly title: string;
  /** True when no 2013 control maps to it: the organisation has nothing to carry over. */
  readonly isNew: boolean;
  /** The 2013 controls that feed it, in 2013 order. */
  readonly sources: readonly TransitionSource[];
  /**
   * A starting status suggested from the sources: implemented only when every applicable source is
   * implemented, not applicable only when every source is, else partial when any work is recorded,
   * else not started. A source without a status counts as not started once any source has one, so a
   * gap in the 2013 statement never makes a merged control look done. Null for a new control or one
   * whose sources all lack a status.
   */
  readonly suggestedStatus: GapStatus | null;
}

/** The whole transition view, with counts a summary line can show. */
export interface TransitionView {
  readonly controls: readonly TransitionControl[];
  readonly newControlIds: readonly string[];
  /** 2013 refs in the statement that the mapping does not know (a typo or a custom control). */
  readonly unknownLegacyRefs: readonly string[];
}

/** Suggests a 2022 status from the statuses of the 2013 controls that feed it. */
export function suggestStatus(statuses: readonly GapStatus[]): GapStatus | null {
  if (statuses.length === 0) return null;
  if (statuses.every((s) => s === 'not_applicable')) return 'not_applicable';
  const applicable = statuses.filter((s) => s !== 'not_applicable');
  if (applicable.every((s) => s === 'implemented')) return 'implemented';
  if (applicable.some((s) => s === 'implemented' || s === 'partial')) return 'partial';
  return 'not_started';
}

/**
 * Reads a 2013 statement (2013 ref such as "A.9.2.3" → status) onto every 2022 control, in catalogue order.
 * Pure: the caller loads the catalogue and the mapping.
 */
export function buildTransitionView(catalogue: Catalogue, mapping: LegacyMapping, statement: ReadonlyMap<string, GapStatus>): TransitionView {
  const sourcesByTarget = new Map<string, TransitionSource[]>();
  for (const legacy of mapping.controls) {
    const source: TransitionSource = { ref: legacy.ref, title: legacy.title, status: statement.get(legacy.ref) ?? null };
    for (const target of legacy.targets) {
      const list = sourcesByTarget.get(target) ?? [];
      list.push(source);
      sourcesByTarget.set(target, list);
    }
  }
  const controls = catalogue.controls.map((control): TransitionControl => {
    const sources = sourcesByTarget.get(control.id) ?? [];
    const isRecorded = sources.some((s) => s.status !== null);
    const statuses = isRecorded ? sources.map((s): GapStatus => s.status ?? 'not_started') : [];
    return {
      id: control.id,
      ref: control.ref,
      title: control.title,
      isNew: sources.length === 0,
      sources,
      suggestedStatus: suggestStatus(statuses),
    };
  });
  const knownRefs = new Set(mapping.controls.map((c) => c.ref));
  return {
    controls,
    newControlIds: controls.filter((c) => c.isNew).map((c) => c.id),
    unknownLegacyRefs: [...statement.keys()].filter((ref) => !knownRefs.has(ref)),
  };
}
