import type { z } from 'zod';
import { fillPath, isFileRoute, type ApiRoute, type CallInput, type ReplyOf } from '@custodian/shared/contracts/api-route.ts';

/**
 * The CLI's client for a running Custodian server: `call(route, input)` with an operation from the
 * shared contracts (`gapApi.list`, …), like the web app's, but authenticated with a personal API token
 * (`Authorization: Bearer …`) instead of a browser session. The reply is checked against the contract.
 */
export interface ApiClient {
  call: <R extends ApiRoute>(route: R, ...[input]: keyof CallInput<R> extends never ? [input?: CallInput<R>] : [input: CallInput<R>]) => Promise<ReplyOf<R>>;
}

/** A refusal from the server, with its error code and plain message (exit code 1). */
export class ServerRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServerRefusal';
  }
}

/** The token comes from CUSTODIAN_TOKEN only, never a command-line flag, so it stays out of shell history. */
export function tokenFromEnvironment(env: Record<string, string | undefined>): string {
  const token = env.CUSTODIAN_TOKEN?.trim();
  if (!token) {
    throw Object.assign(new Error('Set CUSTODIAN_TOKEN to a personal API token (create one in Custodian under Account → API tokens). It is read from the environment only, so it stays out of your shell history.'), {
      exitCode: 2,
    });
  }
  return token;
}

function queryString(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A client for the server at `server` (e.g. https://custodian.example.org) with the given token. */
export function apiClient(server: string, token: string): ApiClient {
  const base = `${server.replace(/\/+$/, '')}/api/v1`;
  async function call(route: ApiRoute, input?: { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown }): Promise<unknown> {
    if (isFileRoute(route)) throw new Error(`${route.method} ${route.path} answers with a file; the CLI does not download files`);
    const url = `${base}${fillPath(route.path, input?.params)}${queryString(input?.query)}`;
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (input?.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, { method: route.method, headers, body: input?.body === undefined ? undefined : JSON.stringify(input.body) });
    } catch (error) {
      throw new Error(`Could not reach Custodian at ${server} (${error instanceof Error ? error.message : String(error)}). Check --server.`);
    }
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      throw new Error(`The server at ${server} did not answer like Custodian (HTTP ${response.status}). Check --server.`);
    }
    if (!response.ok) {
      const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ServerRefusal(response.status, error?.code ?? 'unknown', error?.message ?? `HTTP ${response.status}`);
    }
    const parsed = (route.reply as z.ZodType).safeParse(body);
    if (!parsed.success) throw new Error(`The server's reply to ${route.method} ${route.path} does not match this CLI's contract: is the server the same version?`);
    return parsed.data;
  }
  return { call: call as ApiClient['call'] };
}
