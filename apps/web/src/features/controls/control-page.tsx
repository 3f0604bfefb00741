import { useState } from 'react';
import { controlReasonLabels, type ControlItem } from '@custodian/shared/contracts/controls.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { StatusBadge, Tag } from '../../components/status-badge.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { Link, navigate } from '../../router.tsx';
import { useOwnerOptions } from '../gap/gap-item-page.tsx';
import { ControlForm } from './control-form.tsx';
import { useControl, useDeleteControl } from './controls-api.ts';

function ReadOnlyControl({ control, timeZone }: { control: ControlItem; timeZone?: string }) {
  return (
    <DetailsList>
      <DetailRow term="Status">
        <StatusBadge status={control.status} />
      </DetailRow>
      {control.isApplicable ? (
        <DetailRow term="Why it is included">{control.reasons.map((reason) => controlReasonLabels[reason]).join('; ') || 'No reason given yet'}</DetailRow>
      ) : (
        <DetailRow term="Why it is excluded" className="pre-wrap">
          {control.justification}
        </DetailRow>
      )}
      <DetailRow term="How it is implemented" className="pre-wrap">
        {control.implementation || '—'}
      </DetailRow>
      <DetailRow term="Owner">{control.ownerName ?? 'No owner yet'}</DetailRow>
      <DetailRow term="Target date">{control.targetDate ? formatDate(control.targetDate) : 'Not set'}</DetailRow>
      <DetailRow term="Last updated">{control.updatedAt ? formatDateTime(control.updatedAt, timeZone) : 'Never'}</DetailRow>
    </DetailsList>
  );
}

function RisksTreated({ control }: { control: ControlItem }) {
  return (
    <section className="panel" aria-labelledby="risks-heading">
      <h2 id="risks-heading">Risks it treats</h2>
      {control.riskCount === 0 ? (
        <p className="muted">No open risk’s treatment names this control.</p>
      ) : (
        <ul>
          {control.risks.map((risk) => (
            <li key={risk.id}>
              <Link to={`/risks/${risk.id}`}>
                {risk.ref} {risk.title}
              </Link>
            </li>
          ))}
          {control.riskCount > control.risks.length ? <li className="muted">{`and ${control.riskCount - control.risks.length} more`}</li> : null}
        </ul>
      )}
    </section>
  );
}

function EvidencePanel({ control }: { control: ControlItem }) {
  const canRead = useCan('evidence.read');
  const n = control.evidenceCount;
  return (
    <section className="panel" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Evidence</h2>
      <p>{n === 0 ? 'No evidence is linked to this control yet.' : `${n} ${n === 1 ? 'item of evidence is' : 'items of evidence are'} linked to this control.`}</p>
      {canRead ? (
        <p>
          <Link to={`/evidence?targetKind=control&targetId=${encodeURIComponent(control.controlId)}`}>{n === 0 ? 'Go to the evidence register' : 'See the evidence'}</Link>
        </p>
      ) : null}
    </section>
  );
}

function DeleteOwnControl({ control }: { control: ControlItem }) {
  const [isOpen, setIsOpen] = useState(false);
  const remove = useDeleteControl(control.controlId);
  return (
    <>
      <FormAlert error={remove.error} />
      <Button variant="danger" onClick={() => setIsOpen(true)}>
        Delete this control
      </Button>
      <ConfirmDialog
        isOpen={isOpen}
        title={`Delete ${control.ref}?`}
        confirmLabel="Delete control"
        isDanger
        isBusy={remove.isPending}
        onCancel={() => setIsOpen(false)}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => navigate('/controls'), onSettled: () => setIsOpen(false) })}
      >
        <p>Approved versions of your Statement of Applicability keep it as they were approved.</p>
      </ConfirmDialog>
    </>
  );
}

/** One control of the register: its applicability, reasons and implementation, and the risks it treats. */
export function ControlPage({ controlId }: { controlId: string }) {
  const session = useSignedInSession();
  const canWrite = useCan('gap.write');
  const control = useControl(controlId);
  const owners = useOwnerOptions(control.data);
  const [savedMessage, setSavedMessage] = useState('');
  const back = (
    <p>
      <Link to="/controls">← Back to the controls register</Link>
    </p>
  );
  if (control.isPending) return <Loading label="Loading the control…" />;
  if (control.isError) {
    return (
      <>
        {back}
        <LoadError error={control.error} onRetry={() => void control.refetch()} />
      </>
    );
  }
  const item = control.data;
  return (
    <>
      {back}
      <PageHeader
        title={`${item.ref} ${item.title}`}
        intro={
          <p>
            {item.source === 'annex_a' ? 'An ISO/IEC 27001:2022 Annex A control.' : 'A control your practice defined itself.'}{' '}
            {item.isApplicable ? <Tag tone="success">Included</Tag> : <Tag tone="warning">Excluded</Tag>}
          </p>
        }
      />
      {item.description ? <p className="pre-wrap">{item.description}</p> : null}
      <StatusMessage>{savedMessage || null}</StatusMessage>
      <div className="split">
        <section className="panel" aria-labelledby="register-heading">
          <h2 id="register-heading">In your register</h2>
          {canWrite ? (
            <ControlForm key={item.controlId} control={item} ownerOptions={owners.options} ownerHint={owners.hint} onSaved={setSavedMessage} />
          ) : (
            <ReadOnlyControl control={item} timeZone={session.organisation?.timeZone} />
          )}
        </section>
        <div>
          <RisksTreated control={item} />
          <EvidencePanel control={item} />
          {item.source === 'annex_a' ? (
            <p>
              <Link to={`/gap/${encodeURIComponent(item.controlId)}`}>Guidance for {item.ref} in the gap analysis</Link>
            </p>
          ) : null}
          {canWrite && item.source === 'organisation' ? <DeleteOwnControl control={item} /> : null}
        </div>
      </div>
    </>
  );
}
