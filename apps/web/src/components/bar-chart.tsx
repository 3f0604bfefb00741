import { useId } from 'react';

export interface BarRow {
  id: string;
  label: string;
  /** 0–100 */
  percent: number;
  /** Extra text for the table alternative, e.g. "3 of 7 implemented". */
  detail?: string;
}

interface BarChartProps {
  /** Describes the chart for the table alternative, e.g. "Readiness by clause". */
  caption: string;
  rows: BarRow[];
}

/**
 * Horizontal bars drawn with CSS. Each bar shows its percentage as text; the drawn bar is hidden from
 * screen readers and a table with the same figures is offered under "Show as a table".
 */
export function BarChart({ caption, rows }: BarChartProps) {
  const id = useId();
  return (
    <div className="bar-chart">
      <ul className="bar-list" aria-describedby={`${id}-caption`}>
        {rows.map((row) => (
          <li key={row.id} className="bar-row">
            <span className="bar-label">{row.label}</span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ width: `${row.percent}%` }} />
            </span>
            <span className="bar-value">{row.percent}%</span>
          </li>
        ))}
      </ul>
      <details className="chart-table">
        <summary>Show as a table</summary>
        <table className="table">
          <caption id={`${id}-caption`}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Area</th>
              <th scope="col">Readiness</th>
              {rows.some((row) => row.detail) ? <th scope="col">Detail</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.label}</th>
                <td>{row.percent}%</td>
                {rows.some((item) => item.detail) ? <td>{row.detail ?? ''}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
