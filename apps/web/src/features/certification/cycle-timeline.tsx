import { certificationOutcomeLabels, type Certificate, type CertificationAudit } from '@custodian/shared/contracts/certification.ts';
import { Tag } from '../../components/status-badge.tsx';
import { formatDate } from '../../lib/format.ts';
import { CycleAuditEditor } from './cycle-audit-editor.tsx';

/** Where an audit stands, in words and a tone. */
function standing(audit: CertificationAudit, today: string): { words: string; tone: 'neutral' | 'warning' | 'success' | 'danger' } {
  if (audit.heldOn) return { words: certificationOutcomeLabels[audit.outcome], tone: audit.outcome === 'not_passed' ? 'danger' : audit.outcome === 'pending' ? 'neutral' : 'success' };
  if (audit.dueOn && audit.dueOn < today) return { words: 'Overdue', tone: 'danger' };
  if (audit.plannedOn) return { words: 'Planned', tone: 'neutral' };
  return { words: 'Not planned yet', tone: 'warning' };
}

/** The five audits of the cycle in order: their due, planned and held days and outcomes, each editable by those who may. */
export function CycleTimeline({ certificate, canWrite, today }: { certificate: Certificate; canWrite: boolean; today: string }) {
  return (
    <ol className="timeline" aria-label="Audits of the certification cycle">
      {certificate.audits.map((audit) => {
        const state = standing(audit, today);
        return (
          <li key={`${certificate.id}-${audit.kind}`} className="panel">
            <h3>
              {audit.label} <Tag tone={state.tone}>{state.words}</Tag>
            </h3>
            <p className="muted">
              {audit.dueBy ? `Due by ${formatDate(audit.dueBy)}. ` : ''}
              {audit.plannedOn ? `Planned for ${formatDate(audit.plannedOn)}. ` : ''}
              {audit.heldOn ? `Held on ${formatDate(audit.heldOn)}.` : ''}
            </p>
            {canWrite ? <CycleAuditEditor certificate={certificate} audit={audit} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
