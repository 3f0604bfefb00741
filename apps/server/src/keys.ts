import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveKey, randomToken } from './lib/crypto.ts';

/**
 * The server secret: CUSTODIAN_SECRET when set, otherwise one generated on first start and kept in the
 * data directory (readable by the owner only). Encryption and CSRF keys are derived from it.
 */
export function loadKeys(secret: string | null, dataDir: string): { encryption: Buffer; csrf: Buffer } {
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
  return { encryption: deriveKey(value, 'custodian:encryption:v1'), csrf: deriveKey(value, 'custodian:csrf:v1') };
}
