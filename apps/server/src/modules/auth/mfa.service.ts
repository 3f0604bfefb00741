import { randomBytes } from 'node:crypto';
import type { AuditAction } from '@custodian/shared/domain/audit-wording.ts';
import { AppError } from '@custodian/shared/errors.ts';
import { sessionCtx, type SessionCtx, type StepsCtx, type TxCtx } from '../../core/ctx.ts';
import { decrypt, encrypt, sha256Hex } from '../../lib/crypto.ts';
import { consumeRecoveryCode, enableMfa, findOwnCredentials, findUserById, replaceRecoveryCodes, updateUser, useTotpStep } from './auth.repo.ts';
import { countFailure, lockedError, recordForPerson, recordSignIn } from './auth.service.ts';
import { listMembershipsOfUser } from '../org/org.service.ts';
import { clearTotp, hasPasskey, lockUserFactors, syncMfaEnabled } from './passkey.repo.ts';
import { startSession, type SessionGrant } from './session.service.ts';
import { requireRecentStepUp } from './step-up.service.ts';
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

async function auditInCurrentOrg(ctx: SessionCtx, action: AuditAction): Promise<void> {
  const actor = ctx.auth.actor;
  if (!actor) {
    ctx.skipAudit('the person is not working in an organisation whose trail could record it');
    return;
  }
  await ctx.recordAudit({ orgId: actor.orgId, userId: actor.userId, label: actor.userLabel }, { action, entity: { type: 'user', id: actor.userId } });
}

/** Starts TOTP enrolment: a new secret, kept encrypted and pending until a code confirms it. */
export async function setUpMfa(ctx: SessionCtx): Promise<{ secret: string; account: string }> {
  await requireRecentStepUp(ctx);
  if ((await findOwnCredentials(ctx.tx))?.totp_secret_enc) throw new AppError('conflict', 'The authenticator app is already set up for your account.');
  const secret = newTotpSecret();
  await updateUser(ctx.tx, ctx.user.id, { totp_pending_secret_enc: encrypt(ctx.deps.keys.encryption, secret) });
  ctx.skipAudit('an enrolment in progress changes nothing until a code confirms it');
  return { secret, account: ctx.user.email };
}

/** The enrolment reply: the secret, its otpauth address and a QR code (drawn after the transaction). */
export async function renderMfaEnrolment(started: { secret: string; account: string }) {
  return { secret: started.secret, ...(await totpEnrolment(started.secret, started.account)) };
}

async function issueRecoveryCodes(ctx: TxCtx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: 10 }, newRecoveryCode);
  await replaceRecoveryCodes(
    ctx.tx,
    userId,
    codes.map((c) => sha256Hex(normaliseRecoveryCode(c))),
  );
  return codes;
}

/** Confirms enrolment with a first code; turns MFA on and returns ten single-use recovery codes. */
export async function confirmMfa(ctx: SessionCtx, code: string): Promise<{ recoveryCodes: string[] }> {
  await requireRecentStepUp(ctx);
  const pending = (await findOwnCredentials(ctx.tx))?.totp_pending_secret_enc;
  if (!pending) throw new AppError('conflict', 'Start the set-up again: no authenticator app is waiting to be confirmed.');
  const secret = decrypt(ctx.deps.keys.encryption, pending);
  const step = await checkTotp(secret, code, null, ctx.now);
  if (step === null)
    throw new AppError('validation_failed', 'That code is not right. Check the time on your phone and enter the current code.', [
      { path: 'code', message: 'is not the current code' },
    ]);
  const user = ctx.user;
  if (!(await enableMfa(ctx.tx, user.id, pending, step, ctx.now))) {
    throw new AppError(
      'conflict',
      'Two-factor authentication was just turned on from another window. Use the recovery codes shown there, or replace them under Account security.',
    );
  }
  const recoveryCodes = await issueRecoveryCodes(ctx, user.id);
  await auditInCurrentOrg(ctx, 'user.mfa_enabled');
  return { recoveryCodes };
}

/** Checks a TOTP code and uses it up (no replay); false when the code is wrong. */
async function useTotp(ctx: TxCtx, userId: string, code: string): Promise<boolean> {
  const user = await findUserById(ctx.tx, userId);
  const secretEnc = user ? (await findOwnCredentials(ctx.tx))?.totp_secret_enc : null;
  if (!user || !secretEnc) throw new AppError('conflict', 'Two-factor authentication is not on for this account.');
  const lastStep = user.totp_last_step === null ? null : Number(user.totp_last_step);
  const step = await checkTotp(decrypt(ctx.deps.keys.encryption, secretEnc), code, lastStep, ctx.now);
  return step !== null && (await useTotpStep(ctx.tx, userId, step));
}

