import { maturityLevelTitles } from '@custodian/shared/contracts/frameworks.ts';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Link } from '../../router.tsx';
import { useFrameworkCoverage } from './frameworks-api.ts';
import { formatPercent } from './frameworks-format.ts';

/** The dashboard's "Other frameworks" panel: Essential Eight per maturity level and the Privacy Principles, percent covered. */
export function FrameworksPanel() {
  const coverage = useFrameworkCoverage();
  return (
    <section className="panel" aria-labelledby="frameworks-panel-heading">
      <h2 id="frameworks-panel-heading">Other frameworks</h2>
      {coverage.isPending ? <Loading label="Working out coverage…" /> : null}
      {coverage.isError ? <LoadError error={coverage.error} onRetry={() => void coverage.refetch()} /> : null}
      {coverage.isSuccess ? (
        <>
          <p>Requirements covered by the Annex A controls you have implemented.</p>
          <dl className="framework-figures">
            {coverage.data.essentialEight.levels.map((level) => (
              <div key={level.level} className="framework-figure">
                <dt>Essential Eight {maturityLevelTitles[level.level]}</dt>
                <dd>{formatPercent(level.totals.percentCovered)}</dd>
              </div>
            ))}
            <div className="framework-figure">
              <dt>Australian Privacy Principles</dt>
              <dd>{formatPercent(coverage.data.privacyPrinciples.totals.percentCovered)}</dd>
            </div>
          </dl>
          <Link to="/frameworks">See Essential Eight and Privacy Principles coverage</Link>
        </>
      ) : null}
    </section>
  );
}
