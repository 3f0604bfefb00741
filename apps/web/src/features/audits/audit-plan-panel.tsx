import { useState } from 'react';
import type { AuditDetail } from '@custodian/shared/contracts/audits.ts';
import { StatusMessage } from '../../components/form-alert.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { useOwnerOptions } from '../risks/use-owner-options.ts';
import { AuditPlanForm } from './audit-plan-form.tsx';
import type { ScopeControl } from './audit-scope-picker.tsx';
import { useAuditProgramme } from './audits-api.ts';

/**
 * "Change the plan" on a planned audit: the programme gives the applicable controls to choose from; a
 * control in scope that no longer applies is still listed so it can be taken out.
 */
export function AuditPlanPanel({ audit }: { audit: AuditDetail }) {
  const [saved, setSaved] = useState('');
  const programme = useAuditProgramme();
  const owners = useOwnerOptions({ id: audit.auditorUserId, name: audit.auditorName });
  const auditorOptions = owners.options.map((option) => (option.value ? option : { value: '', label: 'Not yet chosen' }));
  const applicable: ScopeControl[] = (programme.data?.lines ?? []).filter((line) => line.kind === 'control').map(({ id, ref, title }) => ({ id, ref, title }));
  const lapsed = audit.checklist
    .filter((line) => line.kind === 'control' && !applicable.some((control) => control.id === line.itemId))
    .map((line) => ({ id: line.itemId, ref: line.ref, title: `${line.title} (no longer applicable)` }));
  return (
    <>
      <StatusMessage>{saved || null}</StatusMessage>
      <details className="panel">
        <summary>Change the plan: dates, auditor and what the audit covers</summary>
        {programme.data ? (
          <AuditPlanForm key={audit.id} audit={audit} auditorOptions={auditorOptions} controlOptions={[...applicable, ...lapsed]} onSaved={setSaved} />
        ) : programme.isError ? (
          <LoadError error={programme.error} onRetry={() => void programme.refetch()} />
        ) : (
          <Loading label="Loading the controls you can audit…" />
        )}
      </details>
    </>
  );
}
