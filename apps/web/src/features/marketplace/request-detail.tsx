import {
  leadStatusLabels,
  requestSectorLabels,
  requestStatusLabels,
  serviceLabels,
  timelineLabels,
  type MarketplaceRequestDetail,
  type RequesterLead,
} from '@custodian/shared/contracts/marketplace-requests.ts';
import { Button } from '../../components/button.tsx';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { TableWrap } from '../../components/table.tsx';
import { formatDate } from '../../lib/format.ts';

const lanes = ['consulting', 'certification', 'training'] as const;

function money(cents: number | null): string {
  return cents === null ? 'not given' : new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD', maximumFractionDigits: 0 }).format(cents / 100);
}

interface RequestDetailViewProps {
  detail: MarketplaceRequestDetail;
  timeZone?: string | undefined;
  canReveal: boolean;
  revealingId: string | null;
  revealError: unknown;
  onReveal: (lead: RequesterLead) => void;
}

/** A request and, per lane, the providers it went to: why, their disclosed commission, where each stands. */
export function RequestDetailView({ detail, timeZone, canReveal, revealingId, revealError, onReveal }: RequestDetailViewProps) {
  const { request, leads } = detail;
  return (
    <div className="stack">
      <section className="panel" aria-labelledby="request-summary">
        <h2 id="request-summary">Your request</h2>
        <DetailsList>
          <DetailRow term="Status">{requestStatusLabels[request.status]}</DetailRow>
          {request.rejectedReason ? <DetailRow term="Why it was not sent">{request.rejectedReason}</DetailRow> : null}
          <DetailRow term="Asked on">{formatDate(request.createdAt, timeZone)}</DetailRow>
          <DetailRow term="Services">{request.services.map((s) => serviceLabels[s]).join(', ')}</DetailRow>
          <DetailRow term="Practice">{`${requestSectorLabels[request.sector]}, ${request.headcount} staff (${request.fte} full-time equivalents)`}</DetailRow>
          <DetailRow term="Sites">{request.sites.map((s) => `${s.city} (${s.state})`).join('; ')}</DetailRow>
          <DetailRow term="Timeline">{timelineLabels[request.timeline]}</DetailRow>
          <DetailRow term="Budget">{`${money(request.budgetMinCents)} to ${money(request.budgetMaxCents)}`}</DetailRow>
        </DetailsList>
      </section>
      <FormAlert error={revealError} />
      {lanes
        .filter((lane) => request.services.includes(lane))
        .map((lane) => {
          const inLane = leads.filter((lead) => lead.lane === lane);
          return (
            <section key={lane} className="panel" aria-labelledby={`lane-${lane}`}>
              <h2 id={`lane-${lane}`}>{serviceLabels[lane]}</h2>
              {inLane.length === 0 ? (
                <p>
                  {request.status === 'open' ? 'No suitable provider was found yet.' : 'Providers are chosen once the marketplace has checked your request.'}
                </p>
              ) : (
                <TableWrap label={`Providers for ${serviceLabels[lane]}`}>
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">Provider</th>
                        <th scope="col">Why they were chosen</th>
                        <th scope="col">Referral commission</th>
                        <th scope="col">Status</th>
                        <th scope="col">
                          <span className="sr-only">Actions</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {inLane.map((lead) => (
                        <tr key={lead.id}>
                          <th scope="row">{lead.providerName}</th>
                          <td>
                            <ul>
                              {lead.reasons.map((reason) => (
                                <li key={reason}>{reason}</li>
                              ))}
                            </ul>
                          </td>
                          <td>{lead.commissionPercent === null ? 'None disclosed' : `${lead.commissionPercent} %`}</td>
                          <td>
                            <Tag tone={lead.status === 'declined' || lead.status === 'expired' ? 'neutral' : 'success'}>{leadStatusLabels[lead.status]}</Tag>
                            {lead.declineReason ? <p className="field-hint">{lead.declineReason}</p> : null}
                            {lead.status === 'offered' ? <p className="field-hint">Answer due by {formatDate(lead.respondBy, timeZone)}</p> : null}
                          </td>
                          <td>
                            {lead.isRevealed ? (
                              <Tag tone="warning">They can see who you are</Tag>
                            ) : canReveal && lead.status !== 'declined' && lead.status !== 'expired' ? (
                              <Button variant="secondary" isBusy={revealingId === lead.id} busyText="Showing…" onClick={() => onReveal(lead)}>
                                Show who we are<span className="sr-only"> to {lead.providerName}</span>
                              </Button>
                            ) : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
            </section>
          );
        })}
    </div>
  );
}
