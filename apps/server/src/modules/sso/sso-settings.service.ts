import type { JitRole, SsoSettings, ssoSettingsBody } from '@custodian/shared/contracts/sso.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import { orgCtx, type OrgCtx, type StepsCtx } from '../../core/ctx.ts';
import { decrypt, encrypt } from '../../lib/crypto.ts';
import { isSsoRequired, lockOrganisation, setSsoRequired } from '../org/org.service.ts';
import { discover, issuerProblem, unreachableProvider } from './oidc.ts';
import { deleteDomain, findSettings, insertDomain, insertSettings, listDomains, updateSettings, type SettingsRow } from './sso.repo.ts';

function fieldError(path: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path, message }]);
}

/** The address owners register at their provider as the sign-in redirect. */
export function ssoRedirectUri(publicUrl: string): string {
  return `${publicUrl}/sso/callback`;
}

/** The settings as owners see them: never the client secret, only whether one is saved. */
export async function describeSsoSettings(ctx: OrgCtx): Promise<SsoSettings> {
  const row = await findSettings(ctx.tx, ctx.org.id);
  const domains = await listDomains(ctx.tx, ctx.org.id);
  return {
    isConfigured: row !== undefined,
    issuer: row?.issuer ?? '',
    clientId: row?.client_id ?? '',
    hasClientSecret: row !== undefined,
    isRequired: await isSsoRequired(ctx, ctx.org.id),
    isJitEnabled: row?.is_jit_enabled ?? false,
    jitRole: (row?.jit_role ?? 'staff') as JitRole,
    domains: domains.map((d) => ({ domain: d.domain, addedAt: new Date(d.added_at).toISOString() })),
    redirectUri: ssoRedirectUri(ctx.deps.config.publicUrl),
    version: row?.version ?? 0,
  };
}

function auditView(row: SettingsRow | undefined, isRequired: boolean) {
  return row ? { issuer: row.issuer, clientId: row.client_id, isRequired, isJitEnabled: row.is_jit_enabled, jitRole: row.jit_role } : null;
}

const staleMessage = 'Someone else changed the single sign-on settings after you opened them. Check their change, then apply yours again.';

/**
 * Saves an organisation's provider. The provider is checked first (OpenID Connect discovery, outside any
 * transaction), so a mistyped address is refused with a plain message instead of breaking sign-in.
 * "SSO required" needs at least one e-mail domain, and an owner saving it must have two-step
 * verification on: owners keep signing in with a password and two-step verification (the break-glass
 * rule), so a broken provider cannot lock the organisation out.
 */
export async function saveSsoSettings(ctx: StepsCtx, input: z.output<typeof ssoSettingsBody>): Promise<SsoSettings> {
  const problem = issuerProblem(input.issuer);
  if (problem) throw fieldError('issuer', problem);
  const current = await ctx.transaction(async (tx) => {
    const org = orgCtx(tx);
    return { row: await findSettings(tx.tx, org.org.id), settings: await describeSsoSettings(org) };
  });
  if (current.settings.version !== input.version) throw new AppError('edit_conflict', staleMessage, { current: current.settings });
  const secret = input.clientSecret ?? (current.row ? decrypt(ctx.deps.keys.encryption, current.row.client_secret_enc) : null);
  if (!secret) throw fieldError('clientSecret', 'Enter the client secret your provider gave you for Custodian.');
  const issuer = input.issuer.replace(/\/$/, '');
  try {
    await discover({ issuer, clientId: input.clientId, clientSecret: secret });
  } catch (error) {
    ctx.log.info({ err: error }, 'single sign-on discovery failed');
    throw unreachableProvider();
  }
  return ctx.transaction(async (tx) => {
    const org = orgCtx(tx);
    await lockOrganisation(org);
    if (input.isRequired && !org.user.hasMfa) {
      throw fieldError(
        'isRequired',
        'Turn on two-step verification for your own account first. When single sign-on is required, owners with two-step verification can still sign in with their password, so a broken provider cannot lock everyone out.',
      );
    }
    if (input.isRequired && (await listDomains(tx.tx, org.org.id)).length === 0) throw fieldError('isRequired', 'Add at least one e-mail domain before requiring single sign-on.');
    const wasRequired = await isSsoRequired(org, org.org.id);
    const before = await findSettings(tx.tx, org.org.id);
    const values = {
      issuer,
      client_id: input.clientId,
      client_secret_enc: input.clientSecret ? encrypt(ctx.deps.keys.encryption, input.clientSecret) : (before?.client_secret_enc ?? ''),
      is_jit_enabled: input.isJitEnabled,
      jit_role: input.jitRole,
    };
    const saved = before ? await updateSettings(tx.tx, org.org.id, input.version, values, tx.now) : await insertSettings(tx.tx, org.org.id, values, tx.now);
    if (!saved || !values.client_secret_enc) throw new AppError('edit_conflict', staleMessage, { current: await describeSsoSettings(org) });
    await setSsoRequired(org, input.isRequired);
    await org.audit('sso.settings_changed', { type: 'sso_settings', id: org.org.id }, auditView(before, wasRequired), {
      ...auditView(saved, input.isRequired),
      isSecretReplaced: input.clientSecret !== undefined && before !== undefined,
    });
    return describeSsoSettings(org);
  });
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Adds an e-mail domain. Without DNS checks (Custodian may run where it cannot reach the internet), the
 * proof is the owner's own confirmed address: an owner can add only the domain of their own address,
 * and a domain belongs to one organisation at most (the database's unique index decides a race).
 */
export async function addSsoDomain(ctx: OrgCtx, domain: string): Promise<SsoSettings> {
  const own = domainOf(ctx.user.email);
  if (own !== domain) {
    throw fieldError('domain', `You can add only the domain of your own e-mail address (${own}). An owner whose address ends in @${domain} can add that one.`);
  }
  if (!(await insertDomain(ctx.tx, ctx.org.id, domain, ctx.now))) {
    const isOurs = (await listDomains(ctx.tx, ctx.org.id)).some((d) => d.domain === domain);
    throw new AppError('conflict', isOurs ? `${domain} is already on the list.` : `${domain} is already used for single sign-on by another organisation on Custodian.`, [
      { path: 'domain', message: isOurs ? 'is already on the list' : 'is used by another organisation' },
    ]);
  }
  await ctx.audit('sso.domain_added', { type: 'sso_domain', id: domain }, null, { domain });
  return describeSsoSettings(ctx);
}

/** Removes an e-mail domain; an organisation that requires single sign-on keeps at least one. */
export async function removeSsoDomain(ctx: OrgCtx, domain: string): Promise<SsoSettings> {
  await lockOrganisation(ctx);
  const domains = await listDomains(ctx.tx, ctx.org.id);
  if (!domains.some((d) => d.domain === domain)) throw new AppError('not_found', `${domain} is not on the list.`);
  if (domains.length === 1 && (await isSsoRequired(ctx, ctx.org.id))) {
    throw new AppError('conflict', 'Single sign-on is required, so it needs at least one e-mail domain. Turn off "Require single sign-on" first, or add another domain.');
  }
  await deleteDomain(ctx.tx, ctx.org.id, domain);
  await ctx.audit('sso.domain_removed', { type: 'sso_domain', id: domain }, { domain });
  return describeSsoSettings(ctx);
}
