/**
 * Identifiers for the OSCAL documents Custodian writes: deterministic UUIDs (so the same export twice
 * names the same things the same way) and OSCAL tokens for catalogue ids, which contain colons.
 */
import { createHash } from 'node:crypto';

/** Custodian's UUID namespace for OSCAL output (a fixed random v4 UUID). */
export const CUSTODIAN_OSCAL_NAMESPACE = '4f3c2a9e-7b1d-4e8a-9c55-2d6b0e1f8a73';

/** Namespace URI for the properties Custodian adds to OSCAL documents. */
export const CUSTODIAN_OSCAL_NS = 'urn:custodian:oscal';

/** A name-based (version 5, SHA-1) UUID, as RFC 9562 defines it. */
export function uuidV5(name: string, namespace: string = CUSTODIAN_OSCAL_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`"${namespace}" is not a UUID`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The OSCAL id of a catalogue clause or control: "iso27001:2022:4.1" → "clause-4.1",
 * "iso27001:2022:A.5.1" → "a-5.1".
 * @throws Error for an id that is neither.
 */
export function oscalIdFor(catalogueId: string): string {
  const match = /^[a-z0-9]+:[0-9]{4}:(.+)$/.exec(catalogueId);
  const ref = match?.[1];
  if (ref === undefined) throw new Error(`"${catalogueId}" is not a catalogue id`);
  if (/^A\.[0-9]+\.[0-9]+$/.test(ref)) return `a-${ref.slice(2)}`;
  if (/^[0-9]+(\.[0-9]+)*$/.test(ref)) return `clause-${ref}`;
  throw new Error(`"${catalogueId}" is neither a clause nor an Annex A control`);
}
