import { useState, type FormEvent } from 'react';
import type { MethodPreviewReply, RiskScoresSnapshot } from '@custodian/shared/contracts/risk-method.ts';
import { methodProblems, type RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import { riskMethodPresets } from '@custodian/shared/domain/risk-method-presets.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { FormAlert, Notice, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { MethodEditor } from './method-editor.tsx';
import { useMethodChanges, useRiskMethod, useRiskMethodHistory } from './risks-api.ts';
import { LevelChip } from './score-chip.tsx';

function definitionOf(method: RiskMethodDefinition): RiskMethodDefinition {
  const { likelihood, impact, levels, matrix, acceptableLevel, reviewMonths } = method;
  return { likelihood, impact, levels, matrix, acceptableLevel, reviewMonths };
}

function words(method: RiskMethodDefinition, s: { likelihood: number; impact: number; level: string } | null): string {
  if (!s) return 'not scored';
  const level = method.levels.find((entry) => entry.key === s.level)?.label ?? s.level;
  return `${method.likelihood[s.likelihood - 1]?.label ?? s.likelihood} × ${method.impact[s.impact - 1]?.label ?? s.impact} (${level})`;
}

function MovedTable({ preview, from, to }: { preview: MethodPreviewReply; from: RiskMethodDefinition; to: RiskMethodDefinition }) {
  const stage = (name: 'inherent' | 'current' | 'residual', before: RiskScoresSnapshot, after: RiskScoresSnapshot) => {
    const was = words(from, before[name]);
    const now = words(to, after[name]);
    return was === now ? was : `${was} → ${now}`;
  };
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>
          Risks that move ({preview.movedCount} of {preview.riskCount}
          {preview.moved.length < preview.movedCount ? `; the first ${preview.moved.length} are listed` : ''})
        </caption>
        <thead>
          <tr>
            <th scope="col">Risk</th>
            <th scope="col">Inherent</th>
            <th scope="col">Current</th>
            <th scope="col">Residual</th>
          </tr>
        </thead>
        <tbody>
          {preview.moved.map((move) => (
            <tr key={move.riskId}>
              <th scope="row">
                {move.ref} {move.title}
                {move.isAcceptanceWithdrawn ? (
                  <>
                    {' '}
                    <Tag tone="warning">Acceptance will be withdrawn</Tag>
                  </>
                ) : null}
              </th>
              <td>{stage('inherent', move.before, move.after)}</td>
              <td>{stage('current', move.before, move.after)}</td>
              <td>{stage('residual', move.before, move.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VersionHistory() {
  const session = useSignedInSession();
  const history = useRiskMethodHistory();
  if (history.isPending) return <Loading label="Loading the versions…" />;
  if (history.isError) return <LoadError error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.items.length === 0) return <p className="muted">The default method has not been saved yet: it is saved as version 1 when the first risk is scored.</p>;
  return (
    <ol className="history">
      {history.data.items.map((v) => (
        <li key={v.version}>
          <strong>Version {v.version}</strong> — {formatDateTime(v.createdAt, session.organisation?.timeZone)}
          {v.createdByName ? ` by ${v.createdByName}` : ''}: {v.size}, levels {v.levels.join(', ')}, appetite up to {v.acceptableLevel}, reviews every {v.reviewMonths} months
          {v.version > 1 ? `; ${v.movedCount} risk${v.movedCount === 1 ? '' : 's'} moved` : ''}.{v.changeNote ? ` “${v.changeNote}”` : ''}
        </li>
      ))}
    </ol>
  );
}

/** The risk method (6.1.2): shown to everyone, changed by managers after a preview of what moves. */
export function RiskMethodPage() {
  const canManage = useCan('risk_method.manage');
  const method = useRiskMethod();
  const { preview, change } = useMethodChanges();
  const [draft, setDraft] = useState<RiskMethodDefinition | null>(null);
  const [note, setNote] = useState('');
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  if (method.isPending) return <Loading label="Loading the risk method…" />;
  if (method.isError) return <LoadError error={method.error} onRetry={() => void method.refetch()} />;
  const current = definitionOf(method.data);
  const edited = draft ?? current;
  const problems = methodProblems(edited);
  const draftKey = JSON.stringify(edited);
  const isPreviewCurrent = previewed === draftKey && preview.data !== undefined;

  function edit(next: RiskMethodDefinition): void {
    setDraft(next);
    setMessage('');
  }

  function runPreview(): void {
    preview.mutate({ ...edited, version: method.data?.version ?? 1, note: note || 'Preview' }, { onSuccess: () => setPreviewed(draftKey) });
  }

  function handleSave(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    change.mutate(
      { ...edited, version: method.data?.version ?? 1, note },
      {
        onSuccess: (saved) => {
          setDraft(null);
          setNote('');
          setPreviewed(null);
          setMessage(`Saved version ${saved.method.version}. ${saved.movedCount} of ${saved.riskCount} risks were re-scored; each risk's history shows its move.`);
        },
      },
    );
  }

  return (
    <>
      <p>
        <Link to="/risks">← Back to the risk register</Link>
      </p>
      <PageHeader
        title="Risk method"
        intro={
          <p>
            How your practice rates risks: likelihood and impact scales, the matrix of levels, the risk appetite and how often risks are reviewed. Version {method.data.version}
            {method.data.isDefault ? ' (the default, not yet changed)' : ''}.
          </p>
        }
      />
      <StatusMessage>{message || null}</StatusMessage>
      <section className="panel" aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">Levels</h2>
        <p>
          {current.levels.map((level) => (
            <span key={level.key}>
              <LevelChip label={level.label} colour={level.colour} />{' '}
            </span>
          ))}
          — risks up to {current.levels.find((level) => level.key === current.acceptableLevel)?.label} are within the appetite; reviews every {current.reviewMonths} months.
        </p>
      </section>
      {canManage ? (
        <section className="panel" aria-labelledby="change-heading">
          <h2 id="change-heading">Change the method</h2>
          <p>Start from a preset or edit the current method. Every risk is re-scored when you save: preview first to see which risks move.</p>
          <div className="form-actions" role="group" aria-label="Presets">
            {Object.entries(riskMethodPresets).map(([key, preset]) => (
              <Button key={key} variant="secondary" onClick={() => edit(preset.method)}>
                Use {preset.label}
              </Button>
            ))}
            <Button variant="secondary" onClick={() => edit(current)}>
              Back to the current method
            </Button>
          </div>
          <form onSubmit={handleSave} noValidate className="form">
            <MethodEditor draft={edited} onChange={edit} />
            {problems.length > 0 ? (
              <Notice tone="warning">
                {problems.map((problem) => (
                  <span key={problem}>{problem} </span>
                ))}
              </Notice>
            ) : null}
            <TextAreaField label="Why the method is changing" name="note" rows={2} isRequired value={note} hint="Kept with the version, so an auditor can see why." onChange={(event) => setNote(event.target.value)} />
            <FormAlert error={preview.error ?? change.error} fieldNames={['note']} />
            <div className="form-actions">
              <Button variant="secondary" disabled={problems.length > 0} isBusy={preview.isPending} busyText="Working it out…" onClick={runPreview}>
                Preview which risks move
              </Button>
              <Button type="submit" disabled={!isPreviewCurrent || problems.length > 0} isBusy={change.isPending} busyText="Saving and re-scoring…">
                Save as version {method.data.version + 1}
              </Button>
            </div>
            {!isPreviewCurrent ? <p className="muted">Preview the change before saving it.</p> : null}
          </form>
          {isPreviewCurrent && preview.data ? (
            preview.data.movedCount === 0 ? (
              <Notice>No risk moves with this change ({preview.data.riskCount} risks checked).</Notice>
            ) : (
              <MovedTable preview={preview.data} from={current} to={edited} />
            )
          ) : null}
        </section>
      ) : null}
      <section className="panel" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <VersionHistory />
      </section>
    </>
  );
}
