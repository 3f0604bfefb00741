import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ComparisonQuote } from '@custodian/shared/contracts/quotes.ts';
import { formatAud } from '@custodian/shared/domain/quote-normaliser.ts';
import { formatCalendarDate } from '@custodian/shared/domain/quote-flags.ts';
import { useCan } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { FormAlert, Notice } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Loading, LoadError } from '../../components/query-state.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { Link, useLocation } from '../../router.tsx';
import { MessagesPanel } from './messages-panel.tsx';
import { requesterApi, type Requester, type RequesterApi } from './requester-api.ts';

const statusTags: Record<ComparisonQuote['status'], { label: string; tone: 'neutral' | 'success' | 'warning' }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  submitted: { label: 'Submitted', tone: 'neutral' },
  withdrawn: { label: 'Withdrawn', tone: 'warning' },
  accepted: { label: 'Accepted', tone: 'success' },
  not_chosen: { label: 'Not chosen', tone: 'neutral' },
};

function AcceptButton({ api, quote }: { api: RequesterApi; quote: ComparisonQuote }) {
  const queryClient = useQueryClient();
  const [isConfirming, setConfirming] = useState(false);
  const accept = useMutation({
    mutationFn: () => api.accept(quote.quoteId, quote.version),
    onSettled: () => queryClient.invalidateQueries({ queryKey: api.comparisonKey }),
  });
  if (!isConfirming)
    return (
      <Button onClick={() => setConfirming(true)}>
        Accept this quote<span className="sr-only"> from {quote.providerName}</span>
      </Button>
    );
  return (
    <div role="group" aria-label="Confirm acceptance">
      <FormAlert error={accept.error} />
      <p>
        Engage {quote.providerName} for {formatAud(quote.totalCents)} over three years? The other quotes in this part are declined with thanks.
      </p>
      <Button isBusy={accept.isPending} busyText="Accepting…" onClick={() => accept.mutate()}>
        Yes, accept and engage
      </Button>{' '}
      <Button variant="secondary" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </div>
  );
}

/** The time zone a guest's dates are shown in (a guest has no organisation settings). */
const guestTimeZone = 'Australia/Sydney';

/**
 * Every submitted quote side by side over the three-year cycle, with flags, the estimate and the
 * decision: for a member of the requesting organisation or for a guest with the private link.
 */
export function ComparisonPage({ requester }: { requester: Requester }) {
  const memberCanDecide = useCan('marketplace.request');
  // A guest holding the private link is the requester: they may decide and write.
  const canDecide = requester.kind === 'guest' || memberCanDecide;
  const api = requesterApi(requester);
  const comparison = useQuery({ queryKey: api.comparisonKey, queryFn: api.loadComparison, retry: requester.kind === 'guest' ? false : 3 });
  if (comparison.isPending) return <Loading label="Loading the comparison…" />;
  if (comparison.isError) return <LoadError error={comparison.error} onRetry={() => void comparison.refetch()} />;
  const data = comparison.data;
  const e = data.estimate;
  return (
    <>
      <PageHeader
        title="Compare quotes"
        intro={<p>Every quote is shown over the whole three-year certification cycle, so the totals compare fairly. Prepared {formatCalendarDate(data.asOf)}.</p>}
        actions={
          <>
            <a href={api.pdfUrl}>Download PDF for the board</a>{' '}
            {requester.kind === 'guest' ? <Link to={`/guest/request?token=${encodeURIComponent(requester.token)}`}>Your request</Link> : <Link to={`/marketplace/requests/${requester.requestId}`}>The request</Link>}
          </>
        }
      />
      <Notice>
        Audit time estimate (ISO/IEC 27006) for {e.effectivePersons} people: initial certification {e.initialDays} days, each surveillance audit {e.surveillanceDays} days,
        recertification {e.recertificationDays} days.
      </Notice>
      {data.lanes.map((lane) => (
        <section key={lane.lane} aria-labelledby={`lane-${lane.lane}`}>
          <h2 id={`lane-${lane.lane}`}>{lane.label}</h2>
          {lane.quotes.length === 0 ? <p>No quotes submitted yet.</p> : null}
          {lane.quotes.length > 0 ? (
            <table className="table">
              <caption>{lane.label}: totals by year of the cycle (AUD)</caption>
              <thead>
                <tr>
                  <th scope="col">Year</th>
                  {lane.quotes.map((quote) => (
                    <th key={quote.quoteId} scope="col">
                      {quote.providerName} <Tag tone={statusTags[quote.status].tone}>{statusTags[quote.status].label}</Tag>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(lane.quotes[0]?.years ?? []).map((year, index) => (
                  <tr key={year.label}>
                    <th scope="row">{year.label}</th>
                    {lane.quotes.map((quote) => (
                      <td key={quote.quoteId}>{formatAud(quote.years[index]?.totalCents ?? 0)}</td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">Three-year total</th>
                  {lane.quotes.map((quote) => (
                    <td key={quote.quoteId}>
                      <strong>{formatAud(quote.totalCents)}</strong>
                    </td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">Flags and details</th>
                  {lane.quotes.map((quote) => (
                    <td key={quote.quoteId}>
                      {quote.auditDays ? (
                        <p>
                          Audit days {quote.auditDays.initial} / {quote.auditDays.surveillance1} / {quote.auditDays.surveillance2} / {quote.auditDays.recertification} (estimate {e.initialDays} /{' '}
                          {e.surveillanceDays} / {e.surveillanceDays} / {e.recertificationDays})
                        </p>
                      ) : null}
                      <p>{quote.commissionPercent === null ? 'No referral commission disclosed.' : `Referral commission disclosed: ${quote.commissionPercent} %.`}</p>
                      <p>Valid until {formatCalendarDate(quote.validUntil)}.</p>
                      <ul>
                        {quote.flags.map((flag) => (
                          <li key={flag.code + flag.message}>{flag.message}</li>
                        ))}
                      </ul>
                      {canDecide && quote.status === 'submitted' && lane.decidedQuoteId === null ? <AcceptButton api={api} quote={quote} /> : null}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          ) : null}
          {lane.quotes.map((quote) => (
            <details key={quote.leadId}>
              <summary>Messages with {quote.providerName}</summary>
              <MessagesPanel
                queryKey={api.messagesKey(quote.leadId)}
                load={() => api.loadMessages(quote.leadId)}
                send={(body) => api.sendMessage(quote.leadId, body)}
                otherSide={quote.providerName}
                timeZone={requester.kind === 'guest' ? guestTimeZone : undefined}
                canSend={canDecide}
              />
            </details>
          ))}
        </section>
      ))}
    </>
  );
}

/** The guest's comparison from the private link: the token comes from the address, as on the guest request page. */
export function GuestComparisonPage() {
  const { searchParams } = useLocation();
  const token = searchParams.get('token') ?? '';
  return <ComparisonPage requester={{ kind: 'guest', token }} />;
}
