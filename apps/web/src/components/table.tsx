import type { ReactNode, Ref } from 'react';

interface TableWrapProps {
  /** Names the scrollable region: a label, or the id of the element that names it (the table's caption). */
  label?: string;
  labelledBy?: string;
  describedBy?: string;
  ref?: Ref<HTMLDivElement>;
  children: ReactNode;
}

/**
 * A table that scrolls sideways on narrow screens instead of overflowing the page. The region can take
 * keyboard focus (so it can be scrolled with the arrow keys) and is named for screen readers.
 */
export function TableWrap({ label, labelledBy, describedBy, ref, children }: TableWrapProps) {
  return (
    <div ref={ref} className="table-wrap" role="region" aria-label={labelledBy ? undefined : label} aria-labelledby={labelledBy} aria-describedby={describedBy} tabIndex={0}>
      {children}
    </div>
  );
}
