import { Agent, request, type IncomingHttpHeaders } from 'node:http';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpReply {
  status: number;
  body: string;
  headers: IncomingHttpHeaders;
  /** Milliseconds from sending to the last byte of the reply. */
  ms: number;
  json: <T>() => T;
}

/** A keep-alive connection pool to the server under test (127.0.0.1 only). */
export function loopbackAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

/** One HTTP request with a hard time limit; a network failure or timeout rejects. */
export function httpRequest(agent: Agent, port: number, method: Method, path: string, headers: Record<string, string>, body?: string, timeoutMs = 30_000): Promise<HttpReply> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, method, path, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers, ms: performance.now() - started, json: <T,>() => JSON.parse(text) as T });
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timed out after ${timeoutMs} ms: ${method} ${path}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A browser-like API client over a real socket: its own cookie jar, and the CSRF token from the
 * custodian_csrf cookie on every state-changing request (as the web app does).
 */
export interface ApiClient {
  request: (method: Method, path: string, body?: unknown) => Promise<HttpReply>;
  cookies: Map<string, string>;
  /** Another client on the same session with its own cookie jar and its own CSRF token. */
  fork: () => Promise<ApiClient>;
}

export function newApiClient(agent: Agent, port: number, cookies = new Map<string, string>()): ApiClient {
  function remember(headers: IncomingHttpHeaders): void {
    for (const line of headers['set-cookie'] ?? []) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const isCleared = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()));
      if (isCleared) cookies.delete(name);
      else cookies.set(name, value);
    }
  }
  async function send(method: Method, path: string, body?: unknown): Promise<HttpReply> {
    if (method !== 'GET' && !cookies.has('custodian_csrf')) await send('GET', '/api/v1/auth/session');
    const headers: Record<string, string> = { accept: 'application/json' };
    if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET') headers['x-csrf-token'] = cookies.get('custodian_csrf') ?? '';
    const reply = await httpRequest(agent, port, method, path, headers, body === undefined ? undefined : JSON.stringify(body));
    remember(reply.headers);
    return reply;
  }
  return {
    request: send,
    cookies,
    fork: async () => {
      const session = cookies.get('custodian_session');
      const forked = newApiClient(agent, port, new Map(session ? [['custodian_session', session]] : []));
      const reply = await forked.request('GET', '/api/v1/auth/session');
      if (reply.status !== 200) throw new Error(`fork failed: ${reply.status}`);
      return forked;
    },
  };
}

/** Throws unless the reply has the expected status, with the body for the failure message. */
export function expectStatus(reply: HttpReply, status: number, what: string): HttpReply {
  if (reply.status !== status) throw new Error(`${what}: expected ${status}, got ${reply.status} ${reply.body.slice(0, 300)}`);
  return reply;
}
