import type { HeatMapCell, InsightsMethod } from '@custodian/shared/contracts/risk-insights.ts';
import { textOn } from './level-colours.ts';

interface HeatMapProps {
  caption: string;
  method: InsightsMethod;
  cells: readonly HeatMapCell[];
}

/**
 * A risk matrix as a table: likelihood down (highest first), impact across, each cell in its level's
 * colour with the number of open risks in it and how many of those are accepted. Being a table with
 * row and column headers, it is its own accessible alternative; the level is written in every cell,
 * so colour is never the only signal.
 */
export function HeatMap({ caption, method, cells }: HeatMapProps) {
  const levels = new Map(method.levels.map((level) => [level.key, level]));
  const at = new Map(cells.map((cell) => [`${cell.likelihood}:${cell.impact}`, cell]));
  const rows = [...method.likelihood].reverse();
  return (
    <div className="heat-map-scroll">
      <table className="heat-map">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <td className="heat-map-corner">
              <span className="muted">Likelihood ↓ · Impact →</span>
            </td>
            {method.impact.map((impact) => (
              <th key={impact.level} scope="col">
                {impact.level}. {impact.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((likelihood) => (
            <tr key={likelihood.level}>
              <th scope="row">
                {likelihood.level}. {likelihood.label}
              </th>
              {method.impact.map((impact) => {
                const cell = at.get(`${likelihood.level}:${impact.level}`);
                const level = levels.get(cell?.levelKey ?? '');
                const colour = level?.colour ?? '#ffffff';
                const count = cell?.count ?? 0;
                return (
                  <td key={impact.level} className={count === 0 ? 'heat-cell heat-cell-empty' : 'heat-cell'} style={{ backgroundColor: colour, color: textOn(colour) }}>
                    <span className="heat-count">{count}</span>
                    <span className="heat-level">{level?.label ?? ''}</span>
                    {cell && cell.accepted > 0 ? <span className="heat-accepted">{cell.accepted} accepted</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
