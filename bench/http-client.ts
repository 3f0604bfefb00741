import { Agent, request } from 'node:http';

/** A reply as the bench client read it. */
export interface HttpReply {
  status: number;
  body: string;
  setCookies: string[];
}

/** One GET over a keep-alive connection to the server on 127.0.0.1, reading the whole body. */
export function httpGet(port: number, path: string, options: { agent?: Agent; cookie?: string; timeoutMs?: number } = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', agent: options.agent ?? false, headers: options.cookie ? { cookie: options.cookie } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const setCookie = res.headers['set-cookie'] ?? [];
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), setCookies: setCookie });
      });
      res.on('error', reject);
    });
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** A keep-alive agent with one socket per concurrent client. */
export function keepAliveAgent(concurrency: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
}

function cookieValue(setCookies: readonly string[], name: string): string | null {
  for (const line of setCookies) {
    const [pair] = line.split(';');
    const [key, ...value] = (pair ?? '').split('=');
    if (key?.trim() === name) return value.join('=');
  }
  return null;
}

/**
 * Signs in through the API as a browser would: fetch a CSRF token, then POST the password with it.
 * Returns the session token (the value of the custodian_session cookie).
 */
export async function signIn(port: number, credentials: { email: string; password: string }): Promise<string> {
  const base = `http://127.0.0.1:${port}/api/v1`;
  const first = await fetch(`${base}/auth/session`);
  const csrf = cookieValue(first.headers.getSetCookie(), 'custodian_csrf');
  if (!csrf) throw new Error('the server set no CSRF cookie');
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `custodian_csrf=${csrf}`, 'x-csrf-token': csrf },
    body: JSON.stringify(credentials),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const session = cookieValue(login.headers.getSetCookie(), 'custodian_session');
  if (!session) throw new Error('sign-in set no session cookie');
  return session;
}

/** "total 5001, 50 on the page, " for a list reply (old `total: n` or new `total: { count, … }`), else "". */
export function describeFirstReply(body: string): string {
  const reply = JSON.parse(body) as { total?: number | { count?: number }; items?: unknown[] };
  if (reply.total === undefined) return '';
  const total = typeof reply.total === 'number' ? reply.total : reply.total.count;
  return `total ${total ?? '?'}, ${reply.items?.length ?? 0} on the page, `;
}
