import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { isFileRoute, type ApiRoute, type RouteInput } from '@custodian/shared/contracts/api-route.ts';
import { AppError } from '@custodian/shared/errors.ts';
import { plainIssues, plainSummary } from '@custodian/shared/field-messages.ts';
import { isAction } from '@custodian/shared/permissions.ts';
import type { AuthState } from '../core/auth-state.ts';
import { operatorCtx, orgCtx, sessionCtx, type BaseCtx, type StepsCtx, type TxCtx } from '../core/ctx.ts';
import type { AppDeps } from '../core/deps.ts';
import { runTransaction, scopedOpen } from '../core/transaction.ts';
import { enterOperatorScope, type TransactionStart } from '../db/scope.ts';
import { noteTokenUsed, openTokenRequest } from '../modules/api-tokens/api-tokens.service.ts';
import { keepSessionAlive, openRequest } from '../modules/auth/session.service.ts';
import { checkAccess, findUnstorableText, unstorableTextMessages } from './access.ts';
import { countTokenRequest, requestCredential } from './credentials.ts';
import { cookieOptions, csrfCookie, isCsrfValid, newCsrfToken, sessionCookie } from './csrf.ts';
import type { HttpControl, RouteBinding, SpecialReply } from './route-kit.ts';

export const apiPrefix = '/api/v1';

/** Parses one part of the request; a refusal names each field and says what to do (shared wording). */
function parsePart(schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = plainIssues(parsed.error, schema);
  throw new AppError('validation_failed', plainSummary(issues), issues);
}

/** Validates a request against its contract (after access was checked, so strangers learn nothing of the shapes). */
function parseInput(route: ApiRoute, request: FastifyRequest): RouteInput<ApiRoute> {
  const problem = findUnstorableText([request.body, request.query, request.params]);
  if (problem) throw new AppError('validation_failed', unstorableTextMessages[problem]);
  return {
    params: parsePart(route.params, request.params),
    query: parsePart(route.query, request.query),
    body: parsePart(route.body, request.body),
  } as RouteInput<ApiRoute>;
}

async function narrow(route: ApiRoute, ctx: TxCtx): Promise<TxCtx> {
  if (isAction(route.access)) return orgCtx(ctx);
  if (route.access === 'session') return sessionCtx(ctx);
  if (route.access === 'operator') {
    const platformOrgId = await enterOperatorScope(ctx.tx);
    if (!platformOrgId) throw new AppError('forbidden', 'Only the platform operator can do this.');
    return operatorCtx(ctx, platformOrgId);
  }
  return ctx;
}

function httpControl(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, sessionHash: { current: string | null }): HttpControl {
  const setCsrf = () => {
    const token = newCsrfToken(deps, sessionHash.current);
    reply.setCookie(csrfCookie, token, cookieOptions(deps, false));
    return token;
  };
  /** The browser's CSRF token when it still fits the session (so other open tabs keep working), else a new one. */
  const currentOrNewCsrf = () => {
    const existing = request.cookies[csrfCookie];
    return existing && isCsrfValid(deps, existing, existing, sessionHash.current) ? existing : setCsrf();
  };
  return {
    startSession: (grant) => {
      reply.setCookie(sessionCookie, grant.token, cookieOptions(deps, true));
      sessionHash.current = grant.idHash;
      setCsrf();
    },
    endSession: () => {
      reply.clearCookie(sessionCookie, cookieOptions(deps, true));
      sessionHash.current = null;
      setCsrf();
    },
    csrfToken: currentOrNewCsrf,
    header: (name, value) => void reply.header(name, value),
    requestHeader: (name) => {
      const value = request.headers[name.toLowerCase()];
      return typeof value === 'string' ? value : undefined;
    },
    file: (fileName, body, contentType) => special({ kind: 'file', fileName, body, ...(contentType ? { contentType } : {}) }),
    rawJson: (json) => special({ kind: 'raw-json', json }),
    notModified: () => special({ kind: 'not-modified' }),
  };
}

/**
 * The special replies `HttpControl` made. A JSON reply may well have a `kind` field of its own (an
 * evidence item of kind "file"), so a special reply is known by where it came from, not by its shape.
 */
const specialReplies = new WeakSet<object>();

function special<T extends SpecialReply>(reply: T): T {
  specialReplies.add(reply);
  return reply;
}

function isSpecial(value: unknown): value is SpecialReply {
  return typeof value === 'object' && value !== null && specialReplies.has(value);
}

