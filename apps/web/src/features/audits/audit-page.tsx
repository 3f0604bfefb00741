import { useState, type FormEvent } from 'react';
import { auditsApi, auditStatusLabels, findingTypeLabels, findingTypes, type AuditDetail, type FindingType } from '@custodian/shared/contracts/audits.ts';
import { urlOf } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { Checklist } from './audit-checklist.tsx';
import { AuditPlanPanel } from './audit-plan-panel.tsx';
import { useAudit, useAuditChanges } from './audits-api.ts';

const typeOptions = findingTypes.map((value) => ({ value, label: findingTypeLabels[value] }));

function FindingForm({ audit }: { audit: AuditDetail }) {
  const [type, setType] = useState<FindingType>('minor');
  const [itemId, setItemId] = useState('');
  const [description, setDescription] = useState('');
  const [evidenceRef, setEvidenceRef] = useState('');
  const { finding } = useAuditChanges();
  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    finding.mutate({ id: audit.id, body: { type, itemId: itemId || null, description, evidenceRef } }, { onSuccess: () => setDescription('') });
  }
  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={finding.error} />
      <SelectField label="Type" name="type" value={type} options={typeOptions} onChange={(e) => setType(e.target.value as FindingType)} />
      <SelectField label="Checklist line" name="itemId" value={itemId} options={[{ value: '', label: 'The audit as a whole' }, ...audit.checklist.map((l) => ({ value: l.itemId, label: `${l.ref} ${l.title}` }))]} onChange={(e) => setItemId(e.target.value)} />
      <TextAreaField label="Finding" name="description" rows={2} value={description} isRequired onChange={(e) => setDescription(e.target.value)} />
      <TextField label="Evidence seen" name="evidenceRef" value={evidenceRef} hint="What you looked at, e.g. a record or an interview." onChange={(e) => setEvidenceRef(e.target.value)} />
      <div className="form-actions">
        <Button type="submit" isBusy={finding.isPending} busyText="Recording…">
          Record finding
        </Button>
      </div>
    </form>
  );
}

function Findings({ audit }: { audit: AuditDetail }) {
  if (audit.findings.length === 0) return <p>No findings recorded.</p>;
  return (
    <ul>
      {audit.findings.map((f) => (
        <li key={f.id}>
          <strong>{findingTypeLabels[f.type]}</strong>
          {f.ref ? ` (${f.ref})` : ''}: {f.description}
          {f.nonconformityId ? (
            <>
              {' '}
              — <Link to={`/nonconformities/${f.nonconformityId}`}>NC-{f.nonconformityNumber}</Link>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Progress({ audit }: { audit: AuditDetail }) {
  const [conclusion, setConclusion] = useState('');
  const { update, complete } = useAuditChanges();
  if (audit.status === 'planned') {
    return (
      <>
        <FormAlert error={update.error} />
        <Button isBusy={update.isPending} busyText="Starting…" onClick={() => update.mutate({ id: audit.id, body: { version: audit.version, status: 'in_progress' } })}>
          Start the audit
        </Button>
      </>
    );
  }
  if (audit.status !== 'in_progress') return null;
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        complete.mutate({ id: audit.id, body: { version: audit.version, conclusion } });
      }}
    >
      <FormAlert error={complete.error} />
      <TextAreaField label="Conclusion" name="conclusion" rows={3} value={conclusion} isRequired onChange={(e) => setConclusion(e.target.value)} />
      <div className="form-actions">
        <Button type="submit" isBusy={complete.isPending} busyText="Completing…">
          Complete the audit
        </Button>
      </div>
    </form>
  );
}

/** One audit: scope, checklist, findings, completion and the report. */
export function AuditPage({ id }: { id: string }) {
  const canWrite = useCan('audits.write');
  const query = useAudit(id);
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const audit = query.data;
  const isOpen = canWrite && audit.status === 'in_progress';
  return (
    <>
      <p>
        <Link to="/audits">← Back to internal audits</Link>
      </p>
      <PageHeader title={audit.title} />
      <DetailsList>
        <DetailRow term="Status">{auditStatusLabels[audit.status]}{audit.completedOn ? ` ${formatDate(audit.completedOn)}` : ''}</DetailRow>
        <DetailRow term="Planned">{`${formatDate(audit.plannedStart)} to ${formatDate(audit.plannedEnd)}`}</DetailRow>
        <DetailRow term="Auditor">{audit.auditorName ?? 'Not yet chosen'}</DetailRow>
        <DetailRow term="Scope">{[...audit.scopeClauses.map((c) => `Clause ${c}`), ...audit.checklist.filter((l) => l.kind === 'control').map((l) => l.ref)].join(', ')}</DetailRow>
        <DetailRow term="Criteria">{audit.criteria || '—'}</DetailRow>
      </DetailsList>
      <p>
        Report: <a href={urlOf(auditsApi.reportDocx, { params: { id } })}>Word document</a> · <a href={urlOf(auditsApi.reportPdf, { params: { id } })}>PDF</a>
      </p>
      {canWrite && audit.status === 'planned' ? <AuditPlanPanel audit={audit} /> : null}
      {canWrite ? <Progress audit={audit} /> : null}
      <Checklist audit={audit} isOpen={isOpen} />
      <section className="panel" aria-labelledby="findings-heading">
        <h2 id="findings-heading">Findings</h2>
        <Findings audit={audit} />
        {isOpen ? <FindingForm audit={audit} /> : null}
      </section>
      {audit.conclusion ? (
        <section className="panel" aria-labelledby="conclusion-heading">
          <h2 id="conclusion-heading">Conclusion</h2>
          <p>{audit.conclusion}</p>
        </section>
      ) : null}
    </>
  );
}
