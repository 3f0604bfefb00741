import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { riskStatusLabels, type RiskStatus } from '@custodian/shared/contracts/risk-vocabulary.ts';

/** Risks per status (closed included) as horizontal bars, so the status names never overlap (recharts, hidden from screen readers) and a table. */
export function StatusBars({ counts }: { counts: ReadonlyArray<{ status: RiskStatus; count: number }> }) {
  const id = useId();
  const data = counts.map((entry) => ({ name: riskStatusLabels[entry.status], count: entry.count }));
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <div className="chart-drawing" aria-hidden="true">
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={170} tick={{ fontSize: 13 }} interval={0} />
            <Tooltip />
            <Bar dataKey="count" name="Risks" fill="#0b5394" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="chart-table">
        <summary>Show as a table</summary>
        <table className="table table-compact">
          <caption id={`${id}-caption`}>Risks by status</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Risks</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((entry) => (
              <tr key={entry.status}>
                <th scope="row">{riskStatusLabels[entry.status]}</th>
                <td>{entry.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
