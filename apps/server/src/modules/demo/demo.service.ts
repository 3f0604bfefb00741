import { join, resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import type { Role } from '@custodian/shared/permissions.ts';
import { withOrg } from '../../db/with-org.ts';
import type { AppDeps, Ctx } from '../../http/context.ts';
import { randomToken } from '../../lib/crypto.ts';
import { newId } from '../../lib/ids.ts';
import { createVerifiedUser, hasAnyUser } from '../auth/auth.service.ts';
import { getCatalogue } from '../catalogue/catalogue.service.ts';
import { updateGapItem } from '../gap/gap.service.ts';
import { addMember, createOrgWithOwner } from '../org/org.service.ts';
import { demoEntries, demoOrganisation, demoPeople } from './demo-data.ts';

export interface DemoLogin {
  organisation: string;
  email: string;
  password: string;
  savedTo: string;
}

function addDays(today: Date, days: number): string {
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * On a brand-new database, creates "Harbourside Family Clinic (demo)" with four people and a partly
 * completed gap analysis, recorded through the same services a person would use (so the audit trail
 * is real). The owner's password is random, printed once and saved in the data directory.
 */
export async function seedDemoIfEmpty(deps: AppDeps, log: FastifyBaseLogger): Promise<DemoLogin | null> {
  if (await hasAnyUser(deps.database.db)) return null;
  const at = deps.clock();
  const orgId = newId(at.getTime());
  const password = `harbourside-${randomToken(9)}`;
  const ids = Object.fromEntries(demoPeople.map((p) => [p.key, newId(at.getTime())])) as Record<(typeof demoPeople)[number]['key'], string>;
  const owner = demoPeople[0];
  await withOrg(deps.database.db, { orgId, userId: ids.owner }, async (trx) => {
    for (const person of demoPeople) {
      await createVerifiedUser(trx, { id: ids[person.key], name: person.name, email: person.email, password: person.key === 'owner' ? password : randomToken(24), at });
    }
    await createOrgWithOwner(trx, { orgId, name: demoOrganisation, ownerId: ids.owner, ownerLabel: `${owner.name} <${owner.email}>`, requestId: 'demo-seed', at, isDemo: true });
    for (const person of demoPeople.slice(1)) await addMember(trx, { orgId, userId: ids[person.key], role: person.role as Role, at });
  });
  const ctx: Ctx = { deps, actor: { userId: ids.owner, userLabel: `${owner.name} <${owner.email}>`, orgId, role: 'owner' }, requestId: 'demo-seed', log };
  const byRef = new Map(getCatalogue(deps.catalogue).items.map((item) => [item.ref, item.id]));
  for (const entry of demoEntries) {
    const itemId = byRef.get(entry.ref);
    if (!itemId) throw new Error(`Demo data names ${entry.ref}, which the catalogue does not have.`);
    await updateGapItem(ctx, itemId, {
      status: entry.status,
      ownerUserId: entry.owner ? ids[entry.owner] : null,
      targetDate: entry.dueInDays === undefined ? null : addDays(at, entry.dueInDays),
      notes: entry.notes ?? '',
      justification: entry.justification ?? '',
    });
  }
  const savedTo = resolve(join(deps.config.dataDir, 'demo-login.txt'));
  writeFileSync(savedTo, `Demo organisation: ${demoOrganisation}\nE-mail: ${owner.email}\nPassword: ${password}\n`, { mode: 0o600 });
  return { organisation: demoOrganisation, email: owner.email, password, savedTo };
}
