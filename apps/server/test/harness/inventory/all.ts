import type { InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter } from '../world.ts';
import { accountInventory } from './account.ts';
import { auditLogInventory } from './audit-log.ts';
import { authInventory } from './auth.ts';
import { catalogueInventory } from './catalogue.ts';
import { gapInventory } from './gap.ts';
import { formerMemberCanary, orgInventory } from './org.ts';
import { systemInventory } from './system.ts';
// new-module: imports

/** Every API operation, one entry each: the matrix, the fuzzer and the race check read this list. */
export const routeInventory: readonly InventoryEntry[] = [
  ...systemInventory,
  ...authInventory,
  ...accountInventory,
  ...orgInventory,
  ...catalogueInventory,
  ...gapInventory,
  ...auditLogInventory,
  // new-module: inventory
];

/** Canaries modules plant in org A beyond the world's own four; the matrix checks none leaves org A. */
export const canaryPlanters: readonly CanaryPlanter[] = [
  formerMemberCanary,
  // new-module: canaries
];
