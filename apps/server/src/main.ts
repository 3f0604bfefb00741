import { parseConfig } from './config.ts';
import { bootServer } from './boot.ts';

const parsed = parseConfig(process.env, process.argv.slice(2));
if (!parsed.ok) {
  process.stderr.write(`Custodian cannot start; fix these settings:\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(2);
}
const { config } = parsed;

try {
  const server = await bootServer(config);
  await server.app.listen({ port: config.port, host: config.host });
  const log = server.app.log;
  log.info({ database: server.deps.database.kind, migrationVersion: server.migrationVersion, catalogue: server.deps.catalogue.catalogue.version }, 'Custodian started');
  process.stdout.write(`\nCustodian is running at ${config.publicUrl} (press Ctrl+C to stop)\n`);
  if (server.demo) {
    process.stdout.write(`Demo organisation: ${server.demo.organisation}\n  sign in as ${server.demo.email} with password ${server.demo.password}\n  (also saved in ${server.demo.savedTo})\n\n`);
  }
  let isClosing = false;
  const shutdown = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
} catch (error) {
  process.stderr.write(`Custodian could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
