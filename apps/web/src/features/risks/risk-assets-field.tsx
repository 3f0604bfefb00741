import { useState } from 'react';
import type { RiskAssetRef } from '@custodian/shared/contracts/risks.ts';
import { assetKindLabels } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { useAssets } from '../assets/assets-api.ts';
import { joinAssetIds, splitAssetIds } from './risk-form-values.ts';

interface RiskAssetsFieldProps {
  /** The chosen assets' ids, comma-separated (the form's value). */
  value: string;
  /** Assets already known by name: the risk's own, so they show without a lookup. */
  knownAssets: readonly RiskAssetRef[];
  error?: string | undefined;
  onChange: (value: string) => void;
}

/**
 * The assets a risk concerns: the chosen ones listed with a Remove button, and a search to add more
 * (the register may hold thousands, so it is searched by name or reference, never listed whole).
 */
export function RiskAssetsField({ value, knownAssets, error, onChange }: RiskAssetsFieldProps) {
  const [search, setSearch] = useState('');
  const [candidate, setCandidate] = useState('');
  const [picked, setPicked] = useState<RiskAssetRef[]>([]);
  const chosen = splitAssetIds(value);
  const names = new Map([...knownAssets, ...picked].map((asset) => [asset.id, asset]));
  const matches = useAssets({ q: search.trim() || undefined, sort: 'name', limit: 20 }, search.trim().length > 0);
  const candidates = (matches.data?.items ?? []).filter((asset) => !chosen.includes(asset.id));
  const options = [
    { value: '', label: search.trim() ? (candidates.length > 0 ? 'Choose an asset' : 'No asset matches') : 'Type a name or reference first' },
    ...candidates.map((asset) => ({ value: asset.id, label: `${asset.ref} ${asset.name} (${assetKindLabels[asset.kind]})` })),
  ];

  function add(): void {
    const asset = candidates.find((item) => item.id === candidate);
    if (!asset) return;
    setPicked((current) => [...current, { id: asset.id, ref: asset.ref, name: asset.name }]);
    onChange(joinAssetIds([...chosen, asset.id]));
    setCandidate('');
    setSearch('');
  }

  return (
    <fieldset className="risk-assets">
      <legend>Assets at risk</legend>
      {chosen.length === 0 ? <p className="muted">No assets chosen yet.</p> : null}
      <ul className="risk-assets-list">
        {chosen.map((id) => {
          const asset = names.get(id);
          const label = asset ? `${asset.ref} ${asset.name}` : 'An asset';
          return (
            <li key={id}>
              {label}{' '}
              <Button type="button" variant="secondary" aria-label={`Remove ${label}`} onClick={() => onChange(joinAssetIds(chosen.filter((other) => other !== id)))}>
                Remove
              </Button>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <TextField label="Find an asset" name="assetSearch" value={search} hint="Part of its name or reference." onChange={(event) => setSearch(event.target.value)} />
      <SelectField label="Asset to add" name="assetToAdd" value={candidate} options={options} onChange={(event) => setCandidate(event.target.value)} />
      <div className="form-actions">
        <Button type="button" variant="secondary" disabled={!candidate} onClick={add}>
          Add asset
        </Button>
      </div>
    </fieldset>
  );
}
