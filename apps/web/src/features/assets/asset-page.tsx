import { useState } from 'react';
import type { Asset, AssetDetail } from '@custodian/shared/contracts/assets.ts';
import { assetKindLabels } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { Link, navigate } from '../../router.tsx';
import { useAsset, useAssetChanges, useClassificationScheme } from './assets-api.ts';
import { AssetForm } from './asset-form.tsx';
import { AssetLinksPanel } from './asset-links-panel.tsx';
import { assetValues, ciaWords, emptyAssetValues } from './asset-values.ts';

const back = (
  <p>
    <Link to="/assets">← Back to the asset register</Link>
  </p>
);

function ReadOnlyDetails({ asset, timeZone }: { asset: Asset; timeZone?: string }) {
  return (
    <DetailsList>
      <DetailRow term="Kind of asset">{assetKindLabels[asset.kind]}</DetailRow>
      <DetailRow term="Owner">{asset.ownerName ?? 'No owner yet'}</DetailRow>
      <DetailRow term="Classification">{asset.classificationLabel}</DetailRow>
      <DetailRow term="Confidentiality">{ciaWords(asset.confidentiality)}</DetailRow>
      <DetailRow term="Integrity">{ciaWords(asset.integrity)}</DetailRow>
      <DetailRow term="Availability">{ciaWords(asset.availability)}</DetailRow>
      <DetailRow term="Location">{asset.location || 'Not recorded'}</DetailRow>
      <DetailRow term="Description" className="pre-wrap">
        {asset.description || '—'}
      </DetailRow>
      <DetailRow term="Last changed">{formatDateTime(asset.updatedAt, timeZone)}</DetailRow>
      <DetailRow term="Risks">
        <Link to={`/risks?assetId=${asset.id}`}>Risks to this asset</Link>
      </DetailRow>
    </DetailsList>
  );
}

function DeleteAsset({ asset }: { asset: AssetDetail }) {
  const [isAsking, setIsAsking] = useState(false);
  const { remove } = useAssetChanges();
  return (
    <>
      <FormAlert error={remove.error} />
      <Button variant="secondary" onClick={() => setIsAsking(true)}>
        Delete this asset
      </Button>
      <ConfirmDialog
        isOpen={isAsking}
        title={`Delete ${asset.ref} ${asset.name}?`}
        confirmLabel="Delete asset"
        isDanger
        isBusy={remove.isPending}
        onCancel={() => setIsAsking(false)}
        onConfirm={() => remove.mutate(asset.id, { onSuccess: () => navigate('/assets') })}
      >
        <p>
          Its {asset.links.length === 1 ? 'link' : `${asset.links.length} links`} to other assets will be removed too, and it will no longer be part of any risk. The audit trail keeps a record of
          it.
        </p>
      </ConfirmDialog>
    </>
  );
}

/** One asset: its details (editable by those who may), its links both ways, and deleting it. */
export function AssetPage({ id }: { id: string }) {
  const session = useSignedInSession();
  const canWrite = useCan('assets.write');
  const asset = useAsset(id);
  const scheme = useClassificationScheme();
  const [saved, setSaved] = useState('');
  const timeZone = session.organisation?.timeZone;
  if (asset.isPending || scheme.isPending) return <Loading label="Loading the asset…" />;
  if (asset.isError) return <LoadError error={asset.error} onRetry={() => void asset.refetch()} />;
  if (scheme.isError) return <LoadError error={scheme.error} onRetry={() => void scheme.refetch()} />;
  const detail = asset.data;
  return (
    <>
      {back}
      <PageHeader title={`${detail.ref} ${detail.name}`} intro={<p className="item-meta">{assetKindLabels[detail.kind]} · {detail.classificationLabel}</p>} />
      <StatusMessage>{saved || null}</StatusMessage>
      <div className="split">
        <section className="panel" aria-labelledby="asset-heading">
          <h2 id="asset-heading">{canWrite ? 'Change this asset' : 'Details'}</h2>
          {canWrite ? (
            <>
              <AssetForm key={detail.id} asset={detail} levels={scheme.data.levels} initial={assetValues(detail)} onSaved={(a) => setSaved(`Saved ${a.ref} ${a.name}.`)} />
              <p className="muted">Last changed {formatDateTime(detail.updatedAt, timeZone)}</p>
              <DeleteAsset asset={detail} />
            </>
          ) : (
            <ReadOnlyDetails asset={detail} timeZone={timeZone} />
          )}
        </section>
        <AssetLinksPanel asset={detail} canWrite={canWrite} />
      </div>
    </>
  );
}

/** Adding an asset: the form, then on to the new asset's page (to link it). */
export function NewAssetPage() {
  const scheme = useClassificationScheme();
  if (scheme.isPending) return <Loading label="Loading…" />;
  if (scheme.isError) return <LoadError error={scheme.error} onRetry={() => void scheme.refetch()} />;
  const levels = scheme.data.levels;
  const start = levels.find((level) => level.key === 'internal')?.key ?? levels[0]?.key ?? '';
  return (
    <>
      {back}
      <PageHeader title="Add an asset" intro={<p>Anything the practice relies on to keep information safe and services running. You can link it to other assets once it is added.</p>} />
      <section className="panel" aria-label="New asset">
        <AssetForm levels={levels} initial={emptyAssetValues(start)} onSaved={(saved) => navigate(`/assets/${saved.id}`)} />
      </section>
    </>
  );
}
