import { useQuery } from '@tanstack/react-query';
import { operatorApi } from '@custodian/shared/contracts/operator.ts';
import { call } from '../../api/client.ts';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { auDate } from '../directory/provider-words.ts';

const statusWords: Record<string, string> = {
  unconfirmed: 'Waiting for e-mail confirmation',
  pending_approval: 'Waiting for your approval',
  rejected: 'Rejected',
  open: 'Open',
  decided: 'Decided',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
};

/** Marketplace health over the last 30 and 90 days. */
export function HealthPanel() {
  const health = useQuery({ queryKey: ['operator', 'health'], queryFn: () => call(operatorApi.health) });
  if (health.isPending) return <Loading label="Loading marketplace figures…" />;
  if (health.isError) return <LoadError error={health.error} onRetry={() => void health.refetch()} />;
  const h = health.data;
  return (
    <section className="panel" aria-labelledby="health-heading">
      <h2 id="health-heading">Marketplace health</h2>
      <p>
        {h.providers.listed} providers listed, {h.providers.unpublished} not published, {h.providers.suspended} suspended.
      </p>
      <table className="table">
        <caption>Requests, leads and quotes (as of {auDate(h.asOf)})</caption>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {h.windows.map((w) => (
              <th scope="col" key={w.days}>
                Last {w.days} days
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Object.keys(statusWords).map((status) => (
            <tr key={status}>
              <th scope="row">Requests: {statusWords[status]}</th>
              {h.windows.map((w) => (
                <td key={w.days}>{w.requestsByStatus[status] ?? 0}</td>
              ))}
            </tr>
          ))}
          {(['offered', 'accepted', 'declined', 'expired'] as const).map((k) => (
            <tr key={k}>
              <th scope="row">Leads {k}</th>
              {h.windows.map((w) => (
                <td key={w.days}>{w.leads[k]}</td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">Median hours to a provider’s first answer</th>
            {h.windows.map((w) => (
              <td key={w.days}>{w.medianHoursToFirstResponse ?? '—'}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">Quotes accepted of those submitted</th>
            {h.windows.map((w) => (
              <td key={w.days}>{w.quoteAcceptanceRate === null ? '—' : `${Math.round(w.quoteAcceptanceRate * 100)} % (${w.quotes.accepted} of ${w.quotes.submitted})`}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </section>
  );
}
