import type { ssoCompleteBody } from '@custodian/shared/contracts/sso.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { Role } from '@custodian/shared/permissions.ts';
import type { z } from 'zod';
import type { StepsCtx, TxCtx } from '../../core/ctx.ts';
import { decrypt, encrypt, sha256Hex } from '../../lib/crypto.ts';
import { recordSignIn } from '../auth/auth.service.ts';
import { startSession, type SessionGrant } from '../auth/session.service.ts';
import { createSsoAccount, findPersonByEmail, unusablePasswordHash, type SsoPerson } from '../auth/sso-account.service.ts';
import { findOwnMembership, joinBySso } from '../org/org.service.ts';
import { authorisationUrl, discover, exchangeCode, newSignInSecrets, type ProviderClaims, type SignInSecrets } from './oidc.ts';
import { deleteExpiredLogins, findSettings, findSsoOrgForDomain, insertLogin, listDomains, takeLogin, type SettingsRow } from './sso.repo.ts';
import { ssoRedirectUri } from './sso-settings.service.ts';

const attemptMinutes = 10;

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

const notSetUp = () =>
  new AppError('validation_failed', "Single sign-on is not set up for this e-mail address. Sign in with your password instead, or ask your organisation's owner.", [
    { path: 'email', message: 'has no single sign-on' },
  ]);

const unavailable = () => new AppError('unavailable', "Your organisation's single sign-on could not be reached just now. Try again in a few minutes, or ask your organisation's owner.");

const startAgain = (why: string) => new AppError('bad_request', `${why} Start again from the sign-in page.`);

/** The organisation's provider settings, read in its scope (the domain lookup said which organisation). */
async function settingsOf(ctx: TxCtx, orgId: string): Promise<SettingsRow | undefined> {
  await ctx.setScope({ orgId, userId: null });
  return findSettings(ctx.tx, orgId);
}

function providerOf(ctx: { deps: StepsCtx['deps'] }, row: SettingsRow) {
  return { issuer: row.issuer, clientId: row.client_id, clientSecret: decrypt(ctx.deps.keys.encryption, row.client_secret_enc) };
}

/**
 * Starts signing in with an organisation's single sign-on, found by the domain of the address typed.
 * The answer depends on the domain only, never on whether the address has an account. The PKCE
 * verifier, state and nonce are kept server-side for ten minutes (only the state's hash as the key),
 * and the browser is sent to the provider.
 */
export async function startSsoSignIn(ctx: StepsCtx, email: string): Promise<{ redirectUrl: string }> {
  const found = await ctx.transaction(async (tx) => {
    tx.skipAudit('only reads which provider to use');
    const orgId = await findSsoOrgForDomain(tx.tx, domainOf(email));
    const row = orgId ? await settingsOf(tx, orgId) : undefined;
    return orgId && row ? { orgId, row } : null;
  });
  if (!found) throw notSetUp();
  const secrets = newSignInSecrets();
  let redirectUrl: string;
  try {
    const config = await discover(providerOf(ctx, found.row));
    redirectUrl = await authorisationUrl(config, { redirectUri: ssoRedirectUri(ctx.deps.config.publicUrl), secrets, loginHint: email });
  } catch (error) {
    ctx.log.warn({ err: error, orgId: found.orgId }, 'single sign-on provider unreachable');
    throw unavailable();
  }
  await ctx.transaction(async (tx) => {
    tx.skipAudit('a sign-in in progress; it is recorded when the person comes back signed in');
    await deleteExpiredLogins(tx.tx, tx.now);
    await insertLogin(tx.tx, {
      state_hash: sha256Hex(secrets.state),
      org_id: found.orgId,
      code_verifier_enc: encrypt(ctx.deps.keys.encryption, secrets.codeVerifier),
      nonce: secrets.nonce,
      created_at: tx.now,
      expires_at: new Date(tx.now.getTime() + attemptMinutes * 60_000),
    });
  });
  return { redirectUrl };
}

