import { useQuery } from '@tanstack/react-query';
import { providersApi } from '@custodian/shared/contracts/providers.ts';
import { call } from '../../api/client.ts';
import { SelectField, TextField } from '../../components/field.tsx';

/** Who built the organisation's security system, and when that work finished (both empty: nobody named). */
export interface IsmsBuilder {
  providerId: string;
  finishedOn: string;
}

interface IsmsBuilderFieldsProps {
  value: IsmsBuilder;
  onChange: (value: IsmsBuilder) => void;
  errors: { ismsBuiltByProviderId?: string | undefined; ismsBuiltFinishedOn?: string | undefined };
}

/**
 * The consultancy that built the security system, chosen from the marketplace's consultancies: a
 * certification body with commercial ties to it in the last two years is never offered the audit.
 */
export function IsmsBuilderFields({ value, onChange, errors }: IsmsBuilderFieldsProps) {
  const consultancies = useQuery({
    queryKey: ['directory', 'consultancies'],
    queryFn: () => call(providersApi.directory, { query: { kind: 'consultant', sort: 'name', order: 'asc', limit: 100 } }),
  });
  const choices = [{ value: '', label: 'Nobody, we did it ourselves, or not listed here' }, ...(consultancies.data?.items ?? []).map((c) => ({ value: c.providerId, label: c.displayName }))];
  return (
    <fieldset>
      <legend className="field-label">Who helped build your security system</legend>
      <p className="field-hint">
        So that no certification body with ties to that consultancy is asked to audit its work. Leave it empty if nobody did, or if they are not listed.
      </p>
      <SelectField
        label="Consultancy"
        value={value.providerId}
        onChange={(event) => onChange({ ...value, providerId: event.target.value })}
        error={errors.ismsBuiltByProviderId}
        options={choices}
      />
      {value.providerId ? (
        <TextField
          label="When that work finished"
          type="date"
          value={value.finishedOn}
          onChange={(event) => onChange({ ...value, finishedOn: event.target.value })}
          error={errors.ismsBuiltFinishedOn}
          isRequired
        />
      ) : null}
    </fieldset>
  );
}
