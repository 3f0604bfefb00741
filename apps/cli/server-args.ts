import { apiClient, tokenFromEnvironment, type ApiClient } from './api-client.ts';

/** A usage mistake: the message, and exit code 2. */
export function usage(message: string): never {
  throw Object.assign(new Error(message), { exitCode: 2 });
}

/** The value after a flag (and the arguments without the flag and its value). */
export function takeOption(args: string[], flag: string): { value: string | undefined; rest: string[] } {
  const at = args.indexOf(flag);
  if (at < 0) return { value: undefined, rest: args };
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) usage(`${flag} needs a value.`);
  return { value, rest: args.filter((_, i) => i !== at && i !== at + 1) };
}

/** The client for `--server <url>` with the token from CUSTODIAN_TOKEN (never a flag). */
export function clientFor(args: string[], env: Record<string, string | undefined>): { client: ApiClient; rest: string[] } {
  if (args.includes('--token')) usage('The API token is read from CUSTODIAN_TOKEN only (never a flag, so it stays out of your shell history).');
  const { value: server, rest } = takeOption(args, '--server');
  if (!server) usage('Give the server with --server <url>, e.g. --server https://custodian.example.org');
  if (!/^https?:\/\//.test(server)) usage('--server must start with http:// or https://');
  return { client: apiClient(server, tokenFromEnvironment(env)), rest };
}