/** Takes the attempt (once) and the organisation's provider settings. */
async function takeAttempt(ctx: StepsCtx, state: string): Promise<{ orgId: string; row: SettingsRow; secrets: SignInSecrets }> {
  const taken = await ctx.transaction(async (tx) => {
    tx.skipAudit('a sign-in attempt is used up; the sign-in is recorded when it completes');
    const login = await takeLogin(tx.tx, sha256Hex(state), tx.now);
    if (!login) return null;
    const row = await settingsOf(tx, login.org_id);
    return row ? { orgId: login.org_id, row, secrets: { state, nonce: login.nonce, codeVerifier: decrypt(ctx.deps.keys.encryption, login.code_verifier_enc) } } : null;
  });
  if (!taken) throw startAgain('This sign-in has expired or was already used.');
  return taken;
}

/** What the provider vouched for, checked: a confirmed address at one of the organisation's domains. */
function checkedAddress(claims: ProviderClaims, domains: string[]): string {
  if (!claims.email) throw startAgain('Your single sign-on did not tell Custodian your e-mail address.');
  if (!claims.isEmailVerified) throw startAgain('Your single sign-on has not confirmed your e-mail address. Confirm it with your provider first.');
  if (!domains.includes(domainOf(claims.email))) throw startAgain(`Your organisation's single sign-on does not cover addresses at ${domainOf(claims.email)}.`);
  return claims.email;
}

function plainName(claims: ProviderClaims, email: string): string {
  const name = (claims.name ?? '').replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
  return name || email.slice(0, email.indexOf('@'));
}

/**
 * Finishes signing in with what the provider sent back: the attempt is used once, the code exchanged
 * (state, PKCE, nonce and the ID token checked), the address must be confirmed by the provider and at
 * one of the organisation's domains. The person is found by address or, with just-in-time membership
 * on, created (confirmed address, no usable password) and added in the default role; otherwise refused.
 * The new session names the organisation whose single sign-on it came through.
 */
export async function completeSsoSignIn(ctx: StepsCtx, input: z.output<typeof ssoCompleteBody>): Promise<{ status: 'signed_in'; grant: SessionGrant }> {
  const attempt = await takeAttempt(ctx, input.state);
  const callback = new URL(ssoRedirectUri(ctx.deps.config.publicUrl));
  callback.search = new URLSearchParams({ code: input.code, state: input.state, ...(input.iss ? { iss: input.iss } : {}) }).toString();
  let claims: ProviderClaims;
  try {
    claims = await exchangeCode(await discover(providerOf(ctx, attempt.row)), callback, attempt.secrets);
  } catch (error) {
    ctx.log.warn({ err: error, orgId: attempt.orgId }, 'single sign-on code exchange failed');
    throw startAgain("Your organisation's single sign-on did not confirm who you are.");
  }
  const { orgId, row } = attempt;
  const found = await ctx.transaction(async (tx) => {
    tx.skipAudit('only reads who is signing in');
    await tx.setScope({ orgId, userId: null });
    const email = checkedAddress(claims, (await listDomains(tx.tx, orgId)).map((d) => d.domain));
    return { email, person: await findPersonByEmail(tx, email) };
  });
  if (found.person && !found.person.isConfirmed) {
    throw startAgain('A Custodian account with this address has not been confirmed yet. Open the confirmation link we e-mailed, then try again.');
  }
  if (!found.person && !row.is_jit_enabled) throw startAgain("You don't have a Custodian account in this organisation yet. Ask its owner to invite you.");
  const passwordHash = found.person ? null : await unusablePasswordHash();
  const grant = await ctx.transaction(async (tx) => {
    const person: SsoPerson = found.person ?? (await createSsoAccount(tx, { orgId, name: plainName(claims, found.email), email: found.email, passwordHash: passwordHash ?? '' }));
    await tx.setScope({ orgId, userId: person.id });
    if (!(await findOwnMembership(tx, person.id, orgId))) {
      if (!row.is_jit_enabled) throw startAgain("You aren't a member of this organisation on Custodian. Ask its owner to invite you.");
      await joinBySso(tx, { orgId, user: person, role: row.jit_role as Role, isNewAccount: found.person === null });
    }
    const started = await startSession(tx, { userId: person.id, orgId, isMfaPending: false, replacesIdHash: ctx.auth.session?.idHash ?? null, ssoOrgId: orgId });
    await recordSignIn(tx, orgId, person, 'sso');
    return started;
  });
  return { status: 'signed_in', grant };
}
