import { useState } from 'react';
import { auditClauses } from '@custodian/shared/contracts/audits.ts';
import { ChoiceSet } from '../providers/choice-set.tsx';

/** A control the audit can cover: an applicable control of the register (the programme lists them). */
export interface ScopeControl {
  id: string;
  ref: string;
  title: string;
}

const themes = [
  { prefix: 'A.5.', name: 'Organisational controls (A.5)' },
  { prefix: 'A.6.', name: 'People controls (A.6)' },
  { prefix: 'A.7.', name: 'Physical controls (A.7)' },
  { prefix: 'A.8.', name: 'Technological controls (A.8)' },
];

function themeOf(control: ScopeControl): string {
  return themes.find((theme) => control.ref.startsWith(theme.prefix))?.name ?? 'Your own controls';
}

const clauseLabels = Object.fromEntries(auditClauses.map((clause) => [clause, `Clause ${clause}`])) as Record<string, string>;

interface ScopePickerProps {
  clauses: string[];
  controls: string[];
  options: ScopeControl[];
  onClauses: (next: string[]) => void;
  onControls: (next: string[]) => void;
  clauseError?: string | undefined;
  controlError?: string | undefined;
}

/**
 * Which clauses and controls the audit covers, and so which lines its checklist has: the clauses 4 to
 * 10, and the applicable controls grouped by Annex A theme, each group folded with how many are ticked.
 */
export function AuditScopePicker({ clauses, controls, options, onClauses, onControls, clauseError, controlError }: ScopePickerProps) {
  // Groups with a control chosen when the form opened start unfolded; the person folds and unfolds them after that.
  const [unfolded] = useState(() => new Set(options.filter((control) => controls.includes(control.id)).map(themeOf)));
  const groups = new Map<string, ScopeControl[]>();
  for (const control of options) groups.set(themeOf(control), [...(groups.get(themeOf(control)) ?? []), control]);
  const labels = Object.fromEntries(options.map((control) => [control.id, `${control.ref} ${control.title}`])) as Record<string, string>;
  return (
    <>
      <ChoiceSet legend="Clauses in scope" options={auditClauses} labels={clauseLabels} value={clauses} onChange={onClauses} />
      {clauseError ? <p className="field-error">{clauseError}</p> : null}
      <fieldset className="field choice-set">
        <legend className="field-label">Controls in scope</legend>
        <p className="field-hint">Only controls that apply to you (in your Statement of Applicability) can be audited. {controls.length === 1 ? '1 control' : `${controls.length} controls`} chosen.</p>
        {controlError ? <p className="field-error">{controlError}</p> : null}
        {[...groups].map(([name, members]) => {
          const ids = members.map((control) => control.id);
          const chosen = controls.filter((id) => ids.includes(id));
          return (
            <details key={name} open={unfolded.has(name) || undefined}>
              <summary>
                {name}: {chosen.length} of {members.length} chosen
              </summary>
              <ChoiceSet legend={name} options={ids} labels={labels} value={chosen} onChange={(next) => onControls([...controls.filter((id) => !ids.includes(id)), ...next])} />
            </details>
          );
        })}
      </fieldset>
    </>
  );
}
