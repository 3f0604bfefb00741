import { useId } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { InsightsMethod, TrendPoint } from '@custodian/shared/contracts/risk-insights.ts';
import { formatDate } from '../../lib/format.ts';

/**
 * Open risks by residual level per day (stacked areas in the matrix colours, recharts), with the same
 * figures in a table below it: one row per day with a snapshot.
 */
export function TrendChart({ method, points }: { method: InsightsMethod; points: readonly TrendPoint[] }) {
  const id = useId();
  if (points.length === 0) return <p className="muted">The trend starts with the first day your register has risks in it; a point is added every day.</p>;
  const data = points.map((point) => ({ day: formatDate(point.date), ...point.residual }));
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <div className="chart-drawing" aria-hidden="true">
        <ResponsiveContainer width="100%" height={280}>
          <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend itemSorter={null} />
            {method.levels.map((level) => (
              <Area key={level.key} type="monotone" dataKey={level.key} name={level.label} stackId="levels" stroke={level.colour} fill={level.colour} fillOpacity={0.85} isAnimationActive={false} />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <details className="chart-table">
        <summary>Show as a table</summary>
        <table className="table table-compact">
          <caption id={`${id}-caption`}>Open risks by residual level, per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {method.levels.map((level) => (
                <th key={level.key} scope="col">
                  {level.label}
                </th>
              ))}
              <th scope="col">Open risks</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.date}>
                <th scope="row">{formatDate(point.date)}</th>
                {method.levels.map((level) => (
                  <td key={level.key}>{point.residual[level.key] ?? 0}</td>
                ))}
                <td>{point.openRisks}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
