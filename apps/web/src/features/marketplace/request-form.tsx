import { useState, type FormEvent } from 'react';
import {
  certificationStatuses,
  certificationStatusLabels,
  createRequestBody,
  guestRequestBody,
  maturityLabels,
  maturityLevels,
  requestSectorLabels,
  requestSectors,
  requestTimelines,
  requestUrgencies,
  serviceLabels,
  timelineLabels,
  urgencyLabels,
  type RequestReadiness,
} from '@custodian/shared/contracts/marketplace-requests.ts';
import { auStateNames, auStates, marketplaceServices } from '@custodian/shared/domain/matching.ts';
import type { ApiError } from '../../api/api-error.ts';
import { Button } from '../../components/button.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { EstimatePanel } from './estimate-panel.tsx';
import { IsmsBuilderFields, type IsmsBuilder } from './isms-builder-fields.tsx';

const labels: Record<string, string> = {
  contactName: 'Your name',
  email: 'Your e-mail address',
  organisationName: 'Organisation name',
  sector: 'Kind of practice',
  headcount: 'Number of staff',
  fte: 'Full-time equivalents',
  sites: 'Sites',
  scopeSummary: 'What the certificate should cover',
  systems: 'Systems you use',
  certificationStatus: 'Where you are with certification',
  currentBody: 'Current certification body',
  maturity: 'How far along your security system is',
  timeline: 'When you want to be certified',
  urgency: 'How urgent it is',
  budgetMinCents: 'Budget from',
  budgetMaxCents: 'Budget up to',
  services: 'What you want quotes for',
  targetDate: 'Target date',
  ismsBuiltByProviderId: 'Consultancy',
  ismsBuiltFinishedOn: 'When that work finished',
};

const options = <K extends string>(keys: readonly K[], words: Record<K, string>) => keys.map((key) => ({ value: key, label: words[key] }));

function centsOf(text: string): number | null {
  const value = Number(text.replace(/[$,\s]/g, ''));
  return text.trim() === '' || !Number.isFinite(value) ? null : Math.round(value * 100);
}

export interface RequestFormDefaults {
  organisationName?: string;
  headcount?: number;
  targetDate?: string | null;
  readiness?: RequestReadiness | null;
  /** The consultancy the organisation last engaged through the marketplace. */
  ismsBuiltBy?: IsmsBuilder | null;
}

interface RequestFormProps {
  mode: 'org' | 'guest';
  defaults: RequestFormDefaults;
  isBusy: boolean;
  serverError: unknown;
  onSubmit: (body: Record<string, unknown>) => void;
}

