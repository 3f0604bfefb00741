import type { PasskeySummary, passkeyListQuery, passkeyRegisterBody, passkeyRenameBody } from '@custodian/shared/contracts/passkeys.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import { sessionCtx, type SessionCtx, type StepsCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { pageArray, tupleComparer } from '../../lib/list-array.ts';
import { recordForPerson } from './auth.service.ts';
import { issuePasskeyChallenge, spendChallenge } from './passkey-assertion.ts';
import { deletePasskey, findOwnPasskey, insertPasskey, listPasskeys, lockUserFactors, renamePasskey, syncMfaEnabled, type PasskeyRow } from './passkey.repo.ts';
import { requireRecentStepUp } from './step-up.service.ts';
import { challengeOf, registrationOptions, verifyNewPasskey } from './webauthn.ts';

/** More than enough for a phone, a laptop and a security key or two. */
const maxPasskeys = 20;
const byKey = tupleComparer([null, null]);

function toSummary(row: PasskeyRow): PasskeySummary {
  return {
    id: row.id,
    name: row.name,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
    version: row.version,
  };
}

const notFound = () => new AppError('not_found', 'That passkey was not found. It may have been removed already.');

/** The signed-in person's passkeys (a page of them), oldest first. */
export async function listOwnPasskeys(ctx: SessionCtx, query: z.output<typeof passkeyListQuery>): Promise<ListReply<PasskeySummary>> {
  const items = (await listPasskeys(ctx.tx, ctx.user.id)).map(toSummary);
  return pageArray(items, { keyOf: (p) => [p.createdAt, p.id], compareKeys: byKey, sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor });
}

/** Starts adding a passkey (after a recent step-up): options for the browser, the challenge tied to this session. */
export async function startPasskeyRegistration(ctx: SessionCtx) {
  await requireRecentStepUp(ctx);
  const existing = await listPasskeys(ctx.tx, ctx.user.id);
  if (existing.length >= maxPasskeys) throw new AppError('conflict', `You already have ${maxPasskeys} passkeys. Remove one you no longer use first.`);
  const options = await registrationOptions(ctx.deps.config, ctx.user, existing);
  await issuePasskeyChallenge(ctx, options.challenge, { purpose: 'register', userId: ctx.user.id, sessionIdHash: ctx.session.idHash });
  return options;
}

/**
 * Adds a passkey: the registration challenge of this session is spent (once, even if the answer then
 * fails), the attestation checked (user verification required), and the passkey stored under the name
 * the person gave. From now on it counts as two-step verification.
 */
export async function registerPasskey(ctx: StepsCtx, input: z.output<typeof passkeyRegisterBody>): Promise<PasskeySummary> {
  const { session, user } = ctx.auth;
  if (!session || !user || session.isMfaPending) throw new AppError('unauthenticated', 'Sign in first.');
  const challenge = challengeOf(input.response);
  await ctx.transaction((tx) => requireRecentStepUp(tx));
  await spendChallenge(ctx, challenge, { purpose: 'register', userId: user.id, sessionIdHash: session.idHash });
  const verified = await verifyNewPasskey(ctx.deps.config, input.response, challenge);
  if (!verified) throw new AppError('bad_request', 'The new passkey could not be checked. Try adding it again.');
  return ctx.transaction(async (tx) => {
    const me = sessionCtx(tx);
    await lockUserFactors(tx.tx, user.id);
    const row = { id: newId(tx.now.getTime()), user_id: user.id, credential_id: verified.credentialId, public_key: verified.publicKey, counter: verified.counter, transports: verified.transports, name: input.name, created_at: tx.now };
    if (!(await insertPasskey(tx.tx, row))) throw new AppError('conflict', 'This passkey is already registered with Custodian.');
    await syncMfaEnabled(tx.tx, user.id, tx.now);
    await recordForPerson(me, user, 'user.passkey_added', { name: input.name });
    return toSummary({ ...row, counter: String(row.counter), version: 1, last_used_at: null });
  });
}

/** Renames one of the person's passkeys, if nobody renamed it since `version` was read (else 409 with the current one). */
export async function renameOwnPasskey(ctx: SessionCtx, id: string, input: z.output<typeof passkeyRenameBody>): Promise<PasskeySummary> {
  const current = await findOwnPasskey(ctx.tx, ctx.user.id, id);
  if (!current) throw notFound();
  const renamed = await renamePasskey(ctx.tx, ctx.user.id, id, input.name, input.version);
  if (!renamed) {
    const latest = (await findOwnPasskey(ctx.tx, ctx.user.id, id)) ?? current;
    throw new AppError('edit_conflict', `This passkey was renamed to “${latest.name}” after you opened the list. Check the name, then rename it again.`, { current: toSummary(latest) });
  }
  await recordForPerson(ctx, ctx.user, 'user.passkey_renamed', { name: renamed.name }, { name: current.name });
  return toSummary(renamed);
}

/** Removes one of the person's passkeys (after a recent step-up); without any second factor left, two-step verification is off. */
export async function removeOwnPasskey(ctx: SessionCtx, id: string): Promise<void> {
  await requireRecentStepUp(ctx);
  await lockUserFactors(ctx.tx, ctx.user.id);
  const removed = await deletePasskey(ctx.tx, ctx.user.id, id);
  if (!removed) throw notFound();
  await syncMfaEnabled(ctx.tx, ctx.user.id, ctx.now);
  await recordForPerson(ctx, ctx.user, 'user.passkey_removed', null, { name: removed.name });
}
