import { riskStatuses, riskStatusLabels, treatmentLabels, treatmentOptions } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { scoreRisk, type RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import { SelectField, TextAreaField, TextField, type SelectOption } from '../../components/field.tsx';
import { formatDate } from '../../lib/format.ts';
import type { RiskAssetRef } from '@custodian/shared/contracts/risks.ts';
import type { RiskFormValues } from './risk-form-values.ts';
import { riskFieldLabels } from './risk-form-values.ts';
import { RiskAssetsField } from './risk-assets-field.tsx';
import { LevelChip } from './score-chip.tsx';

type Stage = 'inherent' | 'current' | 'residual';

interface ScorePickerProps {
  stage: Stage;
  method: RiskMethodDefinition;
  likelihood: string;
  impact: string;
  isOptional: boolean;
  error?: string | undefined;
  onChange: (likelihood: string, impact: string) => void;
}

/** Likelihood and impact from the method's scales (with their words), and the level they land in. */
function ScorePicker({ stage, method, likelihood, impact, isOptional, error, onChange }: ScorePickerProps) {
  const none = { value: '', label: isOptional ? 'Not scored' : 'Choose…' };
  const likelihoodOptions = [none, ...method.likelihood.map((level) => ({ value: String(level.level), label: `${level.level} – ${level.label}` }))];
  const impactOptions = [none, ...method.impact.map((level) => ({ value: String(level.level), label: `${level.level} – ${level.label}` }))];
  const level = likelihood && impact ? scoreRisk(method, Number(likelihood), Number(impact)) : null;
  return (
    <fieldset className="score-picker">
      <legend>{riskFieldLabels[stage]}</legend>
      <div className="score-picker-row">
        <SelectField label="Likelihood" name={`${stage}Likelihood`} value={likelihood} options={likelihoodOptions} isRequired={!isOptional} error={error} onChange={(event) => onChange(event.target.value, impact)} />
        <SelectField label="Impact" name={`${stage}Impact`} value={impact} options={impactOptions} isRequired={!isOptional} onChange={(event) => onChange(likelihood, event.target.value)} />
        <p className="score-picker-level" aria-live="polite">
          {level ? (
            <>
              Level: <LevelChip label={level.label} colour={level.colour} />
            </>
          ) : (
            <span className="muted">{isOptional ? 'Not scored' : 'Choose both to see the level'}</span>
          )}
        </p>
      </div>
    </fieldset>
  );
}

interface RiskFieldsProps {
  values: RiskFormValues;
  method: RiskMethodDefinition;
  ownerOptions: SelectOption[];
  /** The risk's assets as saved (named without a lookup). */
  knownAssets?: readonly RiskAssetRef[];
  errors: Record<string, string>;
  setField: <K extends keyof RiskFormValues>(key: K, value: RiskFormValues[K]) => void;
}

/** The fields of a risk, shared by the new-risk and edit forms. */
export function RiskFields({ values, method, ownerOptions, knownAssets = [], errors, setField }: RiskFieldsProps) {
  const stageError = (stage: Stage) => errors[stage] ?? errors[`${stage}.likelihood`] ?? errors[`${stage}.impact`];
  const setScore = (stage: Stage) => (likelihood: string, impact: string) => {
    setField(`${stage}Likelihood`, likelihood);
    setField(`${stage}Impact`, impact);
  };
  const treatmentChoices = [{ value: '', label: 'Not decided yet' }, ...treatmentOptions.map((option) => ({ value: option, label: treatmentLabels[option] }))];
  return (
    <>
      <TextField label={riskFieldLabels.title ?? 'Title'} name="title" value={values.title} isRequired onChange={(event) => setField('title', event.target.value)} error={errors.title} />
      <TextAreaField label={riskFieldLabels.threat ?? 'Threat'} name="threat" rows={2} value={values.threat} onChange={(event) => setField('threat', event.target.value)} error={errors.threat} />
      <TextAreaField
        label={riskFieldLabels.vulnerability ?? 'Vulnerability'}
        name="vulnerability"
        rows={2}
        value={values.vulnerability}
        onChange={(event) => setField('vulnerability', event.target.value)}
        error={errors.vulnerability}
      />
      <TextAreaField label={riskFieldLabels.description ?? 'Description'} name="description" rows={3} value={values.description} onChange={(event) => setField('description', event.target.value)} error={errors.description} />
      <SelectField
        label={riskFieldLabels.ownerUserId ?? 'Risk owner'}
        name="ownerUserId"
        value={values.ownerUserId}
        options={ownerOptions}
        hint="The person accountable for this risk. Only they can formally accept its residual risk."
        onChange={(event) => setField('ownerUserId', event.target.value)}
        error={errors.ownerUserId}
      />
      <RiskAssetsField value={values.assetIds} knownAssets={knownAssets} error={errors.assetIds} onChange={(value) => setField('assetIds', value)} />
      <ScorePicker stage="inherent" method={method} likelihood={values.inherentLikelihood} impact={values.inherentImpact} isOptional={false} error={stageError('inherent')} onChange={setScore('inherent')} />
      <ScorePicker stage="current" method={method} likelihood={values.currentLikelihood} impact={values.currentImpact} isOptional error={stageError('current')} onChange={setScore('current')} />
      <ScorePicker stage="residual" method={method} likelihood={values.residualLikelihood} impact={values.residualImpact} isOptional error={stageError('residual')} onChange={setScore('residual')} />
      <SelectField label={riskFieldLabels.treatment ?? 'Treatment'} name="treatment" value={values.treatment} options={treatmentChoices} onChange={(event) => setField('treatment', event.target.value)} error={errors.treatment} />
      <TextAreaField
        label={riskFieldLabels.treatmentNotes ?? 'Treatment notes'}
        name="treatmentNotes"
        rows={3}
        value={values.treatmentNotes}
        onChange={(event) => setField('treatmentNotes', event.target.value)}
        error={errors.treatmentNotes}
      />
      <SelectField
        label={riskFieldLabels.status ?? 'Status'}
        name="status"
        value={values.status}
        options={riskStatuses.filter((status) => status !== 'accepted' || values.status === 'accepted').map((status) => ({ value: status, label: riskStatusLabels[status] }))}
        hint="A risk becomes “Residual risk accepted” when its owner accepts it on the risk's page."
        onChange={(event) => setField('status', event.target.value)}
        error={errors.status}
      />
      <TextField
        label={riskFieldLabels.nextReviewOn ?? 'Next review'}
        name="nextReviewOn"
        type="date"
        value={values.nextReviewOn}
        hint={`The owner is e-mailed a reminder a week before.${values.nextReviewOn ? ` Selected: ${formatDate(values.nextReviewOn)}.` : ''}`}
        onChange={(event) => setField('nextReviewOn', event.target.value)}
        error={errors.nextReviewOn}
      />
    </>
  );
}