/**
 * Runs one request: the session is resolved and the tenancy scope set in the first statement of the
 * request's transaction, then CSRF and access are checked, the input validated and the handler run,
 * all in that one transaction (READ ONLY, one snapshot, for GET). After the commit: the session's
 * idle clock (once a minute), then `respond` (files, cookies) and the reply.
 */
async function runRoute(deps: AppDeps, binding: RouteBinding, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const { route, options } = binding;
  const now = deps.clock();
  const base: BaseCtx = { deps, now, requestId: request.id, log: request.log, userAgent: request.headers['user-agent'] };
  const credential = requestCredential(request);
  const idHash = credential.kind === 'cookie' ? credential.idHash : null;
  const open = (tx: Parameters<typeof openRequest>[0], isCountingWrites: boolean, begin: TransactionStart) =>
    credential.kind === 'bearer' ? openTokenRequest(tx, credential.tokenHash, now, isCountingWrites, begin) : openRequest(tx, deps, idHash, now, isCountingWrites, begin);
  const admit = (auth: AuthState) => {
    if (auth.token) countTokenRequest(deps, auth.token.id, now);
    checkAccess(deps, request, route, auth);
  };
  let result: unknown;
  let auth: AuthState;
  if (options.steps) {
    const steps = options.steps;
    const resolved = await runTransaction(base, { isReadOnly: true, open }, async (ctx) => {
      admit(ctx.auth);
      return parseInput(route, request);
    });
    auth = resolved.auth;
    const scope = { orgId: auth.actor?.orgId ?? null, userId: auth.user?.id ?? null };
    const stepsCtx: StepsCtx = {
      ...base,
      auth,
      transaction: async (fn) => (await runTransaction(base, { isReadOnly: false, open: scopedOpen(scope, auth) }, fn)).result,
    };
    result = await steps(stepsCtx, resolved.result);
  } else {
    const handler = options.handler;
    if (!handler) throw new Error(`${route.method} ${route.path} has no handler`);
    const outcome = await runTransaction(base, { isReadOnly: route.method === 'GET', open }, async (ctx) => {
      admit(ctx.auth);
      const input = parseInput(route, request);
      return handler((await narrow(route, ctx)) as never, input);
    });
    result = outcome.result;
    auth = outcome.auth;
  }
  if (auth.needsTouch && auth.session) await keepSessionAlive(deps, auth.session.idHash, now);
  if (auth.token?.needsTouch) await noteTokenUsed(deps, auth.token.id, now);
  const sessionHash = { current: auth.session?.idHash ?? null };
  if (idHash && !auth.session) {
    // The browser holds a session that has ended: forget it, so its CSRF tokens match again.
    reply.clearCookie(sessionCookie, cookieOptions(deps, true));
    sessionHash.current = null;
  }
  // Replies carry organisation data: never stored by a browser or proxy unless a route says otherwise.
  reply.header('cache-control', 'no-store');
  const body = options.respond ? await options.respond(result, httpControl(deps, request, reply, sessionHash), auth) : result;
  reply.status(route.status ?? 200);
  if (!isSpecial(body)) return body;
  if (body.kind === 'not-modified') return reply.status(304).send();
  if (body.kind === 'raw-json') return reply.type('application/json; charset=utf-8').serializer((payload) => payload as string).send(body.json);
  const contentType = body.contentType ?? (isFileRoute(route) ? route.reply.contentType : 'application/octet-stream');
  return reply.type(contentType).header('content-disposition', `attachment; filename="${body.fileName}"`).send(body.body);
}

/** Registers every bound contract on the app, with its OpenAPI description taken from the contract. */
export function registerRoutes(app: FastifyInstance, deps: AppDeps, bindings: readonly RouteBinding[]): void {
  for (const binding of bindings) {
    const { route, options } = binding;
    const rateLimit = options.rateLimit === 'auth' ? { max: deps.config.authRateLimitPerMinute, timeWindow: '1 minute' } : undefined;
    app.route({
      method: route.method,
      url: `${apiPrefix}${route.path}`,
      ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
      config: { access: route.access, isContract: true, ...(rateLimit ? { rateLimit } : {}) },
      schema: {
        tags: [route.tag],
        summary: route.summary,
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { querystring: route.query } : {}),
        ...(route.body ? { body: route.body } : {}),
        ...(isFileRoute(route) ? {} : { response: { [route.status ?? 200]: route.reply } }),
      },
      handler: (request, reply) => runRoute(deps, binding, request, reply),
    });
  }
}
