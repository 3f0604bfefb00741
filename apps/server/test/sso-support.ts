import { signInAtProvider, startTestProvider, type TestProvider } from './oidc-test-provider.ts';
import { newClient, signUpOwner, type TestClient, type TestResponse } from './test-client.ts';
import type { TestServer } from './test-server.ts';

let domainCounter = 0;

/** A fresh e-mail domain no other test claims. */
export function uniqueDomain(prefix = 'sso'): string {
  domainCounter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${domainCounter}.example`;
}

/** A test provider whose one client may send people back to this server's callback. */
export async function startProviderFor(server: TestServer): Promise<TestProvider> {
  return startTestProvider({ redirectUris: [`${server.deps.config.publicUrl}/sso/callback`] });
}

/** An owner whose own address is at `domain`, with their own organisation. */
export async function ownerAt(server: TestServer, domain: string, organisationName = 'Single Sign-on Clinic') {
  return signUpOwner(server, { email: `owner.${domainCounter}.${Date.now()}@${domain}`, organisationName });
}

/** Adds the owner's domain and saves the provider; returns the saved settings reply. */
export async function configureSso(
  owner: { client: TestClient; email: string },
  provider: TestProvider,
  options: { isJitEnabled?: boolean; jitRole?: string; isRequired?: boolean } = {},
): Promise<TestResponse> {
  const domain = owner.email.slice(owner.email.indexOf('@') + 1);
  const added = await owner.client.request('POST', '/api/v1/org/sso/domains', { domain });
  if (added.status !== 201) throw new Error(`adding ${domain} failed: ${added.status} ${JSON.stringify(added.body)}`);
  const version = added.json<{ version: number }>().version;
  return owner.client.request('PUT', '/api/v1/org/sso', {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    isRequired: options.isRequired ?? false,
    isJitEnabled: options.isJitEnabled ?? true,
    jitRole: options.jitRole ?? 'contributor',
    version,
  });
}

/** What the provider sent the browser back with, as the web app forwards it. */
export interface CallbackBody {
  state: string;
  code: string;
  iss?: string;
}

/** Starts signing in, goes through the provider's sign-in page as `login`, and returns the callback's parameters. */
export async function ssoCallbackFor(client: TestClient, email: string, login = email): Promise<CallbackBody> {
  const start = await client.request('POST', '/api/v1/auth/sso/start', { email });
  if (start.status !== 200) throw new Error(`start failed: ${start.status} ${JSON.stringify(start.body)}`);
  const back = await signInAtProvider(start.json<{ redirectUrl: string }>().redirectUrl, login);
  const state = back.searchParams.get('state');
  const code = back.searchParams.get('code');
  if (!state || !code) throw new Error(`the provider sent back no code: ${back.href}`);
  const iss = back.searchParams.get('iss');
  return { state, code, ...(iss ? { iss } : {}) };
}

/** Signs in through single sign-on from start to finish; returns the completing reply and the client. */
export async function ssoSignIn(server: TestServer, email: string, login = email): Promise<{ client: TestClient; reply: TestResponse }> {
  const client = newClient(server.app);
  const body = await ssoCallbackFor(client, email, login);
  return { client, reply: await client.request('POST', '/api/v1/auth/sso/complete', body) };
}
