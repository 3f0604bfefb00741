import { useState } from 'react';
import { controlReasonLabels } from '@custodian/shared/contracts/controls.ts';
import { gapStatusLabels } from '@custodian/shared/contracts/gap.ts';
import type { SoaDraft } from '@custodian/shared/contracts/soa.ts';
import { isEditConflict } from '../../lib/edit-conflict.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { TableWrap } from '../../components/table.tsx';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { controlPath } from '../controls/controls-api.ts';
import { useApproveSoa, useSoaDraft } from './soa-api.ts';
import { SoaVersions } from './soa-versions.tsx';

function ApprovalState({ draft, timeZone }: { draft: SoaDraft; timeZone?: string }) {
  const { latest } = draft;
  if (!latest) return <p>Not approved yet. Once the checks below are clear, an owner approves it as version 1.</p>;
  const approved = `Version ${latest.version} was approved by ${latest.approvedByName ?? 'a former member'} on ${formatDate(latest.approvedAt, timeZone)}.`;
  return <p>{draft.isApproved ? `${approved} The register has not changed since.` : `${approved} The register has changed since, so the statement as it stands is not approved yet.`}</p>;
}

function Checks({ draft }: { draft: SoaDraft }) {
  if (draft.checks.length === 0) return <p>No contradictions found: every included control has a reason, no excluded control treats a risk, and every implemented control has evidence or a reason why not.</p>;
  return (
    <>
      <p>{`${draft.checks.length} ${draft.checks.length === 1 ? 'problem needs' : 'problems need'} resolving before the statement can be approved:`}</p>
      <ul className="soa-checks">
        {draft.checks.slice(0, 100).map((check) => (
          <li key={`${check.kind}:${check.controlId}`}>
            <Link to={controlPath(check.controlId)}>{check.ref}</Link>: {check.message}
          </li>
        ))}
      </ul>
      {draft.checks.length > 100 ? <p className="muted">{`And ${draft.checks.length - 100} more.`}</p> : null}
    </>
  );
}

/** The approval form; once approved it gives way to the approval state above, so the page keeps the "approved" message. */
function Approve({ draft, onApproved }: { draft: SoaDraft; onApproved: (message: string) => void }) {
  const approve = useApproveSoa();
  const [note, setNote] = useState('');
  const next = (draft.latest?.version ?? 0) + 1;
  if (draft.isApproved) return null;
  const isStale = isEditConflict(approve.error);
  return (
    <section className="panel" aria-labelledby="approve-heading">
      <h2 id="approve-heading">Approve</h2>
      <p>Approving freezes the statement exactly as shown below as version {next}. Later changes to the register never alter it.</p>
      {isStale ? <StatusMessage>The register changed while you were reading. The statement below is the latest: check it, then approve.</StatusMessage> : <FormAlert error={approve.error} />}
      <TextAreaField label="Approval note (optional)" name="note" rows={2} value={note} hint="For example “Approved at the management review of 12/03/2027”." onChange={(event) => setNote(event.target.value)} />
      <div className="form-actions">
        <Button
          isBusy={approve.isPending}
          busyText="Approving…"
          disabled={draft.checks.length > 0}
          onClick={() => approve.mutate({ checksum: draft.checksum, note }, { onSuccess: (version) => onApproved(`Approved as version ${version.version}.`) })}
        >
          {`Approve as version ${next}`}
        </Button>
      </div>
    </section>
  );
}

function StatementTable({ draft }: { draft: SoaDraft }) {
  return (
    <TableWrap label="The statement as it stands">
      <table className="table">
        <caption>The statement as it stands</caption>
        <thead>
          <tr>
            <th scope="col">Control</th>
            <th scope="col">Title</th>
            <th scope="col">Applicable</th>
            <th scope="col">Reasons or justification</th>
            <th scope="col">Status</th>
            <th scope="col">How it is implemented</th>
          </tr>
        </thead>
        <tbody>
          {draft.rows.map((row) => (
            <tr key={row.controlId}>
              <th scope="row" className="cell-ref">
                <Link to={controlPath(row.controlId)}>{row.ref}</Link>
              </th>
              <td>{row.title}</td>
              <td>{row.isApplicable ? 'Yes' : 'No'}</td>
              <td>{row.isApplicable ? row.reasons.map((reason) => controlReasonLabels[reason]).join('; ') || '—' : row.justification}</td>
              <td>{gapStatusLabels[row.status]}</td>
              <td className="pre-wrap">{row.implementation || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The Statement of Applicability: generated from the controls register, checked, approved into versions. */
export function SoaPage() {
  const session = useSignedInSession();
  const canApprove = useCan('soa.approve');
  const draft = useSoaDraft();
  const [approvedMessage, setApprovedMessage] = useState('');
  const timeZone = session.organisation?.timeZone;
  return (
    <>
      <PageHeader
        title="Statement of Applicability"
        intro={
          <p>
            Which Annex A controls apply to your practice and why, and how far each is implemented (ISO/IEC 27001:2022 clause 6.1.3 d). It is generated from the{' '}
            <Link to="/controls">controls register</Link>: change the register, not this page.
          </p>
        }
      />
      {draft.isPending ? <Loading label="Loading the statement…" /> : null}
      {draft.isError ? <LoadError error={draft.error} onRetry={() => void draft.refetch()} /> : null}
      {draft.data ? (
        <>
          <section className="panel" aria-labelledby="state-heading">
            <h2 id="state-heading">Approval</h2>
            <StatusMessage>{approvedMessage || null}</StatusMessage>
            <ApprovalState draft={draft.data} timeZone={timeZone} />
          </section>
          <section className="panel" aria-labelledby="checks-heading">
            <h2 id="checks-heading">Checks</h2>
            <Checks draft={draft.data} />
          </section>
          {canApprove ? <Approve draft={draft.data} onApproved={setApprovedMessage} /> : null}
          <SoaVersions timeZone={timeZone} />
          <StatementTable draft={draft.data} />
        </>
      ) : null}
    </>
  );
}
