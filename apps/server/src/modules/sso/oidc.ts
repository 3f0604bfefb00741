import { AppError } from '@custodian/shared/errors.ts';
import * as oidc from 'openid-client';

/** An organisation's provider and client, the secret decrypted. */
export interface ProviderClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** What the provider vouched for about the person. */
export interface ProviderClaims {
  subject: string;
  email: string | null;
  isEmailVerified: boolean;
  name: string | null;
}

const timeoutSeconds = 8;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The issuer must use https; plain http is accepted only for a provider on this machine (a provider
 * started for tests or local trials), never across a network.
 */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return "Enter the provider's web address, starting with https://.";
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && loopbackHosts.has(url.hostname)) return null;
  return "The provider's address must start with https:// so that sign-ins cannot be read on the way.";
}

/** Runs OpenID Connect discovery for the provider: its metadata must name the same issuer. Throws when it cannot. */
export async function discover(client: ProviderClient): Promise<oidc.Configuration> {
  const url = new URL(client.issuer);
  const isInsecure = url.protocol === 'http:';
  return oidc.discovery(url, client.clientId, client.clientSecret, undefined, { timeout: timeoutSeconds, ...(isInsecure ? { execute: [oidc.allowInsecureRequests] } : {}) });
}

/** The PKCE verifier, state and nonce of one sign-in attempt. */
export interface SignInSecrets {
  codeVerifier: string;
  state: string;
  nonce: string;
}

export function newSignInSecrets(): SignInSecrets {
  return { codeVerifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
}

/** The provider's authorisation address for this attempt (authorisation code flow with PKCE S256). */
export async function authorisationUrl(config: oidc.Configuration, input: { redirectUri: string; secrets: SignInSecrets; loginHint: string }): Promise<string> {
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(input.secrets.codeVerifier),
    code_challenge_method: 'S256',
    state: input.secrets.state,
    nonce: input.secrets.nonce,
    login_hint: input.loginHint,
  });
  return url.href;
}

function stringClaim(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * Exchanges the code for tokens (checking state, PKCE, nonce and the ID token's signature, issuer and
 * audience) and reads who the person is: from the ID token, or the userinfo endpoint when the ID token
 * does not carry the e-mail address.
 */
export async function exchangeCode(config: oidc.Configuration, callbackUrl: URL, secrets: SignInSecrets): Promise<ProviderClaims> {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: secrets.codeVerifier,
    expectedState: secrets.state,
    expectedNonce: secrets.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error('the provider sent no ID token');
  let claims: Record<string, unknown> = idClaims;
  if (stringClaim(idClaims.email) === null || typeof idClaims.email_verified !== 'boolean') {
    // The ID token's own claims win; the userinfo endpoint (same subject, checked) fills in what it lacks.
    claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...idClaims };
  }
  return {
    subject: idClaims.sub,
    email: stringClaim(claims.email)?.toLowerCase() ?? null,
    isEmailVerified: claims.email_verified === true,
    name: stringClaim(claims.name),
  };
}

/** The plain refusal when the provider cannot be reached or is not an OpenID provider. */
export function unreachableProvider(path = 'issuer'): AppError {
  const message =
    "Custodian could not reach an OpenID Connect provider at that address. Check the address (your provider calls it the 'issuer' or 'authority') and the client id, then try again.";
  return new AppError('validation_failed', message, [{ path, message }]);
}
