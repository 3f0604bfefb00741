import { useState, type FormEvent } from 'react';
import { auditClauses, auditStatusLabels, type Audit } from '@custodian/shared/contracts/audits.ts';
import { useCan } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useListAddress } from '../../lib/use-list-address.ts';
import { Link, navigate } from '../../router.tsx';
import { useOwnerOptions } from '../risks/use-owner-options.ts';
import { useAuditChanges, useAuditProgramme, useAudits } from './audits-api.ts';

const sorts = ['plannedStart', 'title', 'updatedAt'] as const;
const labels = { title: 'Audit title', plannedStart: 'Planned start', plannedEnd: 'Planned end', auditorUserId: 'Auditor', scopeClauses: 'Clauses in scope', scopeControls: 'Controls in scope', criteria: 'Audit criteria' };

/** Plans an audit; the server checks the auditor owns nothing in scope. */
function PlanAuditForm() {
  const [title, setTitle] = useState('');
  const [plannedStart, setStart] = useState('');
  const [plannedEnd, setEnd] = useState('');
  const [auditorUserId, setAuditor] = useState('');
  const [clauses, setClauses] = useState<string[]>([]);
  const [controls, setControls] = useState('');
  const [criteria, setCriteria] = useState('');
  const owners = useOwnerOptions();
  const { create } = useAuditChanges();
  const errors = fieldErrorsOf(create.error, labels);
  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const scopeControls = controls.split(/[\s,]+/).filter(Boolean).map((ref) => (ref.includes(':') ? ref : `iso27001:2022:${ref}`));
    const body = { title, plannedStart, plannedEnd: plannedEnd || plannedStart, auditorUserId: auditorUserId || null, scopeClauses: clauses as Array<(typeof auditClauses)[number]>, scopeControls, criteria };
    create.mutate(body, { onSuccess: (audit) => navigate(`/audits/${audit.id}`) });
  }
  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={create.error} fieldNames={Object.keys(labels)} />
      <TextField label={labels.title} name="title" value={title} isRequired onChange={(e) => setTitle(e.target.value)} error={errors.title} />
      <TextField label={labels.plannedStart} name="plannedStart" type="date" value={plannedStart} isRequired onChange={(e) => setStart(e.target.value)} error={errors.plannedStart} />
      <TextField label={labels.plannedEnd} name="plannedEnd" type="date" value={plannedEnd} hint="Leave empty for a one-day audit." onChange={(e) => setEnd(e.target.value)} error={errors.plannedEnd} />
      <SelectField label={labels.auditorUserId} name="auditorUserId" value={auditorUserId} options={owners.options.map((o) => (o.value ? o : { value: '', label: 'Not yet chosen' }))} hint="Nobody may audit their own work: the auditor cannot own anything in scope." onChange={(e) => setAuditor(e.target.value)} error={errors.auditorUserId} />
      <fieldset className="fieldset">
        <legend>{labels.scopeClauses}</legend>
        {auditClauses.map((clause) => (
          <CheckboxField key={clause} label={`Clause ${clause}`} name={`clause-${clause}`} checked={clauses.includes(clause)} onChange={(e) => setClauses(e.target.checked ? [...clauses, clause] : clauses.filter((c) => c !== clause))} />
        ))}
      </fieldset>
      <TextField label={labels.scopeControls} name="scopeControls" value={controls} hint="Annex A control numbers separated by commas, e.g. A.5.1, A.8.13 (applicable controls only)." onChange={(e) => setControls(e.target.value)} error={errors.scopeControls} />
      <TextAreaField label={labels.criteria} name="criteria" rows={2} value={criteria} onChange={(e) => setCriteria(e.target.value)} error={errors.criteria} />
      <div className="form-actions">
        <Button type="submit" isBusy={create.isPending} busyText="Planning…">
          Plan audit
        </Button>
      </div>
    </form>
  );
}

/** The programme's coverage: what the three years' audits cover and what is not yet planned. */
function ProgrammePanel() {
  const programme = useAuditProgramme();
  if (!programme.data) return null;
  const { data } = programme;
  const missing = data.lines.filter((l) => l.audits.length === 0);
  return (
    <section className="panel" aria-labelledby="programme-heading">
      <h2 id="programme-heading">Three-year programme</h2>
      <p>
        {formatDate(data.from)} to {formatDate(data.to)}: {data.coveredCount} of {data.totalCount} clauses and applicable controls are covered by a planned or completed audit.
      </p>
      {missing.length > 0 ? (
        <details>
          <summary>Not yet planned ({missing.length})</summary>
          <ul>
            {missing.map((l) => (
              <li key={l.id}>
                {l.ref} {l.title}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** Internal audits: the programme, the plan form and every audit. */
export function AuditsPage() {
  const canWrite = useCan('audits.write');
  const list = useListAddress({ sorts, defaultSort: 'plannedStart', defaultOrder: 'asc' });
  const records = useAudits({ sort: list.sort, order: list.order, cursor: list.cursor });
  const columns: Array<DataColumn<Audit, (typeof sorts)[number]>> = [
    { key: 'title', header: 'Audit', sortField: 'title', isRowHeader: true, cell: (record) => <Link to={`/audits/${record.id}`}>{record.title}</Link> },
    { key: 'plannedStart', header: 'Planned', sortField: 'plannedStart', className: 'nowrap', cell: (record) => formatDate(record.plannedStart) },
    { key: 'auditor', header: 'Auditor', cell: (record) => record.auditorName ?? '—' },
    { key: 'status', header: 'Status', cell: (record) => auditStatusLabels[record.status] },
    { key: 'findings', header: 'Findings', cell: (record) => String(record.findingCount) },
  ];
  return (
    <>
      <PageHeader title="Internal audits" intro={<p>The internal audit programme (clause 9.2). Nonconformities found are followed up in the <Link to="/nonconformities">nonconformity register</Link>.</p>} />
      <ProgrammePanel />
      {canWrite ? (
        <section className="panel" aria-labelledby="plan-audit-heading">
          <h2 id="plan-audit-heading">Plan an audit</h2>
          <PlanAuditForm />
        </section>
      ) : null}
      <DataTable
        caption="Internal audits"
        noun={{ one: 'audit', other: 'audits' }}
        columns={columns}
        rowKey={(record) => record.id}
        list={records}
        address={list}
        hasFilters={false}
        loadingLabel="Loading…"
        empty={{ title: 'No audits planned yet', hint: canWrite ? 'Plan the first one above.' : 'None has been planned yet.' }}
        emptyFiltered={{ title: 'Nothing matches', hint: 'Clear the filters.' }}
      />
    </>
  );
}
