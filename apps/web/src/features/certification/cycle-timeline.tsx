import { useState, type FormEvent } from 'react';
import {
  certificate as certificateSchema,
  certificationOutcomeLabels,
  certificationOutcomes,
  type Certificate,
  type CertificationAudit,
  type CertificationOutcome,
} from '@custodian/shared/contracts/certification.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { conflictCurrent } from '../../lib/edit-conflict.ts';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useCertificationChanges } from './certification-api.ts';

const outcomeOptions = certificationOutcomes.map((value) => ({ value, label: certificationOutcomeLabels[value] }));
const labels = { plannedOn: 'Planned for', heldOn: 'Held on', outcome: 'Outcome' };

/** Where an audit stands, in words and a tone. */
function standing(audit: CertificationAudit, today: string): { words: string; tone: 'neutral' | 'warning' | 'success' | 'danger' } {
  if (audit.heldOn) return { words: certificationOutcomeLabels[audit.outcome], tone: audit.outcome === 'not_passed' ? 'danger' : audit.outcome === 'pending' ? 'neutral' : 'success' };
  if (audit.dueOn && audit.dueOn < today) return { words: 'Overdue', tone: 'danger' };
  if (audit.plannedOn) return { words: 'Planned', tone: 'neutral' };
  return { words: 'Not planned yet', tone: 'warning' };
}

function AuditEditor({ certificate, audit }: { certificate: Certificate; audit: CertificationAudit }) {
  const [values, setValues] = useState({ plannedOn: audit.plannedOn ?? '', heldOn: audit.heldOn ?? '', outcome: audit.outcome });
  const [version, setVersion] = useState(audit.version);
  const [notice, setNotice] = useState('');
  const { updateAudit } = useCertificationChanges();
  const errors = fieldErrorsOf(updateAudit.error, labels);

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setNotice('');
    const body = { version, plannedOn: values.plannedOn || null, heldOn: values.heldOn || null, outcome: values.outcome };
    updateAudit.mutate(
      { id: certificate.id, kind: audit.kind, body },
      {
        onSuccess: (saved) => {
          const now = saved.audits.find((a) => a.kind === audit.kind);
          if (now) setVersion(now.version);
          setNotice(`Saved the ${audit.label}.`);
        },
        onError: (failure) => {
          const now = conflictCurrent(failure, certificateSchema)?.audits.find((a) => a.kind === audit.kind);
          if (!now) return;
          setVersion(now.version);
          setValues({ plannedOn: now.plannedOn ?? '', heldOn: now.heldOn ?? '', outcome: now.outcome });
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="form form-inline" aria-label={`Dates of the ${audit.label}`}>
      <FormAlert error={updateAudit.error} fieldNames={Object.keys(labels)} />
      <StatusMessage>{notice || null}</StatusMessage>
      <TextField label={labels.plannedOn} name={`${audit.kind}-plannedOn`} type="date" value={values.plannedOn} onChange={(e) => setValues({ ...values, plannedOn: e.target.value })} error={errors.plannedOn} />
      <TextField label={labels.heldOn} name={`${audit.kind}-heldOn`} type="date" value={values.heldOn} onChange={(e) => setValues({ ...values, heldOn: e.target.value })} error={errors.heldOn} />
      <SelectField
        label={labels.outcome}
        name={`${audit.kind}-outcome`}
        value={values.outcome}
        options={outcomeOptions}
        onChange={(e) => setValues({ ...values, outcome: e.target.value as CertificationOutcome })}
        error={errors.outcome}
      />
      <div className="form-actions">
        <Button type="submit" variant="secondary" isBusy={updateAudit.isPending} busyText="Saving…">
          Save the {audit.label}
        </Button>
      </div>
    </form>
  );
}

/** The five audits of the cycle in order: their due, planned and held days and outcomes, each editable by those who may. */
export function CycleTimeline({ certificate, canWrite, today }: { certificate: Certificate; canWrite: boolean; today: string }) {
  return (
    <ol className="timeline" aria-label="Audits of the certification cycle">
      {certificate.audits.map((audit) => {
        const state = standing(audit, today);
        return (
          <li key={`${audit.kind}-${audit.version}`} className="panel">
            <h3>
              {audit.label} <Tag tone={state.tone}>{state.words}</Tag>
            </h3>
            <p className="muted">
              {audit.dueBy ? `Due by ${formatDate(audit.dueBy)}. ` : ''}
              {audit.plannedOn ? `Planned for ${formatDate(audit.plannedOn)}. ` : ''}
              {audit.heldOn ? `Held on ${formatDate(audit.heldOn)}.` : ''}
            </p>
            {canWrite ? <AuditEditor certificate={certificate} audit={audit} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
