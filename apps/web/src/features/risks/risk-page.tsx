import { useState } from 'react';
import { riskStatusLabels, treatmentLabels } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { formatDate } from '../../lib/format.ts';
import { Link, navigate } from '../../router.tsx';
import { RiskAcceptancePanel } from './risk-acceptance-panel.tsx';
import { RiskEditForm } from './risk-edit-form.tsx';
import { RiskHistoryPanel } from './risk-history-panel.tsx';
import { RiskTasksPanel } from './risk-tasks-panel.tsx';
import { useDeleteRisk, useRisk, useRiskMethod } from './risks-api.ts';
import { ScoreCell } from './score-chip.tsx';
import { useOwnerOptions } from './use-owner-options.ts';

/** One risk: its scores, acceptance, treatment plan, the edit form and its full history. */
export function RiskPage({ riskId }: { riskId: string }) {
  const session = useSignedInSession();
  const canWrite = useCan('risks.write');
  const risk = useRisk(riskId);
  const method = useRiskMethod();
  const owners = useOwnerOptions({ id: risk.data?.ownerUserId ?? null, name: risk.data?.ownerName ?? null });
  const remove = useDeleteRisk(riskId);
  const [message, setMessage] = useState('');
  const back = (
    <p>
      <Link to="/risks">← Back to the risk register</Link>
    </p>
  );
  if (risk.isPending || method.isPending) return <Loading label="Loading the risk…" />;
  if (risk.isError) return <LoadError error={risk.error} onRetry={() => void risk.refetch()} />;
  if (method.isError) return <LoadError error={method.error} onRetry={() => void method.refetch()} />;
  const data = risk.data;
  return (
    <>
      {back}
      <PageHeader
        title={`${data.ref} ${data.title}`}
        intro={
          <p className="item-meta">
            {riskStatusLabels[data.status]}
            {data.isReviewDue ? (
              <>
                {' '}
                <Tag tone="danger">Review due</Tag>
              </>
            ) : null}
          </p>
        }
      />
      <StatusMessage>{message || null}</StatusMessage>
      <div className="split">
        <section className="panel" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Summary</h2>
          <DetailsList>
            <DetailRow term="Inherent risk">
              <ScoreCell score={data.inherent} />
            </DetailRow>
            <DetailRow term="Current risk">
              <ScoreCell score={data.current} />
            </DetailRow>
            <DetailRow term="Residual risk">
              <ScoreCell score={data.residual} />
              {data.isResidualWithinAppetite === false ? (
                <>
                  {' '}
                  <Tag tone="warning">Above the risk appetite</Tag>
                </>
              ) : null}
            </DetailRow>
            <DetailRow term="Owner">{data.ownerName ?? 'No owner yet'}</DetailRow>
            <DetailRow term="Assets">{data.assets.length > 0 ? data.assets.map((asset) => `${asset.ref} ${asset.name}`).join('; ') : 'None linked'}</DetailRow>
            <DetailRow term="Treatment">{data.treatment ? treatmentLabels[data.treatment] : 'Not decided yet'}</DetailRow>
            <DetailRow term="Next review">{data.nextReviewOn ? formatDate(data.nextReviewOn) : 'Not set'}</DetailRow>
            <DetailRow term="Scored on">{`Risk method version ${data.methodVersion}`}</DetailRow>
          </DetailsList>
        </section>
        <RiskAcceptancePanel risk={data} canWrite={canWrite} onAccepted={setMessage} />
      </div>
      <RiskTasksPanel riskId={riskId} canWrite={canWrite} ownerOptions={owners.options} />
      {canWrite ? (
        <section className="panel" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Change this risk</h2>
          <RiskEditForm key={`${data.id}-${data.acceptance?.id ?? 'not-accepted'}`} risk={data} method={method.data} ownerOptions={owners.options} ownerNames={owners.names} onSaved={setMessage} />
        </section>
      ) : null}
      <RiskHistoryPanel riskId={riskId} />
      {canWrite ? (
        <section className="panel" aria-labelledby="delete-heading">
          <h2 id="delete-heading">Delete</h2>
          <p>Deleting removes the risk, its treatment tasks and acceptances from the register. The audit trail keeps a record that it existed.</p>
          <FormAlert error={remove.error} />
          <Button variant="secondary" isBusy={remove.isPending} busyText="Deleting…" onClick={() => remove.mutate(undefined, { onSuccess: () => navigate('/risks') })}>
            Delete {data.ref}
          </Button>
        </section>
      ) : null}
      <p className="muted">Dates are shown in {session.organisation?.timeZone ?? 'your organisation’s time zone'}.</p>
    </>
  );
}
