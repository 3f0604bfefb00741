import { useState, type FormEvent } from 'react';
import type { AssetDetail } from '@custodian/shared/contracts/assets.ts';
import { assetKindLabels, assetRelationLabels, assetRelations, type AssetRelation } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { Link } from '../../router.tsx';
import { useAssetChanges, useAssets } from './assets-api.ts';

const relationOptions = assetRelations.map((relation) => ({ value: relation, label: assetRelationLabels[relation] }));

/** Links this asset to another: the other asset is found by name or reference (the register may be large). */
function AddLinkForm({ asset }: { asset: AssetDetail }) {
  const [search, setSearch] = useState('');
  const [relation, setRelation] = useState<AssetRelation>('depends_on');
  const [toAssetId, setToAssetId] = useState('');
  const { addLink } = useAssetChanges();
  const matches = useAssets({ q: search.trim() || undefined, sort: 'name', limit: 20 }, search.trim().length > 0);
  const candidates = (matches.data?.items ?? []).filter((candidate) => candidate.id !== asset.id);
  const options = [
    { value: '', label: search.trim() ? (candidates.length > 0 ? 'Choose an asset' : 'No asset matches') : 'Type a name or reference first' },
    ...candidates.map((candidate) => ({ value: candidate.id, label: `${candidate.ref} ${candidate.name} (${assetKindLabels[candidate.kind]})` })),
  ];

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    addLink.mutate(
      { id: asset.id, body: { toAssetId, relation } },
      {
        onSuccess: () => {
          setToAssetId('');
          setSearch('');
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={addLink.error} fieldNames={['toAssetId', 'relation']} />
      <SelectField label={`“${asset.name}”…`} name="relation" value={relation} options={relationOptions} onChange={(e) => setRelation(e.target.value as AssetRelation)} />
      <TextField label="Find the other asset" name="linkSearch" value={search} hint="Part of its name or reference." onChange={(e) => setSearch(e.target.value)} />
      <SelectField label="Other asset" name="toAssetId" value={toAssetId} options={options} onChange={(e) => setToAssetId(e.target.value)} />
      <div className="form-actions">
        <Button type="submit" variant="secondary" disabled={!toAssetId} isBusy={addLink.isPending} busyText="Linking…">
          Add link
        </Button>
      </div>
    </form>
  );
}

/** The asset's links, both ways ("runs on the clinic server"; "the practice management system runs on this"). */
export function AssetLinksPanel({ asset, canWrite }: { asset: AssetDetail; canWrite: boolean }) {
  const { removeLink } = useAssetChanges();
  return (
    <section className="panel" aria-labelledby="links-heading">
      <h2 id="links-heading">Links to other assets</h2>
      <FormAlert error={removeLink.error} />
      {asset.links.length === 0 ? <p className="muted">No links yet.</p> : null}
      <ul className="asset-links">
        {asset.links.map((link) => {
          const other = (
            <Link to={`/assets/${link.asset.id}`}>
              {link.asset.ref} {link.asset.name}
            </Link>
          );
          const from = link.direction === 'outgoing' ? asset : link.asset;
          const to = link.direction === 'outgoing' ? link.asset : asset;
          return (
            <li key={`${link.direction}:${link.relation}:${link.asset.id}`}>
              <span>
                {link.direction === 'outgoing' ? 'This asset' : other} {assetRelationLabels[link.relation]} {link.direction === 'outgoing' ? other : 'this asset'}
              </span>
              {canWrite ? (
                <Button
                  variant="secondary"
                  isBusy={removeLink.isPending && removeLink.variables.toAssetId === to.id && removeLink.variables.relation === link.relation}
                  busyText="Removing…"
                  onClick={() => removeLink.mutate({ id: from.id, toAssetId: to.id, relation: link.relation })}
                >
                  Remove link <span className="sr-only">{`${from.name} ${assetRelationLabels[link.relation]} ${to.name}`}</span>
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {canWrite ? <AddLinkForm asset={asset} /> : null}
    </section>
  );
}
