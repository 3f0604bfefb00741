import { catalogueApi } from '@custodian/shared/contracts/catalogue.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';

/** The read-only catalogue. */
export const catalogueInventory: readonly InventoryEntry[] = [
  { ...fromRoute(catalogueApi.all) },
  { ...fromRoute(catalogueApi.search), request: () => ({ query: { q: 'access' } }) },
  { ...fromRoute(catalogueApi.item), request: ({ world }) => ({ params: { itemId: world.gapItemId } }) },
];
