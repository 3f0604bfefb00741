import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveKey, hkdfKey, randomToken } from './lib/crypto.ts';

/** The keys derived from the server secret, one per purpose. */
export interface ServerKeys {
  encryption: Buffer;
  csrf: Buffer;
  /** HMAC key of audit events (HKDF, its own label): without the secret the chain cannot be recomputed. */
  auditMac: Buffer;
  /** HMAC key of the audit checkpoints written outside the database. */
  auditCheckpoint: Buffer;
  /** HMAC key for e-mail addresses kept without an account (failed sign-ins), so the table is no address list. */
  addressHash: Buffer;
}

/** Derives every key from the secret (the CLI verifies with the same keys the server wrote with). */
export function deriveServerKeys(secret: string): ServerKeys {
  return {
    encryption: deriveKey(secret, 'custodian:encryption:v1'),
    csrf: deriveKey(secret, 'custodian:csrf:v1'),
    auditMac: hkdfKey(secret, 'custodian:audit-event-mac:v1'),
    auditCheckpoint: hkdfKey(secret, 'custodian:audit-checkpoint-mac:v1'),
    addressHash: hkdfKey(secret, 'custodian:address-hash:v1'),
  };
}

/**
 * The server secret: CUSTODIAN_SECRET when set, otherwise one generated on first start and kept in the
 * data directory (readable by the owner only). Every key is derived from it.
 */
export function loadKeys(secret: string | null, dataDir: string): ServerKeys {
  let value = secret;
  if (!value) {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'secret.key');
    if (!existsSync(file)) {
      writeFileSync(file, randomToken(48), { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    value = readFileSync(file, 'utf8').trim();
  }
  return deriveServerKeys(value);
}
