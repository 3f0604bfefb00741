import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { AppError } from '@custodian/shared/errors.ts';
import { withOrg, withUser } from '../../db/with-org.ts';
import { decrypt, encrypt, sha256Hex } from '../../lib/crypto.ts';
import type { AuthState, BaseCtx } from '../../http/context.ts';
import { recordAudit } from '../audit-log/audit-log.service.ts';
import { consumeRecoveryCode, findUserById, replaceRecoveryCodes, updateUser } from './auth.repo.ts';
import { countFailure, recordSignIn } from './auth.service.ts';
import { startSession } from './session.service.ts';
import { checkTotp, newTotpSecret, totpEnrolment } from './totp.ts';

const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => recoveryAlphabet[b % recoveryAlphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function requireSignedIn(auth: AuthState): { userId: string } {
  if (!auth.session || auth.session.isMfaPending || !auth.user) throw new AppError('unauthenticated', 'Sign in first.');
  return { userId: auth.user.id };
}

async function auditInCurrentOrg(ctx: BaseCtx, auth: AuthState, action: string): Promise<void> {
  const orgId = auth.session?.orgId;
  const user = auth.user;
  if (!orgId || !user) return;
  await withOrg(ctx.deps.database.db, { orgId, userId: user.id }, (trx) =>
    recordAudit(trx, { orgId, userId: user.id, label: `${user.name} <${user.email}>`, requestId: ctx.requestId, at: ctx.deps.clock() }, { action, entityType: 'user', entityId: user.id }),
  );
}

/** Starts TOTP enrolment: a new secret, kept encrypted and pending until a code confirms it. */
export async function setUpMfa(ctx: BaseCtx, auth: AuthState) {
  const { userId } = requireSignedIn(auth);
  if (auth.user?.hasMfa) throw new AppError('conflict', 'Two-factor authentication is already on for your account.');
  const secret = newTotpSecret();
  await withUser(ctx.deps.database.db, userId, (trx) => updateUser(trx, userId, { totp_pending_secret_enc: encrypt(ctx.deps.keys.encryption, secret) }));
  return { secret, ...(await totpEnrolment(secret, auth.user?.email ?? 'account')) };
}

async function issueRecoveryCodes(ctx: BaseCtx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: 10 }, newRecoveryCode);
  await withUser(ctx.deps.database.db, userId, (trx) => replaceRecoveryCodes(trx, userId, codes.map((c) => sha256Hex(normaliseRecoveryCode(c)))));
  return codes;
}

/** Confirms enrolment with a first code; turns MFA on and returns ten single-use recovery codes. */
export async function confirmMfa(ctx: BaseCtx, auth: AuthState, code: string): Promise<{ recoveryCodes: string[] }> {
  const { userId } = requireSignedIn(auth);
  const now = ctx.deps.clock();
  await withUser(ctx.deps.database.db, userId, async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user?.totp_pending_secret_enc) throw new AppError('conflict', 'Start the set-up again: no authenticator app is waiting to be confirmed.');
    const secret = decrypt(ctx.deps.keys.encryption, user.totp_pending_secret_enc);
    const step = await checkTotp(secret, code, null, now);
    if (step === null) throw new AppError('validation_failed', 'That code is not right. Check the time on your phone and enter the current code.', [{ path: 'code', message: 'is not the current code' }]);
    await updateUser(trx, userId, { totp_secret_enc: user.totp_pending_secret_enc, totp_pending_secret_enc: null, mfa_enabled_at: now, totp_last_step: String(step) });
  });
  const recoveryCodes = await issueRecoveryCodes(ctx, userId);
  await auditInCurrentOrg(ctx, auth, 'user.mfa_enabled');
  return { recoveryCodes };
}

/** Replaces the recovery codes; needs a current authenticator code. */
export async function regenerateRecoveryCodes(ctx: BaseCtx, auth: AuthState, code: string): Promise<{ recoveryCodes: string[] }> {
  const { userId } = requireSignedIn(auth);
  await verifyTotpFor(ctx, userId, code);
  const recoveryCodes = await issueRecoveryCodes(ctx, userId);
  await auditInCurrentOrg(ctx, auth, 'user.recovery_codes_regenerated');
  return { recoveryCodes };
}

async function verifyTotpFor(ctx: BaseCtx, userId: string, code: string): Promise<void> {
  const isValid = await withUser(ctx.deps.database.db, userId, async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user?.totp_secret_enc) throw new AppError('conflict', 'Two-factor authentication is not on for this account.');
    const step = await checkTotp(decrypt(ctx.deps.keys.encryption, user.totp_secret_enc), code, user.totp_last_step === null ? null : Number(user.totp_last_step), ctx.deps.clock());
    if (step === null) return false;
    await updateUser(trx, userId, { totp_last_step: String(step), failed_logins: 0 });
    return true;
  });
  if (!isValid) {
    throw (await countFailure(ctx, userId)) ?? new AppError('invalid_credentials', 'That code is not right. Enter the current 6-digit code from your authenticator app.');
  }
}

/**
 * The second step of sign-in: a TOTP code or an unused recovery code. Success starts a new session
 * (a new id, so nothing issued before MFA survives it).
 */
export async function completeMfaChallenge(ctx: BaseCtx, reply: FastifyReply, auth: AuthState, input: { code?: string | undefined; recoveryCode?: string | undefined }) {
  const session = auth.session;
  const user = auth.user;
  if (!session?.isMfaPending || !user) throw new AppError('unauthenticated', 'Sign in with your password first.');
  const locked = await withUser(ctx.deps.database.db, user.id, (trx) => findUserById(trx, user.id));
  const now = ctx.deps.clock();
  if (locked?.locked_until && new Date(locked.locked_until) > now) throw new AppError('account_locked', 'Too many failed attempts. This account is locked for now; try again later.');
  if (input.code) {
    await verifyTotpFor(ctx, user.id, input.code);
  } else if (input.recoveryCode) {
    const used = await withUser(ctx.deps.database.db, user.id, (trx) => consumeRecoveryCode(trx, user.id, sha256Hex(normaliseRecoveryCode(input.recoveryCode ?? '')), now));
    if (!used) throw (await countFailure(ctx, user.id)) ?? new AppError('invalid_credentials', 'That recovery code is not right or was already used.');
  } else {
    throw new AppError('validation_failed', 'Enter the code from your authenticator app or a recovery code.', [{ path: 'code', message: 'is required' }]);
  }
  await withUser(ctx.deps.database.db, user.id, (trx) => startSession(trx, ctx.deps, reply, { userId: user.id, orgId: session.orgId, isMfaPending: false, replacesIdHash: session.idHash }));
  if (session.orgId) await recordSignIn(ctx, session.orgId, user, now);
  return { status: 'signed_in' as const };
}
