/**
 * How much data each benchmark size seeds. The volumes are for the one organisation the benchmark
 * signs in to ("bench org"); `otherOrgs` small organisations of `otherShape` share the database so
 * tenancy filters have something to filter. Size XL is size L's bench org next to 1,000 small
 * organisations: it measures whether the bench org's requests stay as fast when the database holds
 * many tenants. Entities whose tables do not exist yet keep their planned volume here: adding one
 * later is a generator function in generators.ts plus its entry in seed.ts.
 */
export type SizeName = 'S' | 'M' | 'L' | 'XL';

/** Each small organisation next to the bench org: members besides its owner, audit events, outbox messages, invitations. */
export interface OtherOrgShape {
  members: number;
  auditEvents: number;
  outbox: number;
  invitations: number;
}

/** The volumes of one size. */
export interface SizeSpec {
  /** Members of the bench org besides its owner (mostly role 'staff'). */
  staff: number;
  auditEvents: number;
  invitations: number;
  outbox: number;
  otherOrgs: number;
  /** What each of the other organisations holds. */
  otherShape: OtherOrgShape;
  /** Catalogue-fixed: the gap analysis covers every Annex A control (checked against the catalogue). */
  controls: number;
  assets: number;
  risks: number;
  evidenceLinks: number;
  findings: number;
}

/** Each small organisation next to the bench org in sizes S, M and L. */
export const otherOrgShape: OtherOrgShape = { members: 19, auditEvents: 500, outbox: 50, invitations: 5 };

/** The smaller organisations of size XL (1,000 of them), so the seed stays within a few minutes. */
export const manyTenantsShape: OtherOrgShape = { members: 19, auditEvents: 200, outbox: 20, invitations: 5 };

const benchL = {
  staff: 5_000,
  auditEvents: 100_000,
  invitations: 500,
  outbox: 10_000,
  controls: 93,
  assets: 10_000,
  risks: 25_000,
  evidenceLinks: 100_000,
  findings: 2_000,
};

/** Every size by name. */
export const sizes: Record<SizeName, SizeSpec> = {
  S: {
    staff: 200,
    auditEvents: 2_000,
    invitations: 20,
    outbox: 200,
    otherOrgs: 2,
    otherShape: otherOrgShape,
    controls: 93,
    assets: 200,
    risks: 500,
    evidenceLinks: 2_000,
    findings: 40,
  },
  M: {
    staff: 1_000,
    auditEvents: 20_000,
    invitations: 100,
    outbox: 2_000,
    otherOrgs: 5,
    otherShape: otherOrgShape,
    controls: 93,
    assets: 2_000,
    risks: 5_000,
    evidenceLinks: 20_000,
    findings: 400,
  },
  L: { ...benchL, otherOrgs: 20, otherShape: otherOrgShape },
  XL: { ...benchL, otherOrgs: 1_000, otherShape: manyTenantsShape },
};

/** The size names in the order they grow. */
export const sizeNames: readonly SizeName[] = ['S', 'M', 'L', 'XL'];

/** True for a size this table knows (S, M, L, XL). */
export function isSizeName(value: string): value is SizeName {
  return (sizeNames as readonly string[]).includes(value);
}
