import type { ReadinessReply } from '@custodian/shared/contracts/gap.ts';
import { gapStatusLabels } from '@custodian/shared/contracts/gap.ts';

type Counts = ReadinessReply['overall']['counts'];

const segments: Array<{ key: keyof Omit<Counts, 'total'>; status: keyof typeof gapStatusLabels }> = [
  { key: 'implemented', status: 'implemented' },
  { key: 'partial', status: 'partial' },
  { key: 'notStarted', status: 'not_started' },
  { key: 'notApplicable', status: 'not_applicable' },
];

/** One stacked bar of how many items are in each status, with a legend that carries the numbers. */
export function StatusMix({ counts }: { counts: Counts }) {
  const total = counts.total || 1;
  return (
    <div className="status-mix">
      <div className="stacked-bar" aria-hidden="true">
        {segments.map((segment) =>
          counts[segment.key] > 0 ? (
            <span key={segment.key} className={`stacked-segment segment-${segment.status.replace('_', '-')}`} style={{ width: `${(counts[segment.key] / total) * 100}%` }} />
          ) : null,
        )}
      </div>
      <table className="table table-compact">
        <caption className="sr-only">Items by status</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Items</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {segments.map((segment) => (
            <tr key={segment.key}>
              <th scope="row">
                <span className={`legend-swatch segment-${segment.status.replace('_', '-')}`} aria-hidden="true" />
                {gapStatusLabels[segment.status]}
              </th>
              <td>{counts[segment.key]}</td>
              <td>{Math.round((counts[segment.key] / total) * 100)}%</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Total</th>
            <td>{counts.total}</td>
            <td>100%</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
