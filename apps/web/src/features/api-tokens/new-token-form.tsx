import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { apiScopes, scopeModuleLabel, scopeModules, type ApiScope, type ScopeModule } from '@custodian/shared/api-scopes.ts';
import { apiTokensApi, createApiTokenBody, defaultTokenDays, type CreateApiTokenBody } from '@custodian/shared/contracts/api-tokens.ts';
import { call } from '../../api/client.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';

type Access = 'none' | 'read' | 'change';

const labels = { name: 'Name', scopes: 'What it may do', expiresInDays: 'Expires after' };
const dayChoices = [7, 30, 90, 180, 365];

/** The scopes a choice per module stands for: "read and change" holds both. */
function scopesOf(choices: Partial<Record<ScopeModule, Access>>): ApiScope[] {
  return scopeModules.flatMap((module) => {
    const access = choices[module] ?? 'none';
    if (access === 'none') return [];
    return access === 'read' ? [`${module}:read` as const] : [`${module}:read` as const, `${module}:write` as const];
  });
}

function hasWrite(module: ScopeModule): boolean {
  return (apiScopes as readonly string[]).includes(`${module}:write`);
}

/** Names a new token, chooses per area what it may do and when it expires; hands the new secret up. */
export function NewTokenForm({ timeZone, onCreated }: { timeZone: string | undefined; onCreated: (created: { name: string; secret: string }) => void }) {
  const [name, setName] = useState('');
  const [days, setDays] = useState(defaultTokenDays);
  const [choices, setChoices] = useState<Partial<Record<ScopeModule, Access>>>({ gap: 'read' });
  const [clientError, setClientError] = useState<Error | null>(null);
  const [openedAt] = useState(() => Date.now());
  const create = useMutation({
    mutationFn: (body: CreateApiTokenBody) => call(apiTokensApi.create, { body }),
    onSuccess: (reply) => {
      onCreated({ name: reply.token.name, secret: reply.secret });
      setName('');
    },
  });
  const error = clientError ?? create.error;
  const errors = fieldErrorsOf(error, labels);
  const expiresOn = formatDate(new Date(openedAt + days * 86_400_000).toISOString(), timeZone);

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body: CreateApiTokenBody = { name: name.trim(), scopes: scopesOf(choices), expiresInDays: days };
    const invalid = validateWith(createApiTokenBody, body);
    setClientError(invalid);
    if (!invalid) create.mutate(body);
  }

  return (
    <section className="panel" aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">Create a token</h2>
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={error} fieldNames={Object.keys(labels)} />
        <TextField label={labels.name} hint="Say what uses it, for example “Nightly backup script”." value={name} onChange={(event) => setName(event.target.value)} error={errors.name} isRequired maxLength={80} />
        <fieldset className="token-scopes">
          <legend className="field-label">{labels.scopes}</legend>
          <p className="field-hint">Choose only what the program needs. It can never do more than your own role allows.</p>
          {errors.scopes ? <p className="field-error">{errors.scopes}</p> : null}
          {scopeModules.map((module) => (
            <SelectField
              key={module}
              label={scopeModuleLabel(module)}
              value={choices[module] ?? 'none'}
              onChange={(event) => setChoices({ ...choices, [module]: event.target.value as Access })}
              options={[
                { value: 'none', label: 'No access' },
                { value: 'read', label: 'Read' },
                ...(hasWrite(module) ? [{ value: 'change', label: 'Read and change' }] : []),
              ]}
            />
          ))}
        </fieldset>
        <SelectField
          label={labels.expiresInDays}
          hint={`The token stops working on ${expiresOn}.`}
          value={String(days)}
          onChange={(event) => setDays(Number(event.target.value))}
          error={errors.expiresInDays}
          options={dayChoices.map((d) => ({ value: String(d), label: d === 365 ? '1 year' : `${d} days` }))}
        />
        <div className="form-actions">
          <Button type="submit" isBusy={create.isPending} busyText="Creating…">
            Create token
          </Button>
        </div>
      </form>
    </section>
  );
}
