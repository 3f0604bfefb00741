import { useState } from 'react';
import {
  importKindLabels,
  importKinds,
  type AnalyseImportReply,
  type CommitImportReply,
  type ImportKind,
  type ImportMapping,
  type ImportProgressReply,
  type PreviewImportReply,
} from '@custodian/shared/contracts/register-import.ts';
import { useCan } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useLocation } from '../../router.tsx';
import { ImportMappingTables } from './import-mapping.tsx';
import { countOf, describeCounts } from './import-words.ts';
import { analyseFile, commitFile, fileAsBase64, previewFile, registerExportUrl, type ChosenFile } from './register-import-api.ts';

const maxBytes = 20 * 1024 * 1024;

function kindFrom(search: string): ImportKind {
  const kind = new URLSearchParams(search).get('kind');
  return kind === 'risks' ? 'risks' : 'assets';
}

function ImportProgressBar({ progress }: { progress: ImportProgressReply | null }) {
  const total = progress?.total ?? 0;
  const done = progress?.done ?? 0;
  const label =
    !progress || progress.phase === 'reading'
      ? 'Sending and reading the file…'
      : progress.phase === 'checking'
        ? 'Checking every row…'
        : `Saving: ${countOf(done, 'row', 'rows')} of ${total.toLocaleString('en-AU')}`;
  return (
    <div className="import-progress">
      <label htmlFor="import-progress">{label}</label>
      <progress id="import-progress" max={total > 0 ? total : undefined} value={total > 0 ? done : undefined} />
    </div>
  );
}

/** Export of both registers, and import of assets or risks from a CSV or XLSX file: map, check, then commit. */
export function RegisterPage() {
  const location = useLocation();
  const canImport = useCan('register.import');
  const [kind, setKind] = useState<ImportKind>(kindFrom(location.search));
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [analysed, setAnalysed] = useState<AnalyseImportReply | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [preview, setPreview] = useState<PreviewImportReply | null>(null);
  const [progress, setProgress] = useState<ImportProgressReply | null>(null);
  const [result, setResult] = useState<CommitImportReply | null>(null);
  const [busy, setBusy] = useState<'reading' | 'checking' | 'importing' | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** Bumped after an import, so the file chooser starts empty again (the same file is never imported twice by accident). */
  const [round, setRound] = useState(0);

  const reset = () => {
    setAnalysed(null);
    setPreview(null);
    setResult(null);
    setProgress(null);
    setError(null);
  };

  const run = async (step: 'reading' | 'checking' | 'importing', work: () => Promise<void>) => {
    setBusy(step);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const choose = (chosen: File | undefined, forKind: ImportKind) => {
    reset();
    setFile(null);
    if (!chosen) return;
    if (chosen.size > maxBytes) return setError(new Error('The file is larger than 20 MB. Split it into smaller files.'));
    void run('reading', async () => {
      const next = { kind: forKind, fileName: chosen.name, content: await fileAsBase64(chosen) };
      const reply = await analyseFile(next);
      setFile(next);
      setAnalysed(reply);
      setMapping(Object.fromEntries(reply.sheets.map((sheet) => [sheet.role, sheet.mapping])));
    });
  };

  const check = () => file && void run('checking', async () => setPreview(await previewFile(file, mapping)));
  const commit = () =>
    file &&
    void run('importing', async () => {
      setProgress(null);
      const committed = await commitFile(file, mapping, setProgress);
      reset();
      setFile(null);
      setRound((n) => n + 1);
      setResult(committed);
    });

  const isReady = preview !== null && preview.problemCount === 0;
  return (
    <>
      <PageHeader
        title="Import and export registers"
        intro="Download your asset and risk registers as one spreadsheet, or add assets and risks from a spreadsheet (CSV or Excel). An import only adds: it never changes what is already in your registers."
        actions={
          <a className="button button-secondary" href={registerExportUrl} download>
            Export register (XLSX)
          </a>
        }
      />
      {canImport ? (
        <section className="panel" aria-labelledby="import-heading">
          <h2 id="import-heading">Import from a spreadsheet</h2>
          <fieldset className="field">
            <legend className="field-label">What does the file hold?</legend>
            {importKinds.map((option) => (
              <label key={option} className="field-radio">
                <input
                  type="radio"
                  name="import-kind"
                  value={option}
                  checked={kind === option}
                  onChange={() => {
                    setKind(option);
                    setFile(null);
                    reset();
                  }}
                />{' '}
                {option === 'assets' ? `${importKindLabels.assets} (and the links between them)` : `${importKindLabels.risks} (and their treatment tasks)`}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="import-file" className="field-label">
              File (CSV or XLSX, up to 20 MB)
            </label>
            <p id="import-file-hint" className="field-hint">
              The first row must hold the column headings. An exported register can be imported as it is.
            </p>
            <input
              key={`${kind}-${round}`}
              id="import-file"
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby="import-file-hint"
              onChange={(event) => choose(event.target.files?.[0], kind)}
              disabled={busy !== null}
            />
          </div>
          {busy === 'reading' ? <p role="status">Reading the file…</p> : null}
          <FormAlert error={error} />
          {analysed && file ? (
            <>
              <h3>Which column holds what</h3>
              <p>We matched the columns by their headings. Change any that are wrong, then check the file.</p>
              <ImportMappingTables
                sheets={analysed.sheets}
                mapping={mapping}
                onChange={(next) => {
                  setMapping(next);
                  setPreview(null);
                }}
              />
              <div className="form-actions">
                <Button variant="secondary" onClick={check} isBusy={busy === 'checking'} busyText="Checking every row…" disabled={busy !== null}>
                  Check the file
                </Button>
                {isReady ? (
                  <Button onClick={commit} isBusy={busy === 'importing'} busyText="Importing…" disabled={busy !== null}>
                    Import {countOf(preview.rowCount, 'row', 'rows')}
                  </Button>
                ) : null}
              </div>
            </>
          ) : null}
          {preview ? <PreviewSummary preview={preview} /> : null}
          {busy === 'importing' ? <ImportProgressBar progress={progress} /> : null}
          <StatusMessage>{result ? `Imported ${describeCounts(result.counts)}. The import is recorded in the audit trail.` : null}</StatusMessage>
        </section>
      ) : null}
    </>
  );
}

function PreviewSummary({ preview }: { preview: PreviewImportReply }) {
  if (preview.problemCount === 0) {
    return (
      <div role="status" className="alert alert-success">
        <p className="alert-title">{countOf(preview.rowCount, 'row', 'rows')} checked: no problems.</p>
        <p>
          Importing will add {describeCounts(preview.counts)}.
          {preview.refsAssigned > 0 ? ` ${countOf(preview.refsAssigned, 'row has', 'rows have')} no reference and will get the next free one.` : ''}
        </p>
      </div>
    );
  }
  const more = preview.problemCount - preview.problems.length;
  return (
    <div role="alert" className="alert alert-error">
      <p className="alert-title">
        {countOf(preview.problemCount, 'problem', 'problems')} in {countOf(preview.rowCount, 'row', 'rows')}. Nothing can be imported until{' '}
        {preview.problemCount === 1 ? 'it is' : 'they are'} fixed in the file.
      </p>
      <ul className="import-problems">
        {preview.problems.map((problem, index) => (
          <li key={`${index}-${problem.message}`}>{problem.message}</li>
        ))}
      </ul>
      {more > 0 ? <p>…and {countOf(more, 'more problem', 'more problems')}.</p> : null}
    </div>
  );
}
