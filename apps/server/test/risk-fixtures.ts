import { randomUUID } from 'node:crypto';
import type { TestServer } from './test-server.ts';

/**
 * Assets for risk tests, written straight into the table (the asset module is another slice's; the
 * register only reads assets). Returns each asset's id.
 */
export async function plantAssets(server: TestServer, orgId: string, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, name] of names.entries()) {
    const id = randomUUID();
    await server.ownerQuery(
      `insert into assets (org_id, id, ref, name, kind, classification, confidentiality, integrity, availability, created_at, updated_at)
       values ($1, $2, $3, $4, 'system', 'confidential', 3, 3, 3, now(), now())`,
      [orgId, id, `A-${String(index + 1).padStart(4, '0')}`, name],
    );
    ids.push(id);
  }
  return ids;
}

export interface RiskReply {
  id: string;
  ref: string;
  title: string;
  status: string;
  version: number;
  ownerUserId: string | null;
  nextReviewOn: string | null;
  inherent: { likelihood: number; impact: number; level: string; levelLabel: string; likelihoodLabel: string; colour: string };
  residual: { likelihood: number; impact: number; level: string; levelLabel: string } | null;
  assets: Array<{ id: string; ref: string; name: string }>;
  isResidualWithinAppetite: boolean | null;
  acceptance: { acceptedByName: string; level: string; note: string; isAboveAppetite: boolean } | null;
  lastWithdrawnAcceptance: { withdrawnReason: string | null; withdrawnAt: string | null } | null;
  methodVersion: number;
}
