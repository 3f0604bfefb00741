import type { Asset, CreateAssetBody, UpdateAssetBody } from '@custodian/shared/contracts/assets.ts';
import { assetKindLabels, assetKinds, ciaLabels, type AssetKind } from '@custodian/shared/contracts/risk-vocabulary.ts';
import type { ConflictFields } from '../../lib/edit-conflict.ts';

/** What the asset form edits, as the form holds it ('' for no ref or no owner; C/I/A as text of 1 to 5). */
export interface AssetValues {
  ref: string;
  name: string;
  kind: AssetKind;
  ownerUserId: string;
  classification: string;
  confidentiality: string;
  integrity: string;
  availability: string;
  location: string;
  description: string;
}

export const assetFieldLabels: Record<keyof AssetValues, string> = {
  ref: 'Reference',
  name: 'Name',
  kind: 'Kind of asset',
  ownerUserId: 'Owner',
  classification: 'Classification',
  confidentiality: 'Confidentiality',
  integrity: 'Integrity',
  availability: 'Availability',
  location: 'Location',
  description: 'Description',
};

export const kindOptions = assetKinds.map((kind) => ({ value: kind, label: assetKindLabels[kind] }));
export const ciaOptions = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n} – ${ciaLabels[n] ?? ''}` }));

/** A new asset's starting values: a system, classified with the scheme's first level above public. */
export function emptyAssetValues(classification: string): AssetValues {
  return { ref: '', name: '', kind: 'system', ownerUserId: '', classification, confidentiality: '3', integrity: '3', availability: '3', location: '', description: '' };
}

export function assetValues(asset: Asset): AssetValues {
  return {
    ref: asset.ref,
    name: asset.name,
    kind: asset.kind,
    ownerUserId: asset.ownerUserId ?? '',
    classification: asset.classification,
    confidentiality: String(asset.confidentiality),
    integrity: String(asset.integrity),
    availability: String(asset.availability),
    location: asset.location,
    description: asset.description,
  };
}

export function createAssetBodyOf(values: AssetValues): CreateAssetBody {
  return {
    ...(values.ref.trim() ? { ref: values.ref.trim() } : {}),
    name: values.name,
    kind: values.kind,
    ownerUserId: values.ownerUserId || null,
    classification: values.classification,
    confidentiality: Number(values.confidentiality),
    integrity: Number(values.integrity),
    availability: Number(values.availability),
    location: values.location,
    description: values.description,
  };
}

/** The PATCH body: the version the person edited and only the fields they changed. */
export function updateAssetBodyOf(version: number, changes: Partial<AssetValues>): UpdateAssetBody {
  const body: UpdateAssetBody = { version };
  if (changes.ref !== undefined) body.ref = changes.ref.trim();
  if (changes.name !== undefined) body.name = changes.name;
  if (changes.kind !== undefined) body.kind = changes.kind;
  if (changes.ownerUserId !== undefined) body.ownerUserId = changes.ownerUserId || null;
  if (changes.classification !== undefined) body.classification = changes.classification;
  if (changes.confidentiality !== undefined) body.confidentiality = Number(changes.confidentiality);
  if (changes.integrity !== undefined) body.integrity = Number(changes.integrity);
  if (changes.availability !== undefined) body.availability = Number(changes.availability);
  if (changes.location !== undefined) body.location = changes.location;
  if (changes.description !== undefined) body.description = changes.description;
  return body;
}

/** "4 – High". */
export function ciaWords(value: string | number): string {
  return `${value} – ${ciaLabels[Number(value)] ?? ''}`;
}

/** How the conflict notice names and shows each field. */
export function assetConflictFields(ownerNames: ReadonlyMap<string, string>, levelNames: ReadonlyMap<string, string>): ConflictFields<AssetValues> {
  const plain = (empty: string) => (value: string) => value || empty;
  return {
    ref: { label: assetFieldLabels.ref, format: plain('None') },
    name: { label: assetFieldLabels.name, format: plain('None') },
    kind: { label: assetFieldLabels.kind, format: (value) => assetKindLabels[value] },
    ownerUserId: { label: assetFieldLabels.ownerUserId, format: (value) => (value ? (ownerNames.get(value) ?? 'Another member') : 'No owner') },
    classification: { label: assetFieldLabels.classification, format: (value) => levelNames.get(value) ?? 'A level no longer in the scheme' },
    confidentiality: { label: assetFieldLabels.confidentiality, format: ciaWords },
    integrity: { label: assetFieldLabels.integrity, format: ciaWords },
    availability: { label: assetFieldLabels.availability, format: ciaWords },
    location: { label: assetFieldLabels.location, format: plain('Not recorded') },
    description: { label: assetFieldLabels.description, format: plain('No description') },
  };
}
