import type { RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { addRiskLevel, addScaleLevel, removeRiskLevel, removeScaleLevel, setCell, setRiskLevel, setScaleText } from './method-draft.ts';
import { textColourOn } from './score-chip.tsx';

interface EditorProps {
  draft: RiskMethodDefinition;
  onChange: (next: RiskMethodDefinition) => void;
}

function ScaleEditor({ draft, onChange, scale }: EditorProps & { scale: 'likelihood' | 'impact' }) {
  const name = scale === 'likelihood' ? 'Likelihood' : 'Impact';
  const levels = draft[scale];
  return (
    <fieldset className="scale-editor">
      <legend>
        {name} scale ({levels.length} levels, lowest first)
      </legend>
      {levels.map((entry, index) => (
        <div className="scale-row" key={entry.level}>
          <TextField label={`${name} ${entry.level}: name`} name={`${scale}-${entry.level}-label`} value={entry.label} onChange={(event) => onChange(setScaleText(draft, scale, index, 'label', event.target.value))} />
          <TextField
            label={`${name} ${entry.level}: what it means`}
            name={`${scale}-${entry.level}-description`}
            value={entry.description}
            onChange={(event) => onChange(setScaleText(draft, scale, index, 'description', event.target.value))}
          />
        </div>
      ))}
      <div className="form-actions">
        <Button variant="secondary" disabled={levels.length >= 7} onClick={() => onChange(addScaleLevel(draft, scale))}>
          Add {scale === 'impact' ? 'an' : 'a'} {name.toLowerCase()} level
        </Button>
        <Button variant="secondary" disabled={levels.length <= 3} onClick={() => onChange(removeScaleLevel(draft, scale))}>
          Remove the highest {name.toLowerCase()} level
        </Button>
      </div>
    </fieldset>
  );
}

function LevelsEditor({ draft, onChange }: EditorProps) {
  return (
    <fieldset className="scale-editor">
      <legend>Risk levels (lowest first) and their colours</legend>
      {draft.levels.map((level, index) => (
        <div className="scale-row" key={level.key}>
          <TextField label={`Risk level ${index + 1}: name`} name={`level-${level.key}-label`} value={level.label} onChange={(event) => onChange(setRiskLevel(draft, index, 'label', event.target.value))} />
          <TextField label={`Risk level ${index + 1}: colour`} name={`level-${level.key}-colour`} type="color" value={level.colour} onChange={(event) => onChange(setRiskLevel(draft, index, 'colour', event.target.value))} />
        </div>
      ))}
      <div className="form-actions">
        <Button variant="secondary" disabled={draft.levels.length >= 6} onClick={() => onChange(addRiskLevel(draft))}>
          Add a risk level
        </Button>
        <Button variant="secondary" disabled={draft.levels.length <= 2} onClick={() => onChange(removeRiskLevel(draft))}>
          Remove the highest risk level
        </Button>
      </div>
    </fieldset>
  );
}

/** The matrix: a level for every likelihood (rows, highest at the top) × impact (columns). */
function MatrixEditor({ draft, onChange }: EditorProps) {
  const options = draft.levels.map((level) => ({ value: level.key, label: level.label }));
  const rows = draft.likelihood.map((_, index) => index).reverse();
  return (
    <fieldset className="matrix-editor">
      <legend>Risk matrix: the level of each likelihood × impact</legend>
      <div className="table-scroll">
        <table className="risk-matrix">
          <caption className="sr-only">Risk level for each likelihood (rows) and impact (columns)</caption>
          <thead>
            <tr>
              <th scope="col">Likelihood ↓ / Impact →</th>
              {draft.impact.map((impact) => (
                <th scope="col" key={impact.level}>
                  {impact.level} {impact.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l}>
                <th scope="row">
                  {l + 1} {draft.likelihood[l]?.label}
                </th>
                {draft.impact.map((impact, i) => {
                  const key = draft.matrix[l]?.[i] ?? '';
                  const colour = draft.levels.find((level) => level.key === key)?.colour ?? '#ffffff';
                  return (
                    <td key={impact.level} style={{ backgroundColor: colour, color: textColourOn(colour) }}>
                      <SelectField
                        label={`${draft.likelihood[l]?.label ?? ''} × ${impact.label}`}
                        name={`cell-${l + 1}-${i + 1}`}
                        value={key}
                        options={options}
                        onChange={(event) => onChange(setCell(draft, l, i, event.target.value))}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

/** Full editing of a method draft: scales, levels and colours, matrix, appetite and review frequency. */
export function MethodEditor({ draft, onChange }: EditorProps) {
  return (
    <>
      <ScaleEditor draft={draft} onChange={onChange} scale="likelihood" />
      <ScaleEditor draft={draft} onChange={onChange} scale="impact" />
      <LevelsEditor draft={draft} onChange={onChange} />
      <MatrixEditor draft={draft} onChange={onChange} />
      <SelectField
        label="Risk appetite: the highest level accepted without further treatment"
        name="acceptableLevel"
        value={draft.acceptableLevel}
        options={draft.levels.map((level) => ({ value: level.key, label: level.label }))}
        onChange={(event) => onChange({ ...draft, acceptableLevel: event.target.value })}
      />
      <TextField
        label="Review every (months)"
        name="reviewMonths"
        type="number"
        min={1}
        max={36}
        value={String(draft.reviewMonths)}
        hint="A new risk's next review defaults to this many months from today."
        onChange={(event) => onChange({ ...draft, reviewMonths: Number(event.target.value) })}
      />
    </>
  );
}
