import { useState } from 'react';
import { useSignedInSession } from '../../api/session.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { plural } from '../../lib/format.ts';
import { HeatMap } from './heat-map.tsx';
import { LevelBars } from './level-bars.tsx';
import { reportUrl, useRiskInsights } from './risk-insights-api.ts';
import { StatusBars } from './status-bars.tsx';
import { TopRisks } from './top-risks.tsx';
import { TrendChart } from './trend-chart.tsx';

const trendWindows = [
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last 12 months' },
];

/** The downloads: risk assessment report (8.2) and risk treatment plan (6.1.3 e, 8.3), each as Word or PDF. */
function ReportLinks() {
  const links = [
    { report: 'assessment' as const, name: 'Risk assessment report' },
    { report: 'treatment' as const, name: 'Risk treatment plan' },
  ];
  return (
    <div className="report-links">
      {links.map((link) => (
        <span key={link.report} className="report-links">
          <span aria-hidden="true">{link.name}:</span>
          <a className="button button-secondary" href={reportUrl(link.report, 'docx')} download>
            Word <span className="sr-only">— {link.name}</span>
          </a>
          <a className="button button-secondary" href={reportUrl(link.report, 'pdf')} download>
            PDF <span className="sr-only">— {link.name}</span>
          </a>
        </span>
      ))}
    </div>
  );
}

/** Risk insights: heat maps before and after treatment, top risks, breakdowns, the trend, and the reports. */
export function RiskInsightsPage() {
  const session = useSignedInSession();
  const [days, setDays] = useState(90);
  const insights = useRiskInsights(days);
  const header = (
    <PageHeader
      title="Risk insights"
      intro={<p>Where the risks of {session.organisation?.name ?? 'your organisation'} stand, before and after treatment.</p>}
      actions={<ReportLinks />}
    />
  );
  if (insights.isPending) return <>{header}<Loading label="Counting risks…" /></>;
  if (insights.isError) return <>{header}<LoadError error={insights.error} onRetry={() => void insights.refetch()} /></>;
  const data = insights.data;
  const { method } = data;
  const appetite = method.levels.find((level) => level.key === method.acceptableLevel)?.label ?? '';
  return (
    <>
      {header}
      <p data-testid="insights-summary">
        {plural(data.openRisks, 'open risk')}; {plural(data.aboveAppetite, 'risk')} above your appetite (the highest level you accept is {appetite}).{' '}
        {method.version === null ? 'Your risk method has not been set up yet, so the default 5 × 5 method is shown.' : `Risk method version ${method.version}.`}
      </p>
      <div className="heat-map-pair">
        <section className="panel" aria-labelledby="inherent-heading">
          <h2 id="inherent-heading">Before treatment (inherent)</h2>
          <HeatMap caption="Open risks by inherent likelihood and impact" method={method} cells={data.inherentHeatMap} />
        </section>
        <section className="panel" aria-labelledby="residual-heading">
          <h2 id="residual-heading">After treatment (residual)</h2>
          <HeatMap caption="Open risks by residual likelihood and impact" method={method} cells={data.residualHeatMap} />
          {data.residualNotAssessed > 0 ? (
            <p className="muted">
              {plural(data.residualNotAssessed, 'risk')} without a residual score yet {data.residualNotAssessed === 1 ? 'is' : 'are'} shown at its current or inherent score.
            </p>
          ) : null}
        </section>
      </div>
      <section className="panel" aria-labelledby="top-heading">
        <h2 id="top-heading">Top risks</h2>
        <TopRisks method={method} risks={data.topRisks} />
      </section>
      <div className="two-column">
        <section className="panel" aria-labelledby="asset-heading">
          <h2 id="asset-heading">Open risks by asset</h2>
          <LevelBars caption="Open risks by asset and residual level" groupLabel="Asset" method={method} groups={data.byAsset} />
        </section>
        <section className="panel" aria-labelledby="owner-heading">
          <h2 id="owner-heading">Open risks by owner</h2>
          <LevelBars caption="Open risks by owner and residual level" groupLabel="Owner" method={method} groups={data.byOwner} />
        </section>
      </div>
      <section className="panel" aria-labelledby="status-heading">
        <h2 id="status-heading">Risks by status</h2>
        <StatusBars counts={data.byStatus} />
      </section>
      <section className="panel" aria-labelledby="trend-heading">
        <h2 id="trend-heading">Trend</h2>
        <div className="filter-row">
          <label htmlFor="trend-window">Show</label>{' '}
          <select id="trend-window" value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {trendWindows.map((window) => (
              <option key={window.days} value={window.days}>
                {window.label}
              </option>
            ))}
          </select>
        </div>
        <TrendChart method={method} points={data.trend} />
      </section>
    </>
  );
}
