import type { InsightsMethod, TopRisk } from '@custodian/shared/contracts/risk-insights.ts';
import { riskStatusLabels } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { Tag } from '../../components/status-badge.tsx';
import { textOn } from './level-colours.ts';

function LevelChip({ method, levelKey }: { method: InsightsMethod; levelKey: string }) {
  const level = method.levels.find((entry) => entry.key === levelKey);
  const colour = level?.colour ?? '#ffffff';
  return (
    <span className="level-chip" style={{ backgroundColor: colour, color: textOn(colour) }}>
      {level?.label ?? '—'}
    </span>
  );
}

function score(method: InsightsMethod, at: TopRisk['inherent']) {
  const likelihood = method.likelihood.find((entry) => entry.level === at.likelihood)?.label ?? String(at.likelihood);
  const impact = method.impact.find((entry) => entry.level === at.impact)?.label ?? String(at.impact);
  return (
    <>
      <LevelChip method={method} levelKey={at.levelKey} /> <span className="muted">{likelihood} × {impact}</span>
    </>
  );
}

/** The open risks that stand highest, as a table (level chips carry their label, not colour alone). */
export function TopRisks({ method, risks }: { method: InsightsMethod; risks: readonly TopRisk[] }) {
  if (risks.length === 0) return <p className="muted">No open risks yet. Add risks to the register and the highest will be listed here.</p>;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="sr-only">Top risks, highest residual level first</caption>
        <thead>
          <tr>
            <th scope="col">Risk</th>
            <th scope="col">Inherent</th>
            <th scope="col">Residual</th>
            <th scope="col">Owner</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {risks.map((risk) => (
            <tr key={risk.id}>
              <th scope="row">
                {risk.ref} {risk.title}
              </th>
              <td>{score(method, risk.inherent)}</td>
              <td>{risk.residual ? score(method, risk.residual) : <span className="muted">Not assessed yet</span>}</td>
              <td>{risk.ownerName ?? <span className="muted">No owner</span>}</td>
              <td>
                {riskStatusLabels[risk.status]}{' '}
                {risk.isAccepted ? <Tag tone="success">Accepted</Tag> : null}{' '}
                {!risk.isWithinAppetite ? <Tag tone="danger">Above appetite</Tag> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