/** The one request form: an organisation's (pre-filled) and a guest's (with who to reply to). */
export function RequestForm({ mode, defaults, isBusy, serverError, onSubmit }: RequestFormProps) {
  const [form, setForm] = useState<Record<string, string>>({
    sector: 'general_practice',
    headcount: String(defaults.headcount ?? ''),
    fte: '',
    scopeSummary: '',
    systems: '',
    certificationStatus: 'none',
    currentBody: '',
    maturity: 'some_controls',
    timeline: 'within_6_months',
    urgency: 'flexible',
    budgetMin: '',
    budgetMax: '',
    targetDate: defaults.targetDate ?? '',
    contactName: '',
    email: '',
    organisationName: defaults.organisationName ?? '',
    website: '',
  });
  const [sites, setSites] = useState([{ state: 'NSW', city: '' }]);
  const [services, setServices] = useState<string[]>(['consulting', 'certification']);
  const [isRemoteAcceptable, setRemote] = useState(true);
  const [builtBy, setBuiltBy] = useState<IsmsBuilder>(defaults.ismsBuiltBy ?? { providerId: '', finishedOn: '' });
  const [clientError, setClientError] = useState<ApiError | null>(null);
  const error = clientError ?? serverError;
  const errors = fieldErrorsOf(error, labels);
  const set = (key: string) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body: Record<string, unknown> = {
      sector: form.sector,
      headcount: Number(form.headcount),
      fte: Number(form.fte || form.headcount),
      sites: sites.map((site) => ({ state: site.state, city: site.city.trim() })),
      scopeSummary: form.scopeSummary,
      systems: form.systems,
      certificationStatus: form.certificationStatus,
      currentBody: form.currentBody,
      maturity: form.maturity,
      timeline: form.timeline,
      urgency: form.urgency,
      budgetMinCents: centsOf(form.budgetMin ?? ''),
      budgetMaxCents: centsOf(form.budgetMax ?? ''),
      isRemoteAcceptable,
      services,
      targetDate: form.targetDate || null,
      ismsBuiltByProviderId: builtBy.providerId || null,
      ismsBuiltFinishedOn: builtBy.providerId ? builtBy.finishedOn || null : null,
    };
    if (mode === 'guest')
      Object.assign(body, { contactName: form.contactName, email: form.email, organisationName: form.organisationName, website: form.website });
    const invalid = validateWith(mode === 'guest' ? guestRequestBody : createRequestBody, body);
    setClientError(invalid);
    if (!invalid) onSubmit(body);
  }

  const readiness = defaults.readiness;
  const guess = { starting: 90, some_controls: 70, documented: 40, operating: 15 }[form.maturity as (typeof maturityLevels)[number]] ?? 60;

  return (
    <>
      <form onSubmit={handleSubmit} noValidate className="form panel">
        <FormAlert error={error} fieldNames={Object.keys(labels)} />
        {mode === 'org' && defaults.organisationName ? (
          <p>
            Asking for <strong>{defaults.organisationName}</strong>. Providers see who you are only when you choose to show them.
          </p>
        ) : null}
        {mode === 'guest' ? (
          <fieldset>
            <legend className="field-label">Who to reply to</legend>
            <p className="field-hint">Providers do not see these until you choose to show them to one of them.</p>
            <TextField
              label={labels.contactName ?? ''}
              value={form.contactName}
              onChange={set('contactName')}
              error={errors.contactName}
              isRequired
              maxLength={120}
            />
            <TextField label={labels.email ?? ''} type="email" value={form.email} onChange={set('email')} error={errors.email} isRequired />
            <TextField
              label={labels.organisationName ?? ''}
              value={form.organisationName}
              onChange={set('organisationName')}
              error={errors.organisationName}
              isRequired
              maxLength={160}
            />
            <div className="sr-only" aria-hidden="true">
              <label htmlFor="request-website">Leave this empty</label>
              <input id="request-website" tabIndex={-1} autoComplete="off" value={form.website} onChange={set('website')} />
            </div>
          </fieldset>
        ) : null}
        <fieldset>
          <legend className="field-label">{labels.services}</legend>
          {errors.services ? <p className="field-error">{errors.services}</p> : null}
          {marketplaceServices.map((service) => (
            <CheckboxField
              key={service}
              label={serviceLabels[service]}
              checked={services.includes(service)}
              onChange={(event) => setServices(event.target.checked ? [...services, service] : services.filter((s) => s !== service))}
            />
          ))}
          <p className="field-hint">A certification body is never asked to consult: quotes for each come from different providers.</p>
        </fieldset>
        <SelectField
          label={labels.sector ?? ''}
          value={form.sector}
          onChange={set('sector')}
          error={errors.sector}
          options={options(requestSectors, requestSectorLabels)}
        />
        <TextField
          label={labels.headcount ?? ''}
          hint="Everyone who works for the practice, full or part time."
          inputMode="numeric"
          value={form.headcount}
          onChange={set('headcount')}
          error={errors.headcount}
          isRequired
        />
        <TextField
          label={labels.fte ?? ''}
          hint="Part-time staff added up as full-time positions, for example 18.5."
          inputMode="decimal"
          value={form.fte}
          onChange={set('fte')}
          error={errors.fte}
        />
        <fieldset>
          <legend className="field-label">{labels.sites}</legend>
          <p className="field-hint">The suburb or town of each place you work from. Providers see these, never a street address.</p>
          {errors.sites ? <p className="field-error">{errors.sites}</p> : null}
          {sites.map((site, index) => (
            <div key={index} className="form-row">
              <SelectField
                label={`Site ${index + 1}: state`}
                value={site.state}
                onChange={(e) => setSites(sites.map((s, i) => (i === index ? { ...s, state: e.target.value } : s)))}
                options={auStates.map((s) => ({ value: s, label: auStateNames[s] }))}
              />
              <TextField
                label={`Site ${index + 1}: suburb or town`}
                value={site.city}
                onChange={(e) => setSites(sites.map((s, i) => (i === index ? { ...s, city: e.target.value } : s)))}
                maxLength={80}
              />
              {sites.length > 1 ? (
                <Button variant="secondary" onClick={() => setSites(sites.filter((_s, i) => i !== index))}>
                  Remove site {index + 1}
                </Button>
              ) : null}
            </div>
          ))}
          <Button variant="secondary" onClick={() => setSites([...sites, { state: sites[0]?.state ?? 'NSW', city: '' }])}>
            Add another site
          </Button>
        </fieldset>
        <TextAreaField
          label={labels.scopeSummary ?? ''}
          hint="For example “Patient records and bookings at both clinics”. Do not name your practice here."
          value={form.scopeSummary}
          onChange={set('scopeSummary')}
          error={errors.scopeSummary}
          maxLength={2000}
        />
        <TextAreaField
          label={labels.systems ?? ''}
          hint="Practice software, e-mail, cloud services."
          value={form.systems}
          onChange={set('systems')}
          error={errors.systems}
          maxLength={2000}
        />
        <SelectField
          label={labels.certificationStatus ?? ''}
          value={form.certificationStatus}
          onChange={set('certificationStatus')}
          options={options(certificationStatuses, certificationStatusLabels)}
        />
        <TextField
          label={labels.currentBody ?? ''}
          hint="Only if you are or were certified."
          value={form.currentBody}
          onChange={set('currentBody')}
          error={errors.currentBody}
          maxLength={160}
        />
        <SelectField label={labels.maturity ?? ''} value={form.maturity} onChange={set('maturity')} options={options(maturityLevels, maturityLabels)} />
        <SelectField label={labels.timeline ?? ''} value={form.timeline} onChange={set('timeline')} options={options(requestTimelines, timelineLabels)} />
        <SelectField label={labels.urgency ?? ''} value={form.urgency} onChange={set('urgency')} options={options(requestUrgencies, urgencyLabels)} />
        <TextField label={labels.targetDate ?? ''} type="date" value={form.targetDate} onChange={set('targetDate')} error={errors.targetDate} />
        <TextField
          label={`${labels.budgetMinCents} (dollars, optional)`}
          inputMode="decimal"
          value={form.budgetMin}
          onChange={set('budgetMin')}
          error={errors.budgetMinCents}
        />
        <TextField
          label={`${labels.budgetMaxCents} (dollars, optional)`}
          inputMode="decimal"
          value={form.budgetMax}
          onChange={set('budgetMax')}
          error={errors.budgetMaxCents}
        />
        <IsmsBuilderFields value={builtBy} onChange={setBuiltBy} errors={errors} />
        <CheckboxField
          label="Remote work suits us (providers outside our state may quote)"
          checked={isRemoteAcceptable}
          onChange={(event) => setRemote(event.target.checked)}
        />
        <div className="form-actions">
          <Button type="submit" isBusy={isBusy} busyText="Sending…">
            Ask for quotes
          </Button>
        </div>
      </form>
      <EstimatePanel
        fte={Number(form.fte || form.headcount) || 1}
        siteCount={sites.length}
        remaining={readiness ? { notStarted: readiness.notStarted, partial: readiness.partial } : { notStarted: guess, partial: Math.round(guess / 3) }}
      />
    </>
  );
}
