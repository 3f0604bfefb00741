import { useState, type FormEvent } from 'react';
import type { Risk } from '@custodian/shared/contracts/risks.ts';
import { useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { FormAlert, Notice } from '../../components/form-alert.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useAcceptRisk } from './risks-api.ts';
import { LevelChip } from './score-chip.tsx';

/**
 * Formal acceptance of the residual risk: who, when, at which level, with the note; the owner's form
 * to accept (a note required above the appetite); a withdrawn acceptance said plainly.
 */
export function RiskAcceptancePanel({ risk, canWrite, onAccepted }: { risk: Risk; canWrite: boolean; onAccepted: (message: string) => void }) {
  const session = useSignedInSession();
  const accept = useAcceptRisk(risk.id);
  const [note, setNote] = useState('');
  const timeZone = session.organisation?.timeZone;
  const isOwner = risk.ownerUserId !== null && risk.ownerUserId === session.user?.id;
  const isAbove = risk.isResidualWithinAppetite === false;
  const errors = fieldErrorsOf(accept.error, { note: 'Why it is accepted' });

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    accept.mutate({ version: risk.version, note }, { onSuccess: (saved) => onAccepted(`You accepted the residual risk of ${saved.ref}.`) });
  }

  return (
    <section className="panel" aria-labelledby="acceptance-heading">
      <h2 id="acceptance-heading">Acceptance of the residual risk</h2>
      {risk.acceptance ? (
        <p>
          Accepted by {risk.acceptance.acceptedByName} on {formatDateTime(risk.acceptance.acceptedAt, timeZone)} at <LevelChip label={risk.acceptance.levelLabel} colour={risk.residual?.colour ?? '#5f6368'} />
          {risk.acceptance.isAboveAppetite ? (
            <>
              {' '}
              <Tag tone="warning">Above the risk appetite</Tag>
            </>
          ) : null}
          {risk.acceptance.note ? <span className="pre-wrap"> — “{risk.acceptance.note}”</span> : null}
        </p>
      ) : (
        <p>Not accepted.</p>
      )}
      {risk.lastWithdrawnAcceptance && !risk.acceptance ? (
        <Notice tone="warning">
          An acceptance by {risk.lastWithdrawnAcceptance.acceptedByName} was withdrawn on {formatDateTime(risk.lastWithdrawnAcceptance.withdrawnAt, timeZone)}: {risk.lastWithdrawnAcceptance.withdrawnReason}. The owner needs to accept the risk again.
        </Notice>
      ) : null}
      {!risk.acceptance && canWrite && isOwner && risk.residual ? (
        <form onSubmit={handleSubmit} noValidate className="form">
          <FormAlert error={accept.error} fieldNames={['note']} />
          {isAbove ? <Notice tone="warning">This residual risk is above your organisation&apos;s risk appetite. You can still accept it, with a reason; it will be flagged.</Notice> : null}
          <TextAreaField label="Why it is accepted" name="note" rows={3} isRequired={isAbove} value={note} onChange={(event) => setNote(event.target.value)} error={errors.note} />
          <div className="form-actions">
            <Button type="submit" isBusy={accept.isPending} busyText="Accepting…">
              Accept the residual risk
            </Button>
          </div>
        </form>
      ) : null}
      {!risk.acceptance && !isOwner ? <p className="muted">Only the risk owner{risk.ownerName ? ` (${risk.ownerName})` : ''} can accept it.</p> : null}
      {!risk.acceptance && isOwner && !risk.residual ? <p className="muted">Set the residual score first: that is what you accept.</p> : null}
    </section>
  );
}
