import type { AuthenticationResponse } from '@custodian/shared/contracts/passkeys.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { StepsCtx, TxCtx } from '../../core/ctx.ts';
import { claimChallenge, findOwnPasskeyByCredential, findPasskeyForSignIn, insertChallenge, markPasskeyUsed, type ChallengePurpose } from './passkey.repo.ts';
import { challengeHash, challengeMinutes, challengeOf, verifyPasskeyAssertion } from './webauthn.ts';

/** Whose challenge it is: a person and their session, or (passwordless sign-in) nobody yet. */
export interface ChallengeOwner {
  purpose: ChallengePurpose;
  userId: string | null;
  sessionIdHash: string | null;
}

/** Stores a challenge just handed to the browser (its hash), single use, for a few minutes. */
export async function issuePasskeyChallenge(ctx: TxCtx, challenge: string, owner: ChallengeOwner): Promise<void> {
  await insertChallenge(ctx.tx, {
    challenge_hash: challengeHash(challenge),
    purpose: owner.purpose,
    user_id: owner.userId,
    session_id_hash: owner.sessionIdHash,
    created_at: ctx.now,
    expires_at: new Date(ctx.now.getTime() + challengeMinutes * 60_000),
  });
}

/** Uses a challenge up in a transaction of its own (so a failed answer spends it too); throws when it cannot be used. */
export async function spendChallenge(ctx: StepsCtx, challenge: string, owner: ChallengeOwner): Promise<void> {
  const claimed = await ctx.transaction((tx) => claimChallenge(tx.tx, { challengeHash: challengeHash(challenge), purpose: owner.purpose, sessionIdHash: owner.sessionIdHash, now: tx.now }));
  if (!claimed || claimed.user_id !== owner.userId) {
    throw new AppError('bad_request', 'This passkey request has expired or was already used. Try again.');
  }
}

export interface UsedPasskey {
  passkeyId: string;
  userId: string;
  /** Records the use (new signature counter, last used) in the caller's transaction. */
  markUsed: (tx: TxCtx) => Promise<void>;
}

/**
 * Checks a passkey's answer to a challenge: the challenge is spent first (once, even if the answer then
 * fails), the passkey found (the person's own, or for a passwordless sign-in through the one lookup
 * that runs before anyone is known), and its signature checked with user verification required.
 */
export async function usePasskey(ctx: StepsCtx, response: AuthenticationResponse, owner: ChallengeOwner): Promise<UsedPasskey> {
  const challenge = challengeOf(response);
  await spendChallenge(ctx, challenge, owner);
  const stored = await ctx.transaction(async (tx) => {
    if (owner.userId === null) {
      const found = await findPasskeyForSignIn(tx.tx, response.id);
      return found ? { id: found.passkey_id, user_id: found.user_id, credential_id: response.id, public_key: found.public_key, counter: found.counter, transports: found.transports } : undefined;
    }
    return findOwnPasskeyByCredential(tx.tx, owner.userId, response.id);
  });
  if (!stored) throw new AppError('invalid_credentials', 'This passkey is not registered with Custodian for your account. Try another passkey, or sign in with your password.');
  const verified = await verifyPasskeyAssertion(ctx.deps.config, response, challenge, stored);
  if (!verified) throw new AppError('invalid_credentials', 'The passkey could not be confirmed. Try again.');
  return {
    passkeyId: stored.id,
    userId: stored.user_id,
    markUsed: (tx) => markPasskeyUsed(tx.tx, stored.id, verified.newCounter, tx.now),
  };
}
