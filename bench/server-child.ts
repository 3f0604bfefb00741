/**
 * The server as `npm start` runs it (same config parsing, same bootServer), plus three routes for the
 * benchmark: a trivial one outside /api/v1 (the framework floor, no session, no database), the
 * process's memory, and a contract-bound signed-in route that does nothing (GET /api/v1/bench/signed-in:
 * cookie, the request's one transaction with the resolve statement, reply), the floor of every
 * signed-in request.
 */
import { z } from 'zod';
import { apiRoute } from '@custodian/shared/contracts/api-route.ts';
import { bootServer } from '../apps/server/src/boot.ts';
import { parseConfig } from '../apps/server/src/config.ts';
import { defineRoute } from '../apps/server/src/http/route-kit.ts';

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  process.stderr.write(`bench server cannot start:\n${parsed.errors.join('\n')}\n`);
  process.exit(2);
}
const signedIn = apiRoute({
  method: 'GET',
  path: '/bench/signed-in',
  access: 'session',
  tag: 'bench',
  summary: 'Benchmark only: a signed-in request that does nothing',
  reply: z.object({ ok: z.literal(true) }),
});
const server = await bootServer(parsed.config, { extraRoutes: [defineRoute(signedIn, { handler: async () => ({ ok: true as const }) })] });
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
