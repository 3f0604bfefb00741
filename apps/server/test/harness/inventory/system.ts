import { systemApi } from '@custodian/shared/contracts/health.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';

/** Liveness and the API's own description. */
export const systemInventory: readonly InventoryEntry[] = [
  { ...fromRoute(systemApi.health) },
  { route: 'GET /api/v1/openapi.json', access: 'public', success: 200 },
];
