/**
 * Custodian's command line: maintenance commands that run against the configured database (the same
 * settings as the server). With the embedded database, stop the server first: the data directory
 * admits one process at a time.
 *
 *   npm run cli -- verify-audit        verify every organisation's audit-trail hash chain
 */
import { parseConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/boot.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { verifyAllAuditChains } from '../server/src/modules/audit-log/audit-log.service.ts';

const commands: Record<string, { summary: string; run: (args: string[]) => Promise<number> }> = {
  'verify-audit': {
    summary: "Verify every organisation's audit-trail hash chain; exits 1 if any chain is broken.",
    run: async () => {
      const parsed = parseConfig(process.env);
      if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
      const { database, release } = await openDatabase(parsed.config);
      try {
        await migrate(database.db);
        const results = await verifyAllAuditChains(database.db);
        for (const r of results) {
          process.stdout.write(`${r.isValid ? 'OK    ' : 'BROKEN'} ${r.name} (${r.orgId}): ${r.checked} events checked\n`);
          for (const p of r.problems) process.stdout.write(`         event ${p.seq}: ${p.problem}\n`);
        }
        process.stdout.write(`${results.filter((r) => r.isValid).length} of ${results.length} organisations have an intact audit trail\n`);
        return results.every((r) => r.isValid) ? 0 : 1;
      } finally {
        await database.close();
        release();
      }
    },
  },
};

const [name, ...rest] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  process.stdout.write(`Usage: npm run cli -- <command>\n\n${Object.entries(commands).map(([n, c]) => `  ${n.padEnd(16)} ${c.summary}`).join('\n')}\n`);
  process.exit(name ? 2 : 0);
}
try {
  process.exit(await command.run(rest));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
