import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../server/src/config.ts';
import type { Database } from '../server/src/db/client.ts';
import { deriveServerKeys, type ServerKeys } from '../server/src/keys.ts';
import { parseCheckpoints } from '../server/src/modules/audit-log/audit-checkpoints.ts';
import { verifyAllAuditChains, type CheckpointSource } from '../server/src/modules/audit-log/audit-log.service.ts';

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

function usageError(message: string): never {
  throw Object.assign(new Error(message), { exitCode: 2 });
}

/** The server's keys, if its secret can be found (CUSTODIAN_SECRET, or secret.key in the data directory); never generates one. */
export function findServerKeys(config: Config): ServerKeys | null {
  if (config.secret) return deriveServerKeys(config.secret);
  const file = join(config.dataDir, 'secret.key');
  return existsSync(file) ? deriveServerKeys(readFileSync(file, 'utf8').trim()) : null;
}

/** `--checkpoints <dir or file>` and `--org <orgId>`; without --checkpoints, the configured checkpoint directory. */
export function parseVerifyArgs(args: string[], config: Config, keys: ServerKeys): { source: CheckpointSource; orgId: string | null } {
  const valueOf = (flag: string): string | null => {
    const at = args.indexOf(flag);
    if (at < 0) return null;
    const value = args[at + 1];
    if (!value || value.startsWith('--')) usageError(`Usage: verify-audit [--checkpoints <dir or file>] [--org <orgId>] (${flag} needs a value)`);
    return value;
  };
  const unknown = args.filter((a, i) => a.startsWith('--') && a !== '--checkpoints' && a !== '--org' && args[i - 1] !== '--checkpoints' && args[i - 1] !== '--org');
  if (unknown.length > 0) usageError(`Unknown option ${unknown[0]}. Usage: verify-audit [--checkpoints <dir or file>] [--org <orgId>]`);
  let orgId = valueOf('--org');
  const path = valueOf('--checkpoints');
  if (!path) return { source: { kind: 'dir', dir: config.auditCheckpointDir }, orgId };
  if (!existsSync(path)) usageError(`No checkpoint file or directory at ${path}`);
  if (statSync(path).isDirectory()) return { source: { kind: 'dir', dir: path }, orgId };
  const text = readFileSync(path, 'utf8');
  const firstOrg = /"orgId":"([0-9a-f-]{36})"/.exec(text)?.[1];
  orgId ??= firstOrg ?? null;
  if (!orgId) usageError(`${path} names no organisation; give --org <orgId>`);
  return { source: { kind: 'file', orgId, set: parseCheckpoints(keys.auditCheckpoint, orgId, text) }, orgId };
}

/**
 * Verifies the chains and prints one line per organisation, then the first bad event and the check it
 * failed, then every problem. Returns the exit code: 0 when every chain is intact, 1 otherwise.
 */
export async function reportAuditChains(database: Database, keys: ServerKeys, source: CheckpointSource, orgId: string | null = null): Promise<number> {
  const results = await verifyAllAuditChains(database.db, keys, source, orgId);
  if (orgId && results.length === 0) usageError(`No organisation with id ${orgId}`);
  for (const r of results) {
    const against = r.checkpoint ? `; checked against the signed checkpoint of ${r.checkpoint.at} (event ${r.checkpoint.seq})` : '; no signed checkpoint yet, so a trail cut short or rewritten in full cannot be detected';
    print(`${r.isValid ? 'OK    ' : 'BROKEN'} ${r.name} (${r.orgId}): ${r.checked} events checked${against}`);
    if (r.firstProblem) print(`         first bad event: ${r.firstProblem.seq} (check failed: ${r.firstProblem.check}): ${r.firstProblem.problem}`);
    for (const p of r.problems) print(`         event ${p.seq} [${p.check}]: ${p.problem}`);
  }
  print(`${results.filter((r) => r.isValid).length} of ${results.length} organisations have an intact audit trail`);
  return results.every((r) => r.isValid) ? 0 : 1;
}
