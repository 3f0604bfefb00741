/**
 * Custodian's command line: maintenance commands that run against the configured database (the same
 * settings as the server). With the embedded database, stop the server first: the data directory
 * admits one process at a time. On PostgreSQL, backup and export can run beside a running server.
 *
 *   npm run cli -- verify-audit [--checkpoints <dir or file>] [--org <orgId>]
 *                                                  verify audit trails against their signed checkpoints
 *   npm run cli -- backup <file>                   consistent snapshot of every table, with a SHA-256 manifest
 *   npm run cli -- restore <file>                  load a backup into an empty database, then migrate it
 *   npm run cli -- export --org <orgId> <file>     deterministic JSON of one organisation ("-" for stdout)
 *   npm run cli -- operator grant --email <address>   make a confirmed account the platform operator
 *   npm run cli -- operator revoke --email <address>  take the platform operator role away
 *
 * And against a running server, with a personal API token in CUSTODIAN_TOKEN (never a flag):
 *
 *   npm run cli -- gap list --server <url> [--status <status>] [--json]
 *   npm run cli -- gap set <itemId> <status> --server <url> [--justification <text>]
 *   npm run cli -- import --kind assets|risks --file <csv or xlsx> --server <url> [--column "<field>=<header>"]… [--dry-run]
 */
import { writeFileSync } from 'node:fs';
import { parseConfig, type Config } from '../server/src/config.ts';
import { openDatabase } from '../server/src/boot.ts';
import type { Database } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { createBackup, exportOrganisation, restoreBackup, verifyBackupFile } from '../server/src/modules/backup/backup.service.ts';
import { runGapCommand } from './gap-commands.ts';
import { runImportCommand } from './import-commands.ts';
import { runOperatorCommand } from './operator-commands.ts';
import { findServerKeys, parseVerifyArgs, reportAuditChains } from './verify-audit.ts';

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Opens the configured database (locking an embedded data directory), runs fn, always closes. */
async function withDatabase(fn: (database: Database, config: Config) => Promise<number>): Promise<number> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const { database, release } = await openDatabase(parsed.config);
  try {
    return await fn(database, parsed.config);
  } finally {
    await database.close();
    release();
  }
}

function usageError(message: string): never {
  throw Object.assign(new Error(message), { exitCode: 2 });
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

const commands: Record<string, { summary: string; run: (args: string[]) => Promise<number> }> = {
  'verify-audit': {
    summary: '[--checkpoints <dir or file>] [--org <orgId>]: verify audit trails (MACs, links, start, head) against their signed checkpoints; prints the first bad event and the check it failed; exits 1 if any is broken.',
    run: async (args) =>
      withDatabase(async (database, config) => {
        const keys = findServerKeys(config);
        if (!keys) throw new Error('No server secret: set CUSTODIAN_SECRET (or point CUSTODIAN_DATA_DIR at the data directory holding secret.key). The audit trail is authenticated with a key derived from it.');
        const { source, orgId } = parseVerifyArgs(args, config, keys);
        await migrate(database.db);
        return reportAuditChains(database, keys, source, orgId);
      }),
  },
  backup: {
    summary: 'backup <file>: every table in one consistent snapshot, gzip JSON lines with a SHA-256 manifest.',
    run: async ([file]) => {
      if (!file) usageError('Usage: backup <file>');
      return withDatabase(async (database) => {
        const summary = await createBackup(database, file);
        print(`Backed up ${summary.rows} rows of ${Object.keys(summary.tables).length} tables (schema version ${summary.schemaVersion}) to ${file}`);
        print(`  ${kib(summary.bytes)} in ${summary.ms} ms; sha256 ${summary.sha256}`);
        return 0;
      });
    },
  },
  restore: {
    summary: 'restore <file>: load a backup into an empty database (refuses a damaged file or a newer schema).',
    run: async ([file]) => {
      if (!file) usageError('Usage: restore <file>');
      // Check the whole file before opening (or creating) the target database.
      const verified = await verifyBackupFile(file);
      return withDatabase(async (database, config) => {
        const summary = await restoreBackup(database, file, verified);
        print(`Restored ${summary.rows} rows of ${Object.keys(summary.tables).length} tables from ${file} in ${summary.ms} ms`);
        print(`  backup schema version ${summary.backupSchemaVersion}; database now at ${summary.schemaVersion}`);
        print('  Two-factor secrets are encrypted with the server secret: start Custodian on this database with the same');
        print('  CUSTODIAN_SECRET (or a copy of secret.key from the old data directory), or people must use recovery codes.');
        const keys = findServerKeys(config);
        if (keys) return reportAuditChains(database, keys, { kind: 'dir', dir: config.auditCheckpointDir });
        print('  The audit trail was not verified: no server secret here yet. Run verify-audit once CUSTODIAN_SECRET is set.');
        return 0;
      });
    },
  },
  gap: {
    summary:
      'list|set … --server <url>: the gap analysis on a running server, with a personal API token in CUSTODIAN_TOKEN. `gap list [--status <s>] [--json]` prints every item; `gap set <itemId> <status> [--justification <text>]` reads the item, then saves the status with the version it read.',
    run: (args) => runGapCommand(args, process.env, print),
  },
  import: {
    summary:
      '--kind assets|risks --file <csv or xlsx> --server <url> [--column "<field>=<header>"]… [--dry-run]: add rows to the asset or risk register of a running server, with a personal API token (register:read and register:write) in CUSTODIAN_TOKEN. Prints the column each field is read from, then every problem by row (nothing is imported if there is one), then a progress bar while it saves all rows in one go.',
    run: (args) => runImportCommand(args, process.env, print),
  },
  operator: {
    summary:
      'grant|revoke --email <address>: make a confirmed account the marketplace\'s platform operator (a role outside every organisation; two-step verification required to use it), or take the role away; recorded in the platform organisation\'s audit trail.',
    run: (args) =>
      withDatabase(async (database, config) => {
        await migrate(database.db);
        return runOperatorCommand(args, database, findServerKeys(config), print);
      }),
  },
  export: {
    summary: 'export --org <orgId> <file>: one organisation as deterministic JSON ("-" writes to stdout).',
    run: async (args) => {
      const at = args.indexOf('--org');
      const orgId = at >= 0 ? args[at + 1] : undefined;
      const file = args.filter((_, i) => i !== at && i !== at + 1)[0];
      if (!orgId || !file) usageError('Usage: export --org <orgId> <file>');
      return withDatabase(async (database) => {
        const json = await exportOrganisation(database, orgId);
        if (file === '-') process.stdout.write(json);
        else {
          writeFileSync(file, json, { mode: 0o600 });
          print(`Exported organisation ${orgId} to ${file} (${kib(Buffer.byteLength(json))})`);
        }
        return 0;
      });
    },
  },
};


const [name, ...rest] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  print(`Usage: npm run cli -- <command>\n\n${Object.entries(commands).map(([n, c]) => `  ${n.padEnd(16)} ${c.summary}`).join('\n')}`);
  process.exit(name ? 2 : 0);
}
try {
  process.exit(await command.run(rest));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  const code = (error as { exitCode?: unknown }).exitCode;
  process.exit(typeof code === 'number' ? code : 1);
}
