import { auditLogApi } from '@custodian/shared/contracts/audit-log.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';
import { json } from './helpers.ts';

/** The audit trail and its signed checkpoints. */
export const auditLogInventory: readonly InventoryEntry[] = [
  { ...fromRoute(auditLogApi.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(auditLogApi.verify) },
  {
    ...fromRoute(auditLogApi.writeCheckpoint),
    request: () => ({ body: { isMailedToOwners: false } }),
    race: {
      // Two owners ask for a checkpoint at once (one also mailed): both get one, and neither names an event beyond the head.
      requests: async () => [{ spec: { body: { isMailedToOwners: false } } }, { spec: { body: { isMailedToOwners: true } } }],
      maxWins: 2,
      verify: async (world, replies) => {
        const written = replies.filter((r) => r.status === 201).map((r) => json<{ seq: number }>(r).seq);
        const heads = await world.server.ownerQuery<{ seq: string }>('select seq::text from audit_heads where org_id = $1', [world.orgA.id]);
        const head = Number(heads[0]?.seq ?? -1);
        return written.filter((seq) => seq > head).map((seq) => `a checkpoint names event ${seq}, beyond the head ${head}`);
      },
    },
  },
  { ...fromRoute(auditLogApi.checkpoints) },
];
