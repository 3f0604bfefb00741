import { randomUUID } from 'node:crypto';
import { leadsApi } from '@custodian/shared/contracts/leads.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';

/**
 * Org A and org B are healthcare organisations, not providers: every admitted caller is told so (404).
 * The provider side (inbox, answers, races) is proven in lead.test.ts, lead-race.test.ts and the
 * provider × lead axis (provider-lead-axis.test.ts).
 */
const notAProvider = 'the world’s organisations are healthcare organisations, not marketplace providers: the provider routes answer 404 to everyone admitted';
const readers = { owner: 404, isms_manager: 404, contributor: 404, auditor: 404, other_org: 404 };
const responders = { owner: 404, isms_manager: 404, other_org: 404 };
const answerRace = 'org A is not a provider; two answers to one lead are raced in lead-race.test.ts';

/** A provider's lead inbox: list, one lead, accept, decline. */
export const leadsInventory: readonly InventoryEntry[] = [
  { ...fromRoute(leadsApi.list), expect: { statuses: readers, reason: notAProvider } },
  { ...fromRoute(leadsApi.get), request: () => ({ params: { leadId: randomUUID() } }), expect: { statuses: readers, reason: notAProvider } },
  {
    ...fromRoute(leadsApi.accept),
    request: () => ({ params: { leadId: randomUUID() }, body: { version: 1 } }),
    expect: { statuses: responders, reason: notAProvider },
    race: { skip: answerRace },
  },
  {
    ...fromRoute(leadsApi.decline),
    request: () => ({ params: { leadId: randomUUID() }, body: { version: 1, reason: 'No capacity' } }),
    expect: { statuses: responders, reason: notAProvider },
    race: { skip: answerRace },
  },
];
