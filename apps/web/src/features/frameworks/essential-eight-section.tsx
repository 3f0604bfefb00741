import { maturityLevelTitles, type CoverageTotalsReply, type FrameworkCoverageReply } from '@custodian/shared/contracts/frameworks.ts';
import { TableWrap } from '../../components/table.tsx';
import { coveredText, formatPercent } from './frameworks-format.ts';

type EssentialEight = FrameworkCoverageReply['essentialEight'];

function CoverageCell({ totals }: { totals: CoverageTotalsReply | undefined }) {
  if (!totals) return <td className="muted">—</td>;
  return (
    <td>
      <span className="coverage-percent">{formatPercent(totals.percentCovered)}</span>
      <span className="coverage-count">{coveredText(totals)}</span>
    </td>
  );
}

/** The eight mitigation strategies × Maturity Levels One to Three, with the level totals and ASD's attribution. */
export function EssentialEightSection({ essentialEight }: { essentialEight: EssentialEight }) {
  const levels = essentialEight.levels;
  return (
    <section className="panel" aria-labelledby="e8-heading">
      <h2 id="e8-heading">Essential Eight (ASD)</h2>
      <p>
        The Australian Signals Directorate’s eight mitigation strategies, at three maturity levels. A requirement counts as covered when every Annex A control
        it relies on is implemented in your gap analysis.
      </p>
      <TableWrap labelledBy="e8-caption">
        <table className="table coverage-table">
          <caption id="e8-caption">Essential Eight requirements covered, by strategy and maturity level</caption>
          <thead>
            <tr>
              <th scope="col">Strategy</th>
              {levels.map((level) => (
                <th scope="col" key={level.level}>
                  {maturityLevelTitles[level.level]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {essentialEight.strategies.map((strategy) => (
              <tr key={strategy.id}>
                <th scope="row">{strategy.title}</th>
                {levels.map((level) => (
                  <CoverageCell key={level.level} totals={strategy.levels.find((entry) => entry.level === level.level)?.totals} />
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All eight strategies</th>
              {levels.map((level) => (
                <CoverageCell key={level.level} totals={level.totals} />
              ))}
            </tr>
          </tfoot>
        </table>
      </TableWrap>
      <p className="attribution">{essentialEight.attribution}</p>
    </section>
  );
}
