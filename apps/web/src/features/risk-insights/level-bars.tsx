import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { InsightsMethod, LevelBreakdown } from '@custodian/shared/contracts/risk-insights.ts';

interface LevelBarsProps {
  caption: string;
  /** Heading of the table's first column, e.g. "Asset". */
  groupLabel: string;
  method: InsightsMethod;
  groups: readonly LevelBreakdown[];
}

/**
 * Open risks per group (asset, owner) as horizontal bars stacked by risk level in the matrix colours,
 * drawn with recharts and hidden from screen readers; the same figures are in the table below it.
 */
export function LevelBars({ caption, groupLabel, method, groups }: LevelBarsProps) {
  const id = useId();
  if (groups.length === 0) return <p className="muted">No open risks to show yet.</p>;
  const data = groups.map((group) => ({ name: group.label, ...group.byLevel }));
  const height = 60 + groups.length * 34;
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <div className="chart-drawing" aria-hidden="true">
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={200} tick={{ fontSize: 13 }} />
            <Tooltip />
            <Legend itemSorter={null} />
            {method.levels.map((level) => (
              <Bar key={level.key} dataKey={level.key} name={level.label} stackId="levels" fill={level.colour} stroke="#1b1f24" strokeWidth={0.5} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="chart-table">
        <summary>Show as a table</summary>
        <table className="table table-compact">
          <caption id={`${id}-caption`}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{groupLabel}</th>
              {method.levels.map((level) => (
                <th key={level.key} scope="col">
                  {level.label}
                </th>
              ))}
              <th scope="col">Open risks</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.id ?? 'none'}>
                <th scope="row">{group.label}</th>
                {method.levels.map((level) => (
                  <td key={level.key}>{group.byLevel[level.key] ?? 0}</td>
                ))}
                <td>{group.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
