import { useId, useRef, useState } from 'react';
import { checklistItem, checklistResultLabels, checklistResults, type AuditDetail, type ChecklistItem, type ChecklistResult } from '@custodian/shared/contracts/audits.ts';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { SelectField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { conflictCurrent, conflictRows, type ConflictFields } from '../../lib/edit-conflict.ts';
import { useChecklistChange } from './audits-api.ts';

const resultOptions = checklistResults.map((value) => ({ value, label: checklistResultLabels[value] }));
const resultFields: ConflictFields<{ result: ChecklistResult }> = { result: { label: 'Result', format: (value) => checklistResultLabels[value] } };

interface LineReport {
  error?: unknown;
  notice?: string;
}

/**
 * One line of the checklist. A result chosen is saved at once with the version this line was read at;
 * when someone else recorded the line meanwhile, the choice stays on screen and a notice shows what they
 * recorded, to apply this choice on their version or keep theirs.
 */
function ChecklistLine({ auditId, line, isOpen, report }: { auditId: string; line: ChecklistItem; isOpen: boolean; report: (what: LineReport) => void }) {
  const [loaded, setLoaded] = useState(line);
  const [result, setResult] = useState(line.result);
  const [conflict, setConflict] = useState<{ base: ChecklistItem; current: ChecklistItem } | null>(null);
  const [seenVersion, setSeenVersion] = useState(line.version);
  const queued = useRef<ChecklistResult | null>(null);
  const selectId = useId();
  const checklist = useChecklistChange();
  const hasChanges = result !== loaded.result;

  // A newer version read on this page (a colleague's result) is shown only while this line has nothing unsaved.
  if (line.version !== seenVersion) {
    setSeenVersion(line.version);
    if (!hasChanges && !conflict && line.version > loaded.version) {
      setLoaded(line);
      setResult(line.result);
    }
  }

  function save(version: number, chosen: ChecklistResult): void {
    report({});
    checklist.mutate(
      { id: auditId, itemId: line.itemId, body: { version, result: chosen } },
      {
        onSuccess: (saved) => {
          setLoaded(saved);
          setConflict(null);
          const next = queued.current;
          queued.current = null;
          // Chosen again while this was saving: save that too, on the version just saved.
          if (next !== null && next !== saved.result) save(saved.version, next);
          else setResult(saved.result);
        },
        onError: (failure) => {
          queued.current = null;
          const current = conflictCurrent(failure, checklistItem);
          if (current) {
            setConflict({ base: conflict?.base ?? loaded, current });
            setLoaded(current);
            return;
          }
          setResult(loaded.result);
          report({ error: failure });
        },
      },
    );
  }

  function choose(chosen: ChecklistResult): void {
    setResult(chosen);
    if (conflict) return;
    if (checklist.isPending) queued.current = chosen;
    else save(loaded.version, chosen);
  }

  function discard(current: ChecklistItem, notice: string): void {
    setLoaded(current);
    setResult(current.result);
    setConflict(null);
    checklist.reset();
    report({ notice });
    document.getElementById(selectId)?.focus();
  }

  return (
    <>
      <tr>
        <td>{line.ref}</td>
        <th scope="row">{line.title}</th>
        <td>
          {isOpen ? (
            <SelectField id={selectId} label={`Result for ${line.ref}`} value={result} options={resultOptions} onChange={(e) => choose(e.target.value as ChecklistResult)} />
          ) : (
            checklistResultLabels[line.result]
          )}
        </td>
      </tr>
      {conflict && isOpen ? (
        <tr>
          <td colSpan={3}>
            <EditConflictNotice
              subject={`the result for ${line.ref}`}
              conflictKey={conflict.current.version}
              rows={conflictRows(resultFields, { original: { result: conflict.base.result }, mine: { result }, current: { result: conflict.current.result } })}
              isApplying={checklist.isPending}
              onApply={() => (hasChanges ? save(conflict.current.version, result) : discard(conflict.current, `${line.ref} already shows your result.`))}
              onDiscard={() => discard(conflict.current, `Kept the result recorded for ${line.ref}: ${checklistResultLabels[conflict.current.result]}.`)}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** The audit's checklist: a result per requirement or control, chosen while the audit is in progress. */
export function Checklist({ audit, isOpen }: { audit: AuditDetail; isOpen: boolean }) {
  const [last, setLast] = useState<LineReport>({});
  return (
    <section className="panel" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">Checklist</h2>
      <FormAlert error={last.error ?? null} />
      <StatusMessage>{last.notice || null}</StatusMessage>
      <table className="table">
        <caption className="sr-only">Checklist</caption>
        <thead>
          <tr>
            <th scope="col">Ref</th>
            <th scope="col">Requirement or control</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {audit.checklist.map((line) => (
            <ChecklistLine key={line.itemId} auditId={audit.id} line={line} isOpen={isOpen} report={setLast} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
