import type { ApiRoute, ReplyOf, RouteInput } from '@custodian/shared/contracts/api-route.ts';
import type { Action } from '@custodian/shared/permissions.ts';
import type { AuthState } from '../core/auth-state.ts';
import type { OperatorCtx, OrgCtx, SessionCtx, StepsCtx, TxCtx } from '../core/ctx.ts';

/** A file download the route sends instead of JSON. */
export interface FileBody {
  kind: 'file';
  fileName: string;
  body: Buffer;
  /** The file's own type, when the contract cannot say it (an uploaded certificate: PDF, PNG or JPEG). */
  contentType?: string;
}

/** JSON already serialised (and checked against the contract) once, e.g. the whole catalogue. */
export interface RawJson {
  kind: 'raw-json';
  json: string;
}

/** "Not modified": the client's cached copy (by ETag) is current. */
export interface NotModified {
  kind: 'not-modified';
}

export type SpecialReply = FileBody | RawJson | NotModified;

/**
 * The HTTP side of a reply, for the few routes that need more than a JSON body: cookies for a new or
 * ended session, CSRF tokens, caching headers, downloads. Services never see it; they return what to
 * set and the route's `respond` sets it.
 */
export interface HttpControl {
  /** Sets the session cookie of a new session and a CSRF token bound to it. */
  startSession: (grant: { token: string; idHash: string }) => void;
  /** Clears the session cookie and issues an anonymous CSRF token. */
  endSession: () => void;
  /** The CSRF token for the session the reply leaves in place: the browser's own if it still fits, else a new one (set as its cookie). */
  csrfToken: () => string;
  header: (name: string, value: string) => void;
  /** The request's header value, if any (If-None-Match). */
  requestHeader: (name: string) => string | undefined;
  file: (fileName: string, body: Buffer, contentType?: string) => FileBody;
  rawJson: (json: string) => RawJson;
  notModified: () => NotModified;
}

/** The service context a route's handler gets, by its access rule. */
export type CtxFor<R extends ApiRoute> = R['access'] extends Action ? OrgCtx : R['access'] extends 'session' ? SessionCtx : R['access'] extends 'operator' ? OperatorCtx : TxCtx;

type Respond<R extends ApiRoute, T> = (result: T, http: HttpControl, auth: AuthState) => ReplyOf<R> | SpecialReply | Promise<ReplyOf<R> | SpecialReply>;

/**
 * How a route runs: `handler` in the request's one transaction, or `steps` that open their own
 * transactions (slow work between them). Without `respond` the result is the reply; with it, `respond`
 * turns the result into the reply after the commit (files, cookies).
 */
export interface RouteOptions<R extends ApiRoute, T> {
  handler?: (ctx: CtxFor<R>, input: RouteInput<R>) => Promise<T>;
  steps?: (ctx: StepsCtx, input: RouteInput<R>) => Promise<T>;
  respond?: Respond<R, T>;
  /** Sign-up, sign-in and MFA routes get the stricter per-address limit. */
  rateLimit?: 'auth';
  /** A larger request body than the server's 1 MB (a certificate upload), in bytes. */
  bodyLimit?: number;
}

/** A contract bound to its implementation; http/route-table.ts lists them all. */
export interface RouteBinding {
  route: ApiRoute;
  options: RouteOptions<ApiRoute, unknown>;
}

interface Direct<R extends ApiRoute> {
  handler?: (ctx: CtxFor<R>, input: RouteInput<R>) => Promise<ReplyOf<R>>;
  steps?: (ctx: StepsCtx, input: RouteInput<R>) => Promise<ReplyOf<R>>;
  respond?: undefined;
  rateLimit?: 'auth';
  bodyLimit?: number;
}

interface Responded<R extends ApiRoute, T> {
  handler?: (ctx: CtxFor<R>, input: RouteInput<R>) => Promise<T>;
  steps?: (ctx: StepsCtx, input: RouteInput<R>) => Promise<T>;
  respond: Respond<R, NoInfer<T>>;
  rateLimit?: 'auth';
  bodyLimit?: number;
}

/**
 * Binds an operation's contract to the service call that implements it: exactly one of `handler` or
 * `steps`, and `respond` whenever the result is not already the reply.
 */
export function defineRoute<R extends ApiRoute>(route: R, options: Direct<R>): RouteBinding;
export function defineRoute<R extends ApiRoute, T>(route: R, options: Responded<R, T>): RouteBinding;
export function defineRoute(route: ApiRoute, options: RouteOptions<ApiRoute, unknown>): RouteBinding {
  if (Boolean(options.handler) === Boolean(options.steps)) throw new Error(`${route.method} ${route.path}: give exactly one of handler or steps`);
  return { route, options };
}
