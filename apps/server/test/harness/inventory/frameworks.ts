import { frameworksApi } from '@custodian/shared/contracts/frameworks.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';

const text = async (raw: Buffer) => raw.toString('utf8');

/** Framework coverage, the 2013 → 2022 transition and the OSCAL exports (reads only). */
export const frameworksInventory: readonly InventoryEntry[] = [
  { ...fromRoute(frameworksApi.coverage) },
  { ...fromRoute(frameworksApi.transition) },
  { ...fromRoute(frameworksApi.oscalCatalog), bodyText: text },
  { ...fromRoute(frameworksApi.oscalProfile), bodyText: text },
  { ...fromRoute(frameworksApi.oscalSsp), bodyText: text },
];
