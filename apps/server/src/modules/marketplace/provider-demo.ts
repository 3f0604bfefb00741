import { userLabel } from '../../core/auth-state.ts';
import type { BaseCtx, TxCtx } from '../../core/ctx.ts';
import type { AppDeps } from '../../core/deps.ts';
import type { Logger } from '../../core/logger.ts';
import { runAsMember, runTransaction, scopedOpen } from '../../core/transaction.ts';
import { randomToken } from '../../lib/crypto.ts';
import { newId } from '../../lib/ids.ts';
import { createVerifiedUser, hashPassword } from '../auth/auth.service.ts';
import { platformOrgId, systemActorLabel } from '../org/org.service.ts';
import { verifyClaim } from './operator.service.ts';
import { demoCertificatePdf, demoProviders, type DemoProvider } from './provider-demo-data.ts';
import { enterMarketplaceAgent, hasDemoProvider } from './provider-demo.repo.ts';
import { createAccreditation, createAffiliation, createProviderOrgFor, updateProviderProfile } from './provider.service.ts';

/**
 * On the first start with the demo on, creates the fictional demo providers (three consultancies and
 * three certification bodies, each "(demo)"), published, with JAS-ANZ accreditations covering ISO/IEC
 * 27001 and one affiliation with a commission, through the same services a person would use, and
 * verified by Custodian itself (recorded in the platform trail under its own name). Their owners get
 * random passwords nobody is told: the providers are there to be found and to receive requests.
 * Returns how many were created (0 when they exist already).
 */
export async function seedDemoProvidersIfEmpty(deps: AppDeps, log: Logger): Promise<number> {
  const base: BaseCtx = { deps, now: deps.clock(), requestId: 'demo-providers', log };
  const open = scopedOpen({ orgId: null, userId: null });
  const exists = (await runTransaction(base, { isReadOnly: true, open }, async (ctx) => (await enterMarketplaceAgent(ctx.tx), hasDemoProvider(ctx.tx)))).result;
  if (exists) return 0;
  const orgIds = new Map<string, string>();
  for (const provider of demoProviders) orgIds.set(provider.key, await seedOne(base, provider, orgIds));
  await runTransaction(base, { isReadOnly: false, open }, async (ctx) => {
    for (const provider of demoProviders) await verifyDemo(ctx, orgIds.get(provider.key) ?? '');
  });
  return demoProviders.length;
}

async function seedOne(base: BaseCtx, provider: DemoProvider, orgIds: ReadonlyMap<string, string>): Promise<string> {
  const owner = { id: newId(base.now.getTime()), name: provider.owner.name, email: provider.owner.email };
  const passwordHash = await hashPassword(randomToken(24));
  const created = await runTransaction(base, { isReadOnly: false, open: scopedOpen({ orgId: null, userId: owner.id }) }, async (ctx) => {
    await createVerifiedUser(ctx, { ...owner, passwordHash });
    return createProviderOrgFor(ctx, owner, { name: provider.name, kind: provider.kind, displayName: provider.name, slug: provider.slug }, { isDemo: true });
  });
  const orgId = created.result.orgId;
  const member = {
    actor: { userId: owner.id, userLabel: userLabel(owner), orgId, role: 'owner' as const },
    org: { id: orgId, name: provider.name, timeZone: 'Australia/Sydney', isDemo: true, isMfaRequired: false },
    name: owner.name,
    email: owner.email,
  };
  await runAsMember(base, member, async (ctx) => {
    await updateProviderProfile(ctx, { version: created.result.version, ...provider.profile, isPublished: true });
    for (const a of provider.accreditations ?? []) {
      const expires = new Date(base.now.getTime());
      expires.setUTCFullYear(expires.getUTCFullYear() + a.expiresInYears);
      await createAccreditation(ctx, {
        accreditationBody: 'JAS-ANZ',
        isIafMember: true,
        accreditationNumber: a.accreditationNumber,
        standards: a.standards,
        scopeNote: a.scopeNote,
        expiresOn: expires.toISOString().slice(0, 10),
        certificate: { fileName: `${a.accreditationNumber}.pdf`, contentBase64: demoCertificatePdf(provider.name, a.accreditationNumber).toString('base64') },
      });
    }
    for (const tie of provider.affiliations ?? []) {
      const consultancy = demoProviders.find((p) => p.key === tie.consultancy);
      if (!consultancy || !orgIds.has(tie.consultancy)) throw new Error(`demo affiliation names ${tie.consultancy}, which is not seeded before ${provider.key}`);
      await createAffiliation(ctx, { affiliatedSlug: consultancy.slug, relationship: tie.relationship, commissionPercent: tie.commissionPercent, startedOn: tie.startedOn, endedOn: null });
    }
  });
  return orgId;
}

/** Custodian verifies its own demo providers' claims, as the marketplace's agent, in the platform trail. */
async function verifyDemo(ctx: TxCtx, orgId: string): Promise<void> {
  const platform = await platformOrgId(ctx.tx);
  if (!platform) throw new Error('the platform organisation does not exist (it is created before the demo)');
  await ctx.setScope({ orgId: platform, userId: null });
  await enterMarketplaceAgent(ctx.tx);
  const audit = (action: Parameters<typeof ctx.recordAudit>[1]['action'], entity: { type: string; id: string }, before?: unknown, after?: unknown) =>
    ctx.recordAudit({ orgId: platform, userId: null, label: systemActorLabel }, { action, entity, before, after });
  const agent = { ...ctx, audit };
  const provider = await verifyClaim(agent, orgId, { subject: 'profile', note: 'Demo provider: fictional, verified by Custodian for the demo' }, null);
  for (const claim of provider.claims) {
    if (claim.subject === 'accreditation' && claim.subjectId) await verifyClaim(agent, orgId, { subject: 'accreditation', accreditationId: claim.subjectId, note: 'Demo accreditation: fictional' }, null);
  }
}
