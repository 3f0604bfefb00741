/**
 * The README's first command on this machine's Node: the built web app served by the server started
 * as `npm start` starts it (apps/server/src/main.ts on a new embedded data directory), answering its
 * health check, its web page and a refused API call in the error envelope. CI runs it on the machine's
 * older Node beside the unit tier; the Node 24 pass runs the whole suite. Prints "N passed, N failed".
 */
import { startServerProcess } from '../e2e/support/server-process.ts';

const checks: Array<{ name: string; run: (url: string) => Promise<void> }> = [
  {
    name: 'the health check answers 200',
    run: async (url) => {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.status !== 200) throw new Error(`status ${response.status}`);
    },
  },
  {
    name: 'the web app is served with its strict content security policy',
    run: async (url) => {
      const response = await fetch(`${url}/`);
      const page = await response.text();
      if (response.status !== 200 || !page.includes('<div id="root">')) throw new Error(`status ${response.status}, page without the app's root`);
      if (!(response.headers.get('content-security-policy') ?? '').includes("script-src 'self'")) throw new Error('no strict content security policy');
    },
  },
  {
    name: 'an API call without a session is refused in the error envelope',
    run: async (url) => {
      const response = await fetch(`${url}/api/v1/risks`);
      const body = (await response.json()) as { error?: { code?: string } };
      if (response.status !== 401 || typeof body.error?.code !== 'string') throw new Error(`status ${response.status}, body ${JSON.stringify(body)}`);
    },
  },
];

const server = await startServerProcess({});
let passed = 0;
let failed = 0;
try {
  for (const check of checks) {
    try {
      await check.run(server.url);
      passed += 1;
      process.stdout.write(`✓ ${check.name}\n`);
    } catch (error) {
      failed += 1;
      process.stdout.write(`✗ ${check.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
} finally {
  await server.stop();
}
process.stdout.write(`start smoke on Node ${process.version}: ${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