const wrongCode = () => new AppError('invalid_credentials', 'That code is not right. Enter the current 6-digit code from your authenticator app.');

/** Replaces the recovery codes; needs a current authenticator code (a wrong one counts as a failure). */
export async function regenerateRecoveryCodes(ctx: StepsCtx, code: string): Promise<{ recoveryCodes: string[] }> {
  const codes = await ctx.transaction(async (tx) => {
    const signedIn = sessionCtx(tx);
    await requireRecentStepUp(signedIn);
    if (!(await useTotp(tx, signedIn.user.id, code))) return null;
    const issued = await issueRecoveryCodes(tx, signedIn.user.id);
    await auditInCurrentOrg(signedIn, 'user.recovery_codes_regenerated');
    return issued;
  });
  if (codes) return { recoveryCodes: codes };
  const userId = ctx.auth.user?.id ?? '';
  throw (await ctx.transaction((tx) => countFailure(tx, userId))) ?? wrongCode();
}

/**
 * Turns the authenticator app off (after a recent step-up): its secret and the recovery codes are
 * forgotten. Refused when it is the person's only second factor and an organisation of theirs requires
 * two-step verification; with no passkey left either, two-step verification is off.
 */
export async function disableMfa(ctx: SessionCtx): Promise<void> {
  await requireRecentStepUp(ctx);
  await lockUserFactors(ctx.tx, ctx.user.id);
  if (!(await hasPasskey(ctx.tx, ctx.user.id))) {
    const requiring = (await listMembershipsOfUser(ctx.tx, ctx.user.id)).find((m) => m.is_mfa_required);
    if (requiring) {
      throw new AppError('conflict', `${requiring.name} requires two-step verification, and the authenticator app is your only second step. Add a passkey first, then turn the app off.`);
    }
  }
  if (!(await clearTotp(ctx.tx, ctx.user.id))) throw new AppError('conflict', 'The authenticator app is not set up for your account.');
  await syncMfaEnabled(ctx.tx, ctx.user.id, ctx.now);
  await recordForPerson(ctx, ctx.user, 'user.mfa_disabled');
}

/**
 * The second step of sign-in: a TOTP code or an unused recovery code. Success starts a new session
 * (a new id, so nothing issued before MFA survives it); a wrong code counts towards the lockout.
 */
export async function completeMfaChallenge(
  ctx: StepsCtx,
  input: { code?: string | undefined; recoveryCode?: string | undefined },
): Promise<{ status: 'signed_in'; grant: SessionGrant }> {
  const session = ctx.auth.session;
  const user = ctx.auth.user;
  if (!session?.isMfaPending || !user) throw new AppError('unauthenticated', 'Sign in with your password first.');
  if (!input.code && !input.recoveryCode) {
    throw new AppError('validation_failed', 'Enter the code from your authenticator app or a recovery code.', [{ path: 'code', message: 'is required' }]);
  }
  const grant = await ctx.transaction(async (tx) => {
    const account = await findUserById(tx.tx, user.id);
    const locked = account ? lockedError(account, tx.now) : null;
    if (locked) throw locked;
    const method = input.code ? 'totp' : 'recovery_code';
    const isValid = input.code
      ? await useTotp(tx, user.id, input.code)
      : (await consumeRecoveryCode(tx.tx, user.id, sha256Hex(normaliseRecoveryCode(input.recoveryCode ?? '')), tx.now)) !== undefined;
    if (!isValid) return null;
    const started = await startSession(tx, { userId: user.id, orgId: session.orgId, isMfaPending: false, replacesIdHash: session.idHash });
    if (session.orgId) await recordSignIn(tx, session.orgId, user, method);
    else tx.skipAudit('a person with no organisation signed in');
    return started;
  });
  if (grant) return { status: 'signed_in', grant };
  const failure = await ctx.transaction((tx) => countFailure(tx, user.id));
  throw failure ?? (input.code ? wrongCode() : new AppError('invalid_credentials', 'That recovery code is not right or was already used.'));
}
