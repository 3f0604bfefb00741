import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { australianStates, healthcareSectorLabels, healthcareSectors, providerServiceLabels, providerServices, providerStandardLabels, providerStandards } from '@custodian/shared/contracts/provider-fields.ts';
import { providersApi, type ProviderProfile, type UpdateProviderProfileBody } from '@custodian/shared/contracts/providers.ts';
import { ApiError } from '../../api/api-error.ts';
import { call } from '../../api/client.ts';
import { Button } from '../../components/button.tsx';
import { CheckboxField, TextAreaField, TextField } from '../../components/field.tsx';
import { FormAlert, Notice, StatusMessage } from '../../components/form-alert.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { ChoiceSet } from './choice-set.tsx';

type Values = Omit<ProviderProfile, 'orgId' | 'kind' | 'isDemo' | 'suspendedAt' | 'suspendedReason' | 'badge' | 'verificationState' | 'version' | 'updatedAt'>;

function valuesOf(p: ProviderProfile): Values {
  const { orgId: _o, kind: _k, isDemo: _d, suspendedAt: _s, suspendedReason: _r, badge: _b, verificationState: _v, version: _n, updatedAt: _u, ...values } = p;
  return values;
}

const labels: Record<string, string> = {
  displayName: 'Name in the directory',
  slug: 'Directory address',
  summary: 'Summary',
  healthcareEngagements: 'Healthcare engagements so far',
  healthcareSummary: 'Healthcare experience',
  teamSize: 'Team size',
  teamSummary: 'Team',
  dayRateMinCents: 'Lowest day rate',
  dayRateMaxCents: 'Highest day rate',
  capacityPerMonth: 'New engagements you can take a month',
  commissionPercent: 'Referral commission',
  commissionNote: 'About the commission',
};

const dollars = (cents: number | null): string => (cents === null ? '' : String(cents / 100));
const cents = (text: string): number | null => (text.trim() === '' ? null : Math.round(Number(text) * 100));

/** The changed fields only (an update touches only what it sends). */
function changes(loaded: Values, mine: Values): Partial<Values> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(mine) as Array<keyof Values>) if (JSON.stringify(loaded[key]) !== JSON.stringify(mine[key])) out[key] = mine[key];
  return out as Partial<Values>;
}

