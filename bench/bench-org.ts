import { randomUUID } from 'node:crypto';
import type { BaseCtx } from '../apps/server/src/core/ctx.ts';
import { runTransaction, scopedOpen } from '../apps/server/src/core/transaction.ts';
import { newId } from '../apps/server/src/lib/ids.ts';
import { createVerifiedUser } from '../apps/server/src/modules/auth/auth.service.ts';
import { createOrgWithOwner } from '../apps/server/src/modules/org/org.service.ts';

/** A benchmark organisation's owner, as the services take an acting member. */
export interface BenchMember {
  actor: { userId: string; userLabel: string; orgId: string; role: 'owner' };
  org: { id: string; name: string; timeZone: string; isDemo: boolean; isMfaRequired: boolean };
  name: string;
  email: string;
}

/** A new organisation with its owner, through the services (so its audit chain is real). */
export async function newBenchOrg(base: BaseCtx, label: string, namePrefix = 'Import bench'): Promise<BenchMember> {
  const owner = { id: newId(), name: `Bench owner ${label}`, email: `bench-${randomUUID()}@example.org` };
  const orgId = newId();
  await runTransaction(base, { isReadOnly: false, open: scopedOpen({ orgId, userId: owner.id }) }, async (ctx) => {
    await createVerifiedUser(ctx, { ...owner, passwordHash: 'not-a-login' });
    await createOrgWithOwner(ctx, { orgId, name: `${namePrefix} ${label} (demo)`, owner });
  });
  return {
    actor: { userId: owner.id, userLabel: `${owner.name} <${owner.email}>`, orgId, role: 'owner' },
    org: { id: orgId, name: `${namePrefix} ${label} (demo)`, timeZone: 'Australia/Sydney', isDemo: false, isMfaRequired: false },
    name: owner.name,
    email: owner.email,
  };
}

