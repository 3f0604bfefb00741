import type { DeletionPreview } from '@custodian/shared/contracts/account.ts';
import { AppError } from '@custodian/shared/errors.ts';
import { userLabel } from '../../core/auth-state.ts';
import type { SessionCtx } from '../../core/ctx.ts';
import { closeOrganisation, lockForDeparture, recordDeparture } from '../org/former-members.service.ts';
import { listMembershipsOfUser } from '../org/org.service.ts';
import { erasePerson, lockLivePerson } from './account.repo.ts';
import { requireRecentStepUp } from './step-up.service.ts';

interface Plan {
  orgId: string;
  name: string;
  role: string;
  /** leave: others stay; close: the person is the only member; blocked: the only owner, with others left behind. */
  outcome: 'leave' | 'close' | 'blocked';
}

/**
 * What deleting the person's account does to each organisation they belong to, read with each
 * organisation's lock taken when `isLocking` (the deletion itself), so no role change or new member
 * slips in between the check and the deletion.
 */
async function planDeletion(ctx: SessionCtx, isLocking: boolean): Promise<Plan[]> {
  const userId = ctx.user.id;
  await ctx.setScope({ orgId: null, userId });
  const plans: Plan[] = [];
  for (const m of await listMembershipsOfUser(ctx.tx, userId)) {
    await ctx.setScope({ orgId: m.org_id, userId });
    const { members, owners } = await lockForDeparture(ctx, m.org_id, isLocking);
    const outcome = members <= 1 ? 'close' : m.role === 'owner' && owners <= 1 ? 'blocked' : 'leave';
    plans.push({ orgId: m.org_id, name: m.name, role: m.role, outcome });
  }
  await ctx.setScope({ orgId: null, userId });
  return plans;
}

const entries = (plans: Plan[], outcome: Plan['outcome']) => plans.filter((p) => p.outcome === outcome).map((p) => ({ orgId: p.orgId, name: p.name }));

/** What deleting the account would do, for the danger zone to say before anyone confirms. */
export async function previewAccountDeletion(ctx: SessionCtx): Promise<DeletionPreview> {
  const plans = await planDeletion(ctx, false);
  return { leaves: entries(plans, 'leave'), closes: entries(plans, 'close'), blockedBy: entries(plans, 'blocked') };
}

function listOfNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Deletes the signed-in person's account (APP 11.2), in one transaction. Refused (409) while they are
 * the only owner of an organisation others still belong to. Otherwise, in each organisation: the
 * deletion is recorded, the organisation keeps who they were as a former member, and their
 * membership ends; an organisation they were the only member of is closed (kept read-only, for its
 * audit trail) and they are de-identified in it. Then every session and credential ends and the
 * account keeps no name or address, so the address can sign up afresh. The route clears the cookie.
 */
export async function deleteOwnAccount(ctx: SessionCtx, input: { email: string }): Promise<{ closedOrganisations: string[] }> {
  // Like every sensitive action, only after the person confirmed it's them (password or passkey) a moment ago.
  await requireRecentStepUp(ctx);
  const { user } = ctx;
  if (input.email !== user.email.toLowerCase()) {
    throw new AppError('validation_failed', 'Type the e-mail address of your account to confirm that you want to delete it.', [{ path: 'email', message: 'is not the e-mail address of your account' }]);
  }
  // Locks in this order: the organisations (against owner-counting rules), then the person (waiting
  // for their actions under way that reference them), then each trail's head. Actions lock in the
  // same order or hold nothing the deletion waits for, so neither side deadlocks.
  const plans = await planDeletion(ctx, true);
  if (!(await lockLivePerson(ctx.tx, user.id))) throw new AppError('unauthenticated', 'This account has already been deleted.');
  const blocked = plans.filter((p) => p.outcome === 'blocked').map((p) => p.name);
  if (blocked.length > 0) {
    throw new AppError(
      'conflict',
      `You are the only owner of ${listOfNames(blocked)}, and other people still belong to ${blocked.length === 1 ? 'it' : 'them'}. ` +
        'Make another member an owner on the Members page (or remove the other members) first, then delete your account.',
      { organisations: blocked },
    );
  }
  const label = userLabel(user);
  for (const plan of plans) {
    await ctx.setScope({ orgId: plan.orgId, userId: user.id });
    const who = { orgId: plan.orgId, userId: user.id, label };
    await ctx.recordAudit(who, { action: 'user.account_deleted', entity: { type: 'user', id: user.id }, before: { role: plan.role } });
    await recordDeparture(ctx, plan.orgId, { userId: user.id, name: user.name, email: user.email, role: plan.role }, 'account_deleted');
    if (plan.outcome === 'close') await closeOrganisation(ctx, who);
  }
  await ctx.setScope({ orgId: null, userId: user.id });
  await erasePerson(ctx.tx, user.id, ctx.now);
  if (plans.length === 0) ctx.skipAudit('the person belongs to no organisation whose trail could record the deletion');
  return { closedOrganisations: plans.filter((p) => p.outcome === 'close').map((p) => p.name) };
}
