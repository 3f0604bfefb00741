import { ExportGapLink } from '../gap/export-gap-link.tsx';
import type { ReadinessReply } from '@custodian/shared/contracts/gap.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { BarChart, type BarRow } from '../../components/bar-chart.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { StatusBadge, Tag } from '../../components/status-badge.tsx';
import { formatDate, formatDateTime, toPercent } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { FrameworksPanel } from '../frameworks/frameworks-panel.tsx';
import { PlanDashboardPanel } from '../plan/plan-dashboard-panel.tsx';
import { useReadiness } from '../gap/gap-api.ts';
import { ScoreCard } from './score-card.tsx';
import { StageBlockers } from './stage-blockers.tsx';
import { StatusMix } from './status-mix.tsx';

function toRows(scored: ReadinessReply['clauses']): BarRow[] {
  return scored.map((entry) => ({
    id: entry.id,
    label: `${entry.ref} ${entry.title}`,
    percent: toPercent(entry.score),
    detail: `${entry.counts.implemented} implemented, ${entry.counts.partial} partial, ${entry.counts.notStarted} not started, ${entry.counts.notApplicable} not applicable`,
  }));
}

function isUntouched(readiness: ReadinessReply): boolean {
  const counts = readiness.overall.counts;
  return counts.implemented + counts.partial + counts.notApplicable === 0;
}

function StaffWelcome({ organisationName }: { organisationName: string }) {
  return (
    <>
      <PageHeader title="Dashboard" intro={<p>Welcome to {organisationName} on Custodian.</p>} />
      <EmptyState title="Learn what information security means for your practice" action={<Link to="/catalogue">Open the catalogue</Link>}>
        <p>Your practice uses Custodian to meet ISO/IEC 27001. The catalogue explains each requirement in plain language.</p>
      </EmptyState>
    </>
  );
}

/** Readiness for ISO/IEC 27001 certification: scores, charts, blockers per stage and overdue items. */
export function DashboardPage() {
  const session = useSignedInSession();
  const canReadGap = useCan('gap.read');
  const canExport = useCan('gap.export');
  const readiness = useReadiness(canReadGap);
  const organisationName = session.organisation?.name ?? 'your organisation';
  const timeZone = session.organisation?.timeZone;

  if (!canReadGap) return <StaffWelcome organisationName={organisationName} />;

  const header = (
    <PageHeader
      title="Dashboard"
      intro={<p>How ready {organisationName} is for ISO/IEC 27001:2022 certification.</p>}
      actions={
        canExport ? (
          <ExportGapLink />
        ) : null
      }
    />
  );
  if (readiness.isPending) return <>{header}<Loading label="Calculating readiness…" /></>;
  if (readiness.isError) return <>{header}<LoadError error={readiness.error} onRetry={() => void readiness.refetch()} /></>;

  const data = readiness.data;
  const isNew = isUntouched(data);
  return (
    <>
      {header}
      {isNew ? (
        <EmptyState title="Start your gap analysis" action={<Link to="/gap" className="button button-primary">Start your gap analysis</Link>}>
          <p>
            Work through the ISO/IEC 27001 clauses, the Annex A controls and the mandatory documents, and record how far along each one is. Your
            readiness score and the list of what stands between you and certification fill in as you go.
          </p>
        </EmptyState>
      ) : null}
      <div className="score-grid">
        <ScoreCard label="Overall readiness" percent={toPercent(data.overall.score)} testId="overall-readiness" isLarge note={`As at ${formatDateTime(data.asOf, timeZone)}`} />
        <ScoreCard label="Management system" percent={toPercent(data.clauseScore)} testId="clause-readiness" note="Clauses 4–10 and mandatory documents" />
        <ScoreCard label="Annex A controls" percent={toPercent(data.controlScore)} testId="control-readiness" note="Controls that apply to you" />
      </div>
      <PlanDashboardPanel />
      {!isNew ? (
        <>
          <div className="two-column">
            <section className="panel" aria-labelledby="by-clause-heading">
              <h2 id="by-clause-heading">Readiness by clause</h2>
              <BarChart caption="Readiness by clause" rows={toRows(data.clauses)} />
            </section>
            <section className="panel" aria-labelledby="by-theme-heading">
              <h2 id="by-theme-heading">Readiness by Annex A theme</h2>
              <BarChart caption="Readiness by Annex A theme" rows={toRows(data.themes)} />
            </section>
          </div>
          <section className="panel" aria-labelledby="status-mix-heading">
            <h2 id="status-mix-heading">Where every item stands</h2>
            <StatusMix counts={data.overall.counts} />
          </section>
          <section className="panel" aria-labelledby="overdue-heading">
            <h2 id="overdue-heading">Overdue items</h2>
            {data.overdue.length === 0 ? (
              <p>Nothing is overdue. Give items an owner and a target date in the gap analysis to keep work on track.</p>
            ) : (
              <ul className="overdue-list">
                {data.overdue.map((item) => (
                  <li key={item.itemId}>
                    <Link to={`/gap/${encodeURIComponent(item.itemId)}`}>
                      {item.ref} {item.title}
                    </Link>{' '}
                    <StatusBadge status={item.status} /> <Tag tone="danger">Overdue</Tag>
                    <p className="muted">
                      Due {formatDate(item.targetDate)}
                      {item.ownerName ? ` · Owner: ${item.ownerName}` : ' · No owner yet'}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <div className="two-column">
            {data.stages.map((stage) => (
              <StageBlockers key={stage.stage} stage={stage} />
            ))}
          </div>
        </>
      ) : null}
      <FrameworksPanel />
      <section className="panel" aria-labelledby="weighting-heading">
        <h2 id="weighting-heading">How readiness is calculated</h2>
        {data.weighting.explanation.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </section>
    </>
  );
}
