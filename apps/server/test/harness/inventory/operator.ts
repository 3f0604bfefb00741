import { randomUUID } from 'node:crypto';
import { operatorApi } from '@custodian/shared/contracts/operator.ts';
import { fromRoute, type InventoryEntry } from '../route-inventory.ts';

const skip = { skip: 'only the platform operator may call it and nobody in the world is one (403 before any write); suspension and verification are raced in operator.test.ts' };

/** The platform operator's console: every actor of the world is refused (403; anonymous 401). */
export const operatorInventory: readonly InventoryEntry[] = [
  { ...fromRoute(operatorApi.providers) },
  { ...fromRoute(operatorApi.verify), request: () => ({ params: { orgId: randomUUID() }, body: { subject: 'profile' } }), race: skip },
  { ...fromRoute(operatorApi.revokeVerification), request: () => ({ params: { orgId: randomUUID(), verificationId: randomUUID() } }), race: skip },
  { ...fromRoute(operatorApi.suspend), request: () => ({ params: { orgId: randomUUID() }, body: { reason: 'Misleading accreditation claim' } }), race: skip },
  { ...fromRoute(operatorApi.reinstate), request: () => ({ params: { orgId: randomUUID() }, body: {} }), race: skip },
  { ...fromRoute(operatorApi.certificate), request: () => ({ params: { orgId: randomUUID(), accreditationId: randomUUID() } }) },
  { ...fromRoute(operatorApi.health) },
];
