import { useState, type FormEvent } from 'react';
import { threatCategoryLabels, type ThreatScenario } from '@custodian/shared/contracts/threats.ts';
import { carryScore, defaultRiskMethod, type RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import { reviewDateAfter } from '@custodian/shared/domain/risk-method-presets.ts';
import { useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { SelectField } from '../../components/field.tsx';
import { FormAlert, Notice } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { Link, navigate } from '../../router.tsx';
import { useCatalogue } from '../catalogue/catalogue-api.ts';
import { RiskFields } from './risk-fields.tsx';
import { createBody, emptyRiskValues, riskFieldLabels, todayInZone, type RiskFormValues } from './risk-form-values.ts';
import { useCreateRisk, useRiskMethod, useThreats } from './risks-api.ts';
import { useOwnerOptions } from './use-owner-options.ts';

/** A scenario's text and suggested score carried to the organisation's scales (from the default 5 × 5). */
function fromScenario(values: RiskFormValues, scenario: ThreatScenario, method: RiskMethodDefinition): RiskFormValues {
  const score = carryScore(defaultRiskMethod, method, { likelihood: scenario.suggestedLikelihood, impact: scenario.suggestedImpact });
  return {
    ...values,
    title: scenario.title,
    threat: scenario.threat,
    vulnerability: scenario.vulnerability,
    description: scenario.description,
    inherentLikelihood: String(score.likelihood),
    inherentImpact: String(score.impact),
  };
}

function ThreatPicker({ onChoose }: { onChoose: (scenario: ThreatScenario) => void }) {
  const threats = useThreats();
  const [chosen, setChosen] = useState('');
  if (threats.isPending) return <Loading label="Loading the threat library…" />;
  if (threats.isError) return <LoadError error={threats.error} onRetry={() => void threats.refetch()} />;
  const options = [{ value: '', label: 'Choose a scenario…' }, ...threats.data.items.map((s) => ({ value: s.id, label: `${threatCategoryLabels[s.category]}: ${s.title}` }))];
  const scenario = threats.data.items.find((s) => s.id === chosen);
  return (
    <div className="threat-picker">
      <SelectField label="Scenario" name="threatScenario" value={chosen} options={options} onChange={(event) => setChosen(event.target.value)} />
      {scenario ? <p className="muted">{scenario.description}</p> : null}
      <Button variant="secondary" disabled={!scenario} onClick={() => scenario && onChoose(scenario)}>
        Use this scenario
      </Button>
    </div>
  );
}

/** A new risk, typed in or started from the healthcare threat library. */
export function NewRiskPage() {
  const session = useSignedInSession();
  const method = useRiskMethod();
  const catalogue = useCatalogue();
  const owners = useOwnerOptions();
  const create = useCreateRisk();
  const [values, setValues] = useState<RiskFormValues | null>(null);
  const [scenario, setScenario] = useState<ThreatScenario | null>(null);
  if (method.isPending) return <Loading label="Loading the risk method…" />;
  if (method.isError) return <LoadError error={method.error} onRetry={() => void method.refetch()} />;
  const current = values ?? emptyRiskValues(reviewDateAfter(todayInZone(session.organisation?.timeZone), method.data.reviewMonths));
  const errors = fieldErrorsOf(create.error, riskFieldLabels);
  const controlRefs = (scenario?.suggestedControls ?? []).map((id) => {
    const item = catalogue.data?.items.find((candidate) => candidate.id === id);
    return item ? `${item.ref} ${item.title}` : id.replace('iso27001:2022:', '');
  });

  function setField<K extends keyof RiskFormValues>(key: K, value: RiskFormValues[K]): void {
    setValues((before) => ({ ...(before ?? current), [key]: value }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const firstTask = scenario ? { title: `Put in place the controls suggested for “${scenario.title}”`, controlIds: scenario.suggestedControls } : undefined;
    create.mutate(createBody(current, { threatId: scenario?.id ?? null, ...(firstTask ? { firstTask } : {}) }), { onSuccess: (risk) => navigate(`/risks/${risk.id}`) });
  }

  return (
    <>
      <p>
        <Link to="/risks">← Back to the risk register</Link>
      </p>
      <PageHeader title="Add a risk" intro={<p>Describe what could go wrong, score it on your risk method, and decide how to treat it.</p>} />
      <section className="panel" aria-labelledby="library-heading">
        <h2 id="library-heading">Start from the threat library</h2>
        <p>Choose a scenario typical of Australian healthcare: it fills in the description, a suggested score and a first treatment task with the Annex A controls that usually treat it. You can change everything before saving.</p>
        <ThreatPicker
          onChoose={(chosen) => {
            setScenario(chosen);
            setValues(fromScenario(current, chosen, method.data));
          }}
        />
        {scenario ? (
          <Notice>
            Started from “{scenario.title}”. A first treatment task will be added with {controlRefs.length} suggested control{controlRefs.length === 1 ? '' : 's'}: {controlRefs.join('; ')}.
          </Notice>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="risk-heading">
        <h2 id="risk-heading">The risk</h2>
        <form onSubmit={handleSubmit} noValidate className="form">
          <FormAlert error={create.error} fieldNames={Object.keys(riskFieldLabels)} />
          <RiskFields values={current} method={method.data} ownerOptions={owners.options} errors={errors} setField={setField} />
          <div className="form-actions">
            <Button type="submit" isBusy={create.isPending} busyText="Adding…">
              Add risk
            </Button>
          </div>
        </form>
      </section>
    </>
  );
}
