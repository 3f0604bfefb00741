import type { CoverageTotalsReply } from '@custodian/shared/contracts/frameworks.ts';

/** The address of an Annex A control's page from its ref, e.g. "A.5.34" → /controls/iso27001%3A2022%3AA.5.34. */
export function controlPath(ref: string): string {
  return `/controls/${encodeURIComponent(`iso27001:2022:${ref}`)}`;
}

/** A percentage as people read it ("62.5%"), or a dash when nothing is left in scope. */
export function formatPercent(value: number | null): string {
  if (value === null) return '—';
  return `${value.toLocaleString('en-AU', { maximumFractionDigits: 1 })}%`;
}

/**
 * "3 of 8 requirements covered", counted over the requirements that are not excluded (as the
 * percentage is), with the excluded ones named after it.
 */
export function coveredText(totals: CoverageTotalsReply, noun = 'requirements'): string {
  const inScope = totals.total - totals.excluded;
  const excluded = totals.excluded > 0 ? ` (${totals.excluded} excluded)` : '';
  if (inScope === 0) return `None in scope${excluded}`;
  return `${totals.covered} of ${inScope} ${noun} covered${excluded}`;
}
