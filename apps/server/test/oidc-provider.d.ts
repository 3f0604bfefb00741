// The few parts of oidc-provider 9 (a test-only dependency without bundled types) the tests use.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface ProviderAccount {
    accountId: string;
    claims: () => Record<string, unknown>;
  }

  interface ProviderConfiguration {
    clients: Array<Record<string, unknown>>;
    claims?: Record<string, string[]>;
    cookies?: { keys: string[] };
    pkce?: { required: () => boolean };
    findAccount: (ctx: unknown, sub: string) => ProviderAccount | Promise<ProviderAccount>;
  }

  // eslint-disable-next-line no-restricted-syntax -- the package's own default export, described as it is
  export default class Provider {
    constructor(issuer: string, configuration: ProviderConfiguration);
    on(event: string, listener: (...args: unknown[]) => void): this;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
