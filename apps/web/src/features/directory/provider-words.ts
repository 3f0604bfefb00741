import {
  healthcareSectorLabels,
  providerKindLabels,
  providerServiceLabels,
  providerStandardLabels,
  type HealthcareSector,
  type ProviderKind,
  type ProviderService,
  type ProviderStandard,
} from '@custodian/shared/contracts/provider-fields.ts';

const aud = new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD', maximumFractionDigits: 0 });

/** "$1,500" from whole cents. */
export function formatAud(cents: number): string {
  return aud.format(cents / 100);
}

/** "$1,400–$1,950 a day", or "Not stated". */
export function dayRateWords(min: number | null, max: number | null): string {
  if (min === null || max === null) return 'Not stated';
  return min === max ? `${formatAud(min)} a day` : `${formatAud(min)}–${formatAud(max)} a day`;
}

export const kindWord = (kind: ProviderKind): string => providerKindLabels[kind];
export const serviceWords = (list: readonly ProviderService[]): string => list.map((s) => providerServiceLabels[s]).join(', ') || 'None listed';
export const standardWords = (list: readonly ProviderStandard[]): string => list.map((s) => providerStandardLabels[s]).join(', ') || 'None listed';
export const sectorWords = (list: readonly HealthcareSector[]): string => list.map((s) => healthcareSectorLabels[s]).join(', ') || 'None listed';

/** "NSW, VIC and remote" */
export function regionWords(states: readonly string[], isRemote: boolean): string {
  const parts = [...states];
  if (isRemote) parts.push('remote delivery anywhere');
  return parts.join(', ') || 'Not stated';
}

/** A stored date (yyyy-mm-dd) as dd/mm/yyyy. */
export function auDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
