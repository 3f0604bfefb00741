import { join, resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Role } from '@custodian/shared/permissions.ts';
import { userLabel } from '../../core/auth-state.ts';
import type { BaseCtx } from '../../core/ctx.ts';
import type { AppDeps } from '../../core/deps.ts';
import type { Logger } from '../../core/logger.ts';
import { runAsMember, runTransaction, scopedOpen } from '../../core/transaction.ts';
import { randomToken } from '../../lib/crypto.ts';
import { newId } from '../../lib/ids.ts';
import { createVerifiedUser, hashPassword, hasAnyUser } from '../auth/auth.service.ts';
import { getCatalogue } from '../catalogue/catalogue.service.ts';
import { updateGapItem } from '../gap/gap.service.ts';
import { addMember, createOrgWithOwner } from '../org/org.service.ts';
import { createScopeItem, getScopeStatement, updateScopeStatement } from '../scope/scope.service.ts';
import { demoEntries, demoOrganisation, demoPeople, demoScopeEntries, demoScopeSummary } from './demo-data.ts';

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
export async function seedDemoIfEmpty(deps: AppDeps, log: Logger): Promise<DemoLogin | null> {
  const base: BaseCtx = { deps, now: deps.clock(), requestId: 'demo-seed', log };
  const isUsed = (await runTransaction(base, { isReadOnly: true, open: scopedOpen({ orgId: null, userId: null }) }, (ctx) => hasAnyUser(ctx))).result;
  if (isUsed) return null;
  const orgId = newId(base.now.getTime());
  const password = `harbourside-${randomToken(9)}`;
  const people = await Promise.all(
    demoPeople.map(async (person) => ({ ...person, id: newId(base.now.getTime()), passwordHash: await hashPassword(person.key === 'owner' ? password : randomToken(24)) })),
  );
  const owner = people[0];
  if (!owner) throw new Error('the demo has no owner');
  await runTransaction(base, { isReadOnly: false, open: scopedOpen({ orgId, userId: owner.id }) }, async (ctx) => {
    for (const person of people) await createVerifiedUser(ctx, { id: person.id, name: person.name, email: person.email, passwordHash: person.passwordHash });
    await createOrgWithOwner(ctx, { orgId, name: demoOrganisation, owner, isDemo: true });
  });
  const ids = Object.fromEntries(people.map((p) => [p.key, p.id])) as Record<(typeof demoPeople)[number]['key'], string>;
  const member = {
    actor: { userId: owner.id, userLabel: userLabel(owner), orgId, role: 'owner' as const },
    org: { id: orgId, name: demoOrganisation, timeZone: 'Australia/Sydney', isDemo: true, isMfaRequired: false },
    name: owner.name,
    email: owner.email,
  };
  const byRef = new Map(getCatalogue(deps.catalogue).items.map((item) => [item.ref, item.id]));
  await runAsMember(base, member, async (ctx) => {
    for (const person of people.slice(1)) await addMember(ctx, { userId: person.id, role: person.role as Role });
    for (const entry of demoEntries) {
      const itemId = byRef.get(entry.ref);
      if (!itemId) throw new Error(`Demo data names ${entry.ref}, which the catalogue does not have.`);
      await updateGapItem(ctx, itemId, {
        version: 0,
        status: entry.status,
        ownerUserId: entry.owner ? ids[entry.owner] : null,
        targetDate: entry.dueInDays === undefined ? null : addDays(base.now, entry.dueInDays),
        notes: entry.notes ?? '',
        justification: entry.justification ?? '',
      });
    }
    for (const entry of demoScopeEntries) await createScopeItem(ctx, entry);
    await updateScopeStatement(ctx, { version: (await getScopeStatement(ctx)).version, summary: demoScopeSummary });
  });
  const savedTo = resolve(join(deps.config.dataDir, 'demo-login.txt'));
  writeFileSync(savedTo, `Demo organisation: ${demoOrganisation}\nE-mail: ${owner.email}\nPassword: ${password}\n`, { mode: 0o600 });
  return { organisation: demoOrganisation, email: owner.email, password, savedTo };
}
