import { AppError } from '@custodian/shared/errors.ts';
import type { TxCtx } from '../../core/ctx.ts';
import { randomToken } from '../../lib/crypto.ts';
import { newId } from '../../lib/ids.ts';
import { findAddressHolder, insertUser } from './auth.repo.ts';
import { hashPassword } from './password-policy.ts';

/** A person as single sign-on needs them. */
export interface SsoPerson {
  id: string;
  name: string;
  email: string;
  isConfirmed: boolean;
}

/**
 * The person with this e-mail address, before anyone is known (the provider vouched for the address).
 * Goes through auth.repo's one pre-authentication lookup by e-mail.
 */
export async function findPersonByEmail(ctx: TxCtx, email: string): Promise<SsoPerson | null> {
  const user = await findAddressHolder(ctx.tx, email);
  return user ? { id: user.id, name: user.name, email: user.email, isConfirmed: user.email_verified_at !== null } : null;
}

/**
 * A password hash nobody can sign in with: the argon2 hash of 32 random bytes that are never kept. An
 * account made through single sign-on has no password until its person sets one with "Forgot your
 * password?". Slow (argon2): call it outside a transaction.
 */
export async function unusablePasswordHash(): Promise<string> {
  return hashPassword(randomToken(32));
}

/**
 * Creates the account of a person who arrived through single sign-on: the provider confirmed the
 * address, so it is confirmed here too, with no usable password. A parallel sign-in that created the
 * same person first gets a conflict (the person tries again and is found). Leaves the transaction
 * scoped to the organisation and the new person.
 */
export async function createSsoAccount(ctx: TxCtx, input: { orgId: string; name: string; email: string; passwordHash: string }): Promise<SsoPerson> {
  const id = newId(ctx.now.getTime());
  await ctx.setScope({ orgId: input.orgId, userId: id });
  const isCreated = await insertUser(ctx.tx, { id, email: input.email, name: input.name, password_hash: input.passwordHash, email_verified_at: ctx.now, created_at: ctx.now });
  if (!isCreated) throw new AppError('conflict', 'Your account was being set up by another sign-in at the same moment. Sign in again.');
  return { id, name: input.name, email: input.email, isConfirmed: true };
}
