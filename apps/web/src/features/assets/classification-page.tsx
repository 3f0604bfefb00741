import { useState, type FormEvent } from 'react';
import { classificationScheme as schemeSchema, updateClassificationSchemeBody, type ClassificationScheme } from '@custodian/shared/contracts/assets.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { conflictCurrent, isEditConflict } from '../../lib/edit-conflict.ts';
import { validateWith } from '../../lib/form-errors.ts';
import { plural } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { useClassificationScheme, useUpdateClassificationScheme } from './assets-api.ts';

interface LevelDraft {
  key: string;
  label: string;
  description: string;
  assetCount: number;
}

/** A key for a new level from its name: "Board only" → "board_only" (kept unique with a number). */
function keyFor(label: string, taken: ReadonlySet<string>): string {
  const stem = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 34) || 'level';
  let key = stem;
  for (let n = 2; taken.has(key); n += 1) key = `${stem}_${n}`;
  return key;
}

const draftsOf = (scheme: ClassificationScheme): LevelDraft[] => scheme.levels.map((level) => ({ ...level }));

function SchemeEditor({ scheme }: { scheme: ClassificationScheme }) {
  const [loaded, setLoaded] = useState(scheme);
  const [levels, setLevels] = useState<LevelDraft[]>(() => draftsOf(scheme));
  const [conflict, setConflict] = useState<ClassificationScheme | null>(null);
  const [localError, setLocalError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const save = useUpdateClassificationScheme();
  const error = localError ?? (isEditConflict(save.error) ? null : save.error);

  const change = (index: number, patch: Partial<LevelDraft>) => setLevels((all) => all.map((level, i) => (i === index ? { ...level, ...patch } : level)));
  const move = (index: number, by: -1 | 1) =>
    setLevels((all) => {
      const next = [...all];
      const [level] = next.splice(index, 1);
      if (level) next.splice(index + by, 0, level);
      return next;
    });
  const addLevel = () => setLevels((all) => [...all, { key: '', label: '', description: '', assetCount: 0 }]);

  function submit(version: number): void {
    const taken = new Set(levels.map((level) => level.key).filter(Boolean));
    const body = {
      version,
      levels: levels.map((level) => {
        const key = level.key || keyFor(level.label, taken);
        taken.add(key);
        return { key, label: level.label, description: level.description };
      }),
    };
    const invalid = validateWith(updateClassificationSchemeBody, body);
    setLocalError(invalid);
    setNotice('');
    if (invalid) return;
    save.mutate(body, {
      onSuccess: (saved) => {
        setLoaded(saved);
        setLevels(draftsOf(saved));
        setConflict(null);
        setNotice('The classification scheme was saved.');
      },
      onError: (failure) => setConflict(conflictCurrent(failure, schemeSchema)),
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    submit(loaded.version);
  }

  const labels = (list: ReadonlyArray<{ label: string }>) => list.map((level) => level.label || '(unnamed)').join(', ');
  return (
    <>
      {conflict ? (
        <EditConflictNotice
          subject="the classification scheme"
          conflictKey={conflict.version}
          rows={[{ key: 'levels', label: 'Levels, lowest first', theirs: labels(conflict.levels), yours: labels(levels) }]}
          isApplying={save.isPending}
          onApply={() => {
            setLoaded(conflict);
            submit(conflict.version);
          }}
          onDiscard={() => {
            setLoaded(conflict);
            setLevels(draftsOf(conflict));
            setConflict(null);
            save.reset();
            setNotice('Your changes were discarded. The form now shows the latest version.');
          }}
        />
      ) : null}
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={error} fieldNames={['levels']} />
        <StatusMessage>{notice || null}</StatusMessage>
        <ol className="scheme-levels">
          {levels.map((level, index) => (
            <li key={level.key || `new-${index}`} className="panel">
              <TextField label={`Level ${index + 1}: name`} value={level.label} isRequired onChange={(e) => change(index, { label: e.target.value })} />
              <TextAreaField label="What belongs here" rows={2} value={level.description} onChange={(e) => change(index, { description: e.target.value })} />
              <p className="muted">{level.assetCount > 0 ? `${plural(level.assetCount, 'asset')} ${level.assetCount === 1 ? 'holds' : 'hold'} this level, so it cannot be removed.` : 'No asset holds this level.'}</p>
              <div className="form-actions">
                <Button variant="secondary" disabled={index === 0} onClick={() => move(index, -1)}>
                  Move down <span className="sr-only">{level.label} (less sensitive)</span>
                </Button>
                <Button variant="secondary" disabled={index === levels.length - 1} onClick={() => move(index, 1)}>
                  Move up <span className="sr-only">{level.label} (more sensitive)</span>
                </Button>
                <Button variant="secondary" disabled={level.assetCount > 0} onClick={() => setLevels((all) => all.filter((_, i) => i !== index))}>
                  Remove <span className="sr-only">{level.label}</span>
                </Button>
              </div>
            </li>
          ))}
        </ol>
        <div className="form-actions">
          <Button variant="secondary" onClick={addLevel} disabled={levels.length >= 10}>
            Add a level
          </Button>
          <Button type="submit" isBusy={save.isPending && !conflict} busyText="Saving…">
            Save scheme
          </Button>
        </div>
      </form>
    </>
  );
}

/** The organisation's classification scheme for assets, lowest level first; owners and ISMS managers change it. */
export function ClassificationPage() {
  const scheme = useClassificationScheme();
  return (
    <>
      <p>
        <Link to="/assets">← Back to the asset register</Link>
      </p>
      <PageHeader
        title="Classification scheme"
        intro={<p>The levels every asset is classified by, from the least to the most sensitive. {scheme.data?.isDefault ? 'This is the scheme Custodian starts with; change it to match your practice’s policy.' : ''}</p>}
      />
      {scheme.isPending ? <Loading /> : null}
      {scheme.isError ? <LoadError error={scheme.error} onRetry={() => void scheme.refetch()} /> : null}
      {scheme.data ? <SchemeEditor scheme={scheme.data} /> : null}
    </>
  );
}
