import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** What the provider says about a person who signs in with a given login. */
export interface TestAccount {
  email: string;
  emailVerified: boolean;
  name?: string;
}

/** An OpenID provider on 127.0.0.1 (a random port) with one client, for tests only. */
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Overrides what the provider says about a login (default: the login is a confirmed e-mail address). */
  accounts: Map<string, TestAccount>;
  close: () => Promise<void>;
}

/**
 * Starts `oidc-provider` with its development sign-in pages (any login and password are accepted; the
 * login becomes the person's subject). `redirectUris` are the client's allowed callbacks.
 */
export async function startTestProvider(options: { redirectUris: string[]; clientId?: string; clientSecret?: string }): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = options.clientId ?? 'custodian';
  const clientSecret = options.clientSecret ?? 'test-client-secret-0123456789abcdef';
  const accounts = new Map<string, TestAccount>();
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['oidc-test-provider-cookie-key'] },
    pkce: { required: () => true },
    findAccount: (_ctx, sub) => {
      const account: TestAccount = accounts.get(sub) ?? { email: sub, emailVerified: true };
      return {
        accountId: sub,
        claims: () => ({ sub, email: account.email, email_verified: account.emailVerified, name: account.name ?? 'Sam Single' }),
      };
    },
  });
  // The provider's own warnings about development settings are expected here.
  provider.on('server_error', () => undefined);
  server.on('request', provider.callback());
  server.unref();
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Follows an authorisation URL through the provider's development sign-in and consent pages, as a
 * browser would, and returns the URL the provider finally sends the browser back to (the callback).
 */
export async function signInAtProvider(authorisationUrl: string, login: string): Promise<URL> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = new URL(authorisationUrl);
  const issuerOrigin = url.origin;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop += 1) {
    if (url.origin !== issuerOrigin) return url;
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: cookieHeader(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(body ? { body } : {}),
    });
    keep(response);
    body = undefined;
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`the provider answered ${response.status} without a form: ${html.slice(0, 300)}`);
    url = new URL(action.replaceAll('&amp;', '&'), url);
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt });
  }
  throw new Error('too many redirects at the provider');
}
