import type { ReactNode } from 'react';

/** A description list; each row is a <div> holding one term and its description. */
export function DetailsList({ children }: { children: ReactNode }) {
  return <dl className="details-list">{children}</dl>;
}

/** One term and its description inside a DetailsList. */
export function DetailRow({ term, children, className }: { term: string; children: ReactNode; className?: string }) {
  return (
    <div className="details-pair">
      <dt>{term}</dt>
      <dd className={className}>{children}</dd>
    </div>
  );
}
