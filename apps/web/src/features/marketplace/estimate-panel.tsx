import { useState } from 'react';
import { estimateAuditDays } from '@custodian/shared/domain/audit-time.ts';
import {
  defaultEffortAssumptions,
  effortAssumptionLabels,
  estimateEffort,
  type EffortAssumptionKey,
  type EffortAssumptions,
} from '@custodian/shared/domain/readiness-estimate.ts';
import { TextField } from '../../components/field.tsx';

const unitWords: Record<string, string> = {
  days: 'days',
  hours: 'hours',
  days_per_week: 'days a week',
  hours_per_week: 'hours a week',
  cents_per_day: 'dollars a day',
  cents: 'dollars',
  weeks: 'weeks',
};

const isCents = (key: EffortAssumptionKey) => effortAssumptionLabels[key].unit === 'cents' || effortAssumptionLabels[key].unit === 'cents_per_day';

function dollars(cents: number): string {
  return new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD', maximumFractionDigits: 0 }).format(cents / 100);
}

function readNumber(text: string): number | null {
  const value = Number(text.replace(/[$,\s]/g, ''));
  return text.trim() === '' || !Number.isFinite(value) || value < 0 ? null : value;
}

interface EstimatePanelProps {
  fte: number;
  siteCount: number;
  /** Requirements left, from the gap analysis (or a guess the person can change). */
  remaining: { notStarted: number; partial: number };
}

/**
 * The audit days ISO/IEC 27006 gives for the practice's size and sites, and a cost and timeline estimate
 * from what is left to do, with every assumption shown and editable (nothing here is sent to providers).
 */
export function EstimatePanel({ fte, siteCount, remaining: initialRemaining }: EstimatePanelProps) {
  const [texts, setTexts] = useState<Partial<Record<EffortAssumptionKey | 'notStarted' | 'partial' | 'complexity', string>>>({});
  const valueOf = (key: EffortAssumptionKey | 'notStarted' | 'partial' | 'complexity', fallback: number) => readNumber(texts[key] ?? '') ?? fallback;
  const persons = Math.max(0.1, fte);
  const audit = estimateAuditDays({
    personnel: { fullTimeHeadcount: 0, partTimeFte: persons },
    complexity: { business: [2, 2, 2], it: [2, 2, 2], chosenPercent: valueOf('complexity', 0) },
    sites: { count: Math.max(0, siteCount - 1) },
  });
  const overrides: Partial<EffortAssumptions> = { auditDays: audit.adjustedInitialDays };
  for (const key of Object.keys(defaultEffortAssumptions) as EffortAssumptionKey[]) {
    const typed = readNumber(texts[key] ?? '');
    if (typed !== null) overrides[key] = isCents(key) ? Math.round(typed * 100) : typed;
  }
  if (overrides.consultantDaysPerWeek === 0) delete overrides.consultantDaysPerWeek;
  if (overrides.internalHoursPerWeek === 0) delete overrides.internalHoursPerWeek;
  const remaining = {
    notStarted: Math.round(valueOf('notStarted', initialRemaining.notStarted)),
    partial: Math.round(valueOf('partial', initialRemaining.partial)),
  };
  const effort = estimateEffort({ remaining, assumptions: overrides });
  const set = (key: string, value: string) => setTexts({ ...texts, [key]: value });

  return (
    <section className="panel" aria-labelledby="estimate-heading">
      <h2 id="estimate-heading">What to expect (an estimate)</h2>
      <p className="field-hint">Worked out in your browser from your answers. Change any figure below to see the effect; providers do not see this.</p>
      <ul>
        <li>
          Certification audit: about <strong>{audit.adjustedInitialDays} days</strong> (Stage 1 {audit.stage1Days}, Stage 2 {audit.stage2Days}), then{' '}
          {audit.surveillanceDays} days each surveillance year and {audit.recertificationDays} days to recertify.
        </li>
        <li>
          Cost to a certificate: about <strong>{dollars(effort.totalCents)}</strong> ({dollars(effort.consultingCents)} consulting,{' '}
          {dollars(effort.certificationCents)} certification), in about <strong>{effort.weeks.total} weeks</strong>.
        </li>
      </ul>
      <details>
        <summary>How this was worked out</summary>
        <ul>
          {[...audit.explanation, ...effort.explanation].map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
      <details>
        <summary>Change the assumptions</summary>
        <div className="form">
          <TextField
            label="Requirements not started"
            inputMode="numeric"
            value={texts.notStarted ?? String(initialRemaining.notStarted)}
            onChange={(e) => set('notStarted', e.target.value)}
          />
          <TextField
            label="Requirements partly in place"
            inputMode="numeric"
            value={texts.partial ?? String(initialRemaining.partial)}
            onChange={(e) => set('partial', e.target.value)}
          />
          <TextField
            label="Complexity adjustment to audit time (per cent)"
            hint={`For a practice of average complexity the allowed range is ${audit.complexity.rangePercent[0]} % to ${audit.complexity.rangePercent[1]} %.`}
            inputMode="numeric"
            value={texts.complexity ?? String(audit.complexity.appliedPercent)}
            onChange={(e) => set('complexity', e.target.value)}
          />
          {effort.assumptions
            .filter((a) => a.key !== 'auditDays')
            .map((a) => (
              <TextField
                key={a.key}
                label={`${a.label} (${unitWords[a.unit] ?? a.unit})`}
                inputMode="decimal"
                value={texts[a.key] ?? String(isCents(a.key) ? a.value / 100 : a.value)}
                onChange={(e) => set(a.key, e.target.value)}
              />
            ))}
        </div>
      </details>
    </section>
  );
}
