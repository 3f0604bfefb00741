import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/** OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane. */
/** Algorithm 2 is argon2id in @node-rs/argon2's (const enum) numbering. */
const argonOptions = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

const commonPasswords = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** A hash of a random value, checked when no account matches so a missing account takes as long. */
export const decoyHash = await hashPassword(`decoy-${Math.random()}`);

function isRepetitive(value: string): boolean {
  for (let unit = 1; unit <= value.length / 2; unit += 1) {
    if (value.length % unit === 0 && value.slice(0, unit).repeat(value.length / unit) === value) return true;
  }
  return false;
}

function isSequential(value: string): boolean {
  const codes = [...value].map((c) => c.charCodeAt(0));
  const steps = codes.slice(1).map((code, i) => code - (codes[i] ?? 0));
  return steps.every((step) => step === 1) || steps.every((step) => step === -1);
}

/**
 * NIST SP 800-63B checks beyond length: refuse passwords that are common (also with digits or symbols
 * tacked on), repetitive, sequential, or built from the person's own name or e-mail address.
 * Returns a message for the person, or null when the password is acceptable.
 */
export function findPasswordProblem(password: string, context: { email: string; name?: string }): string | null {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (commonPasswords.has(lower) || (core.length >= 4 && commonPasswords.has(core))) {
    return 'This password is too common and appears in lists of leaked passwords. Choose a longer phrase that is unique to you.';
  }
  if (isRepetitive(lower) || isSequential(lower)) {
    return 'This password is a repeated or sequential pattern. Choose a phrase that is harder to guess.';
  }
  const localPart = context.email.split('@')[0] ?? '';
  const nameParts = (context.name ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((part) => part.length >= 4);
  if ((localPart.length >= 4 && lower.includes(localPart)) || nameParts.some((part) => core === part) || lower.includes('custodian')) {
    return 'This password is based on your name, your e-mail address or the product name. Choose something others could not guess.';
  }
  return null;
}
