import type { CatalogueItemDto } from '@custodian/shared/contracts/catalogue.ts';

export type AttributeKey = keyof NonNullable<CatalogueItemDto['attributes']>;

export const attributeLabels: Record<AttributeKey, string> = {
  controlType: 'Control type',
  securityProperties: 'Security property',
  cybersecurityConcepts: 'Cybersecurity concept',
  operationalCapabilities: 'Operational capability',
  securityDomains: 'Security domain',
};

/** Attribute values are written like "#Preventive"; shown without the hash. */
export function attributeText(value: string): string {
  return value.replace(/^#/, '').replace(/_/g, ' ');
}

/** Every attribute value that occurs, grouped by attribute, as "key:value" option values. */
export function attributeOptions(items: CatalogueItemDto[]): Array<{ key: AttributeKey; values: string[] }> {
  const keys = Object.keys(attributeLabels) as AttributeKey[];
  return keys.map((key) => {
    const values = new Set<string>();
    for (const item of items) for (const value of item.attributes?.[key] ?? []) values.add(value);
    return { key, values: [...values].sort() };
  });
}

export interface CatalogueFilter {
  q: string;
  kind: string;
  theme: string;
  attribute: string;
}

/** Client-side filter over the catalogue reply: text, kind, theme and one attribute value. */
export function filterCatalogue(items: CatalogueItemDto[], filter: CatalogueFilter): CatalogueItemDto[] {
  const words = filter.q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const [attributeKey, ...rest] = filter.attribute.split(':');
  const attributeValue = rest.join(':');
  return items.filter((item) => {
    if (filter.kind && item.kind !== filter.kind) return false;
    if (filter.theme && item.theme !== filter.theme) return false;
    if (attributeKey && attributeValue) {
      const values = item.attributes?.[attributeKey as AttributeKey] ?? [];
      if (!values.includes(attributeValue)) return false;
    }
    if (words.length === 0) return true;
    const haystack = `${item.ref} ${item.title} ${item.guidance?.meaning ?? ''} ${item.guidance?.evidence.join(' ') ?? ''}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
