/**
 * How much data each benchmark size seeds. The volumes are for the one organisation the benchmark
 * signs in to ("bench org"); `otherOrgs` small organisations share the database so tenancy filters
 * have something to filter. Entities whose tables do not exist yet keep their planned volume here:
 * adding one later is a generator function in generators.ts plus its entry in seed.ts.
 */
export type SizeName = 'S' | 'M' | 'L';

export interface SizeSpec {
  /** Members of the bench org besides its owner (mostly role 'staff'). */
  staff: number;
  auditEvents: number;
  invitations: number;
  outbox: number;
  otherOrgs: number;
  /** Catalogue-fixed: the gap analysis covers every Annex A control (checked against the catalogue). */
  controls: number;
  assets: number;
  risks: number;
  evidenceLinks: number;
  findings: number;
}

export const sizes: Record<SizeName, SizeSpec> = {
  S: { staff: 200, auditEvents: 2_000, invitations: 20, outbox: 200, otherOrgs: 2, controls: 93, assets: 200, risks: 500, evidenceLinks: 2_000, findings: 40 },
  M: { staff: 1_000, auditEvents: 20_000, invitations: 100, outbox: 2_000, otherOrgs: 5, controls: 93, assets: 2_000, risks: 5_000, evidenceLinks: 20_000, findings: 400 },
  L: { staff: 5_000, auditEvents: 100_000, invitations: 500, outbox: 10_000, otherOrgs: 20, controls: 93, assets: 10_000, risks: 25_000, evidenceLinks: 100_000, findings: 2_000 },
};

/** Each small organisation next to the bench org: members, audit events, outbox messages, invitations. */
export const otherOrgShape = { members: 19, auditEvents: 500, outbox: 50, invitations: 5 } as const;

export function isSizeName(value: string): value is SizeName {
  return value === 'S' || value === 'M' || value === 'L';
}