/** The provider's profile, sent as the changed fields with the version loaded; a 409 keeps what was typed. */
export function ProviderProfileForm({ profile, canEdit }: { profile: ProviderProfile; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [loaded, setLoaded] = useState(profile);
  const [values, setValues] = useState(() => valuesOf(profile));
  const [saved, setSaved] = useState('');
  const save = useMutation({ mutationFn: (body: UpdateProviderProfileBody) => call(providersApi.updateProfile, { body }) });
  const conflict = save.error instanceof ApiError && save.error.status === 409 ? ((save.error.details as { current?: ProviderProfile } | undefined)?.current ?? null) : null;
  const errors = fieldErrorsOf(conflict ? null : save.error, labels);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((current) => ({ ...current, [key]: value }));
  const isCb = profile.kind === 'certification_body';

  function send(base: ProviderProfile): void {
    setSaved('');
    save.mutate(
      { version: base.version, ...changes(valuesOf(base), values) },
      {
        onSuccess: (next) => {
          setLoaded(next);
          setValues(valuesOf(next));
          setSaved(next.isPublished ? 'Saved. The profile is in the directory.' : 'Saved. The profile is not published yet.');
          queryClient.setQueryData(['provider', 'profile'], next);
        },
      },
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send(loaded);
  };

  return (
    <form className="panel" onSubmit={onSubmit} aria-labelledby="profile-heading" noValidate>
      <h2 id="profile-heading">Profile</h2>
      <StatusMessage>{saved || null}</StatusMessage>
      <FormAlert error={conflict ? null : save.error} fieldNames={Object.keys(labels)} />
      {conflict ? (
        <Notice tone="warning">
          <p>Someone else saved the profile after you opened it. Your typing is kept; apply it on top of their version, or reload theirs.</p>
          <Button onClick={() => (setLoaded(conflict), send(conflict))}>Apply my changes to the latest version</Button>{' '}
          <Button variant="secondary" onClick={() => (setLoaded(conflict), setValues(valuesOf(conflict)), save.reset())}>
            Discard mine and show theirs
          </Button>
        </Notice>
      ) : null}
      <fieldset disabled={!canEdit} className="plain-fieldset">
        <TextField label={labels.displayName ?? ''} value={values.displayName} onChange={(e) => set('displayName', e.target.value)} error={errors.displayName} isRequired />
        <TextField label={labels.slug ?? ''} hint="Lower-case letters, digits and hyphens: your page is /providers/your-address" value={values.slug} onChange={(e) => set('slug', e.target.value)} error={errors.slug} isRequired />
        <TextAreaField label={labels.summary ?? ''} value={values.summary} onChange={(e) => set('summary', e.target.value)} error={errors.summary} />
        <ChoiceSet legend="Services" options={providerServices} labels={providerServiceLabels} value={values.services} onChange={(v) => set('services', v)} />
        <ChoiceSet legend="Standards" options={providerStandards} labels={providerStandardLabels} value={values.standards} onChange={(v) => set('standards', v)} />
        <ChoiceSet legend="States and territories served" options={australianStates} value={values.states} onChange={(v) => set('states', v)} />
        <CheckboxField label="We also work remotely, anywhere in Australia" checked={values.isRemote} onChange={(e) => set('isRemote', e.target.checked)} />
        <ChoiceSet legend="Healthcare sectors you have worked in" options={healthcareSectors} labels={healthcareSectorLabels} value={values.sectors} onChange={(v) => set('sectors', v)} />
        <TextField label={labels.healthcareEngagements ?? ''} type="number" min={0} value={String(values.healthcareEngagements)} onChange={(e) => set('healthcareEngagements', Number(e.target.value))} error={errors.healthcareEngagements} />
        <TextAreaField label={labels.healthcareSummary ?? ''} value={values.healthcareSummary} onChange={(e) => set('healthcareSummary', e.target.value)} error={errors.healthcareSummary} />
        <TextField label={labels.teamSize ?? ''} type="number" min={1} value={String(values.teamSize)} onChange={(e) => set('teamSize', Number(e.target.value))} error={errors.teamSize} />
        <TextAreaField label={labels.teamSummary ?? ''} value={values.teamSummary} onChange={(e) => set('teamSummary', e.target.value)} error={errors.teamSummary} />
        <TextField label={`${labels.dayRateMinCents ?? ''} (AUD, excluding GST)`} inputMode="decimal" value={dollars(values.dayRateMinCents)} onChange={(e) => set('dayRateMinCents', cents(e.target.value))} error={errors.dayRateMinCents} />
        <TextField label={`${labels.dayRateMaxCents ?? ''} (AUD, excluding GST)`} inputMode="decimal" value={dollars(values.dayRateMaxCents)} onChange={(e) => set('dayRateMaxCents', cents(e.target.value))} error={errors.dayRateMaxCents} />
        <TextField label={labels.capacityPerMonth ?? ''} type="number" min={0} value={String(values.capacityPerMonth)} onChange={(e) => set('capacityPerMonth', Number(e.target.value))} error={errors.capacityPerMonth} />
        {isCb ? (
          <>
            <TextField
              label={`${labels.commissionPercent ?? ''} (%)`}
              hint="Any commission you pay to or receive from consultancies for referrals. Requesters see it beside your quote."
              inputMode="decimal"
              value={values.commissionPercent === null ? '' : String(values.commissionPercent)}
              onChange={(e) => set('commissionPercent', e.target.value.trim() === '' ? null : Number(e.target.value))}
              error={errors.commissionPercent}
            />
            <TextAreaField label={labels.commissionNote ?? ''} value={values.commissionNote} onChange={(e) => set('commissionNote', e.target.value)} error={errors.commissionNote} />
          </>
        ) : null}
        <CheckboxField label="Show this profile in the public directory" checked={values.isPublished} onChange={(e) => set('isPublished', e.target.checked)} />
        {canEdit ? (
          <Button type="submit" isBusy={save.isPending} busyText="Saving…">
            Save profile
          </Button>
        ) : null}
      </fieldset>
    </form>
  );
}
