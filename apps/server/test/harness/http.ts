import type { FastifyInstance } from 'fastify';
import type { Jar } from './world.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request to a route, before it is put on the wire. */
export interface RequestSpec {
  /** Path parameters, URL-encoded into the route's template. */
  params?: Record<string, string>;
  /** Query values; an array repeats the key. */
  query?: Record<string, string | string[]>;
  /** A JSON body (serialised with JSON.stringify). */
  body?: unknown;
  /** The exact body text, instead of body (malformed JSON, duplicate keys). */
  rawBody?: string;
  /** Extra headers (a content-type here replaces application/json). */
  headers?: Record<string, string>;
  /** The exact path, instead of the template with params (unencoded traversal, overlong ids). */
  rawPath?: string;
  /** The exact query string without "?", instead of query. */
  rawQuery?: string;
}

export interface SentResponse {
  status: number;
  contentType: string;
  text: string;
  raw: Buffer;
}

/** Splits an inventory key "METHOD /path" into its parts. */
export function splitRouteKey(key: string): { method: HttpMethod; path: string } {
  const [method, path] = key.split(' ');
  if (!method || !path) throw new Error(`bad route key ${key}`);
  return { method: method as HttpMethod, path };
}

/** Percent-encodes text for a URL; lone surrogates (which encodeURIComponent refuses) as their UTF-8 bytes. */
export function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

/** Fills a Fastify path template (/members/:userId) with URL-encoded values. */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name} of ${template}`);
    return encodeSegment(value);
  });
}

function queryString(spec: RequestSpec): string {
  if (spec.rawQuery !== undefined) return spec.rawQuery === '' ? '' : `?${spec.rawQuery}`;
  if (!spec.query) return '';
  const pairs = Object.entries(spec.query).flatMap(([key, value]) => [value].flat().map((item) => `${encodeSegment(key)}=${encodeSegment(item)}`));
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** The URL a spec addresses on a route template. */
export function urlFor(template: string, spec: RequestSpec): string {
  return `${spec.rawPath ?? fillPath(template, spec.params)}${queryString(spec)}`;
}

/**
 * Sends one request as a browser holding the jar would: its cookies, and the CSRF header from the
 * CSRF cookie on state-changing methods. The jar is not changed.
 */
export async function send(app: FastifyInstance, jar: Jar, method: HttpMethod, template: string, spec: RequestSpec = {}): Promise<SentResponse> {
  const headers: Record<string, string> = {};
  if (jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = jar.get('custodian_csrf');
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const payload = spec.rawBody ?? (spec.body === undefined ? undefined : JSON.stringify(spec.body));
  if (payload !== undefined) headers['content-type'] = 'application/json';
  Object.assign(headers, spec.headers);
  const response = await app.inject({ method, url: urlFor(template, spec), headers, ...(payload !== undefined ? { payload } : {}) });
  return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), text: response.body, raw: response.rawPayload };
}
