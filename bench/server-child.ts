/**
 * The server as `npm start` runs it (same config parsing, same bootServer), plus two routes outside
 * /api/v1 for the benchmark: a trivial one (the baseline for framework cost) and the process's memory.
 */
import { bootServer } from '../apps/server/src/boot.ts';
import { parseConfig } from '../apps/server/src/config.ts';

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`bench server cannot start:\n${parsed.errors.join('\n')}\n`);
  process.exit(2);
}
const server = await bootServer(parsed.config);
server.app.get('/bench/noop', async () => ({ ok: true }));
server.app.get('/bench/memory', async () => {
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external };
});
await server.app.listen({ port: parsed.config.port, host: parsed.config.host });
let isClosing = false;
process.on('SIGTERM', () => {
  if (isClosing) return;
  isClosing = true;
  void server.close().then(() => process.exit(0));
});
