import { gapStatusLabels, type GapStatus } from '@custodian/shared/contracts/gap.ts';

/** The gap status as a coloured label (the text carries the meaning, not the colour). */
export function StatusBadge({ status }: { status: GapStatus }) {
  return <span className={`badge badge-${status.replace('_', '-')}`}>{gapStatusLabels[status]}</span>;
}

/** A small neutral or warning tag, e.g. "Overdue" or "(demo)". */
export function Tag({ tone = 'neutral', children }: { tone?: 'neutral' | 'warning' | 'success' | 'danger'; children: string }) {
  return <span className={`tag tag-${tone}`}>{children}</span>;
}
