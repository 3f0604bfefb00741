import type { RiskScoresSnapshot } from '@custodian/shared/contracts/risk-method.ts';
import { useSignedInSession } from '../../api/session.ts';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useRiskHistory } from './risks-api.ts';

function scoreLine(scores: RiskScoresSnapshot): string {
  const one = (name: string, s: { likelihood: number; impact: number } | null) => (s ? `${name} ${s.likelihood} × ${s.impact}` : `${name} not scored`);
  return [one('inherent', scores.inherent), one('current', scores.current), one('residual', scores.residual)].join(', ');
}

/** Everything that happened to the risk, in plain words, and each re-score by a change of method. */
export function RiskHistoryPanel({ riskId }: { riskId: string }) {
  const session = useSignedInSession();
  const history = useRiskHistory(riskId);
  const timeZone = session.organisation?.timeZone;
  if (history.isPending) return <Loading label="Loading the history…" />;
  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <ol className="history">
        {history.data.events.map((event, index) => (
          <li key={`${event.at}-${index}`}>
            <p>
              <span className="muted">{formatDateTime(event.at, timeZone)}</span> — {event.sentence}
            </p>
            {event.changes.length > 0 ? (
              <ul className="history-changes">
                {event.changes.map((change) => (
                  <li key={change.field}>
                    {change.field}: {change.before} → {change.after}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {history.data.rescores.length > 0 ? (
        <>
          <h3>Re-scored by changes of the risk method</h3>
          <ul className="history">
            {history.data.rescores.map((rescore) => (
              <li key={rescore.toVersion}>
                {formatDateTime(rescore.at, timeZone)} — method version {rescore.fromVersion} → {rescore.toVersion}
                {rescore.byName ? ` by ${rescore.byName}` : ''}
                {rescore.note ? ` (“${rescore.note}”)` : ''}: {scoreLine(rescore.before)} became {scoreLine(rescore.after)}.
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
