import type { z } from 'zod';
import type { Access } from '../permissions.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A binary download: the reply is a file of this content type, not JSON. */
export interface FileReply {
  kind: 'file';
  contentType: string;
}

/** Marks a route whose reply is a file download (the web app links to it instead of fetching JSON). */
export function fileReply(contentType: string): FileReply {
  return { kind: 'file', contentType };
}

/**
 * One API operation, complete: method, path (under /api/v1, with `:name` parameters), who may call it,
 * and the zod schemas of its path parameters, query, body and reply. The server registers it
 * (`defineRoute`), the web app calls it (`call`), OpenAPI is generated from it, and the proof harness
 * reads it. Nothing about an operation is written anywhere else.
 */
export interface ApiRoute {
  method: HttpMethod;
  path: string;
  access: Access;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  reply: z.ZodType | FileReply;
  /** The status of a successful reply (default 200). */
  status?: 200 | 201;
}

/** Declares an operation; returns it unchanged with its literal types kept. */
export function apiRoute<const R extends ApiRoute>(route: R): R {
  return route;
}

type Part<R, K extends 'params' | 'query' | 'body', Mode extends 'in' | 'out'> = R extends Record<K, infer S extends z.ZodType>
  ? Mode extends 'in'
    ? z.input<S>
    : z.output<S>
  : undefined;

/** What a route handler receives after validation. */
export interface RouteInput<R extends ApiRoute> {
  params: Part<R, 'params', 'out'>;
  query: Part<R, 'query', 'out'>;
  body: Part<R, 'body', 'out'>;
}

type Present<T> = { [K in keyof T as T[K] extends undefined ? never : K]: T[K] };

/** What a caller sends: only the parts the route has (path parameters, query, body). */
export type CallInput<R extends ApiRoute> = Present<{
  params: Part<R, 'params', 'in'>;
  query: Part<R, 'query', 'in'>;
  body: Part<R, 'body', 'in'>;
}>;

/** The parsed reply of a JSON route. */
export type ReplyOf<R extends ApiRoute> = R['reply'] extends z.ZodType ? z.output<R['reply']> : never;

/** True when the route answers with a file rather than JSON. */
export function isFileRoute(route: ApiRoute): route is ApiRoute & { reply: FileReply } {
  return (route.reply as FileReply).kind === 'file';
}

/** The route's path with its parameters filled in (each URL-encoded). */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
}

/** "GET /api/v1/gap/items": how the route inventory and logs name an operation. */
export function routeKey(route: ApiRoute, prefix = '/api/v1'): string {
  return `${route.method} ${prefix}${route.path}`;
}
