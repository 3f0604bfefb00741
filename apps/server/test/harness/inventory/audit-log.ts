import { auditLogApi } from '@custodian/shared/contracts/audit-log.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';

/** The audit trail. */
export const auditLogInventory: readonly InventoryEntry[] = [
  { ...fromRoute(auditLogApi.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(auditLogApi.verify) },
];
