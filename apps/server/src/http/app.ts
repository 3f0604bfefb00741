import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Access } from '@custodian/shared/permissions.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { AppDeps } from '../core/deps.ts';
import { appVersion } from '../core/version.ts';
import { handleError, handleNotFound } from './error-handler.ts';
import { routeTable } from './route-table.ts';
import type { RouteBinding } from './route-kit.ts';
import { apiPrefix, registerRoutes } from './run-route.ts';
import { isHttpsRequest, logEachRequest, redactedLogPaths } from './request-log.ts';
import { securityHeaders, strictTransportSecurity } from './security-headers.ts';
import { replySerializerCompiler } from './serializer.ts';

export { apiPrefix };
const webDist = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** One registered API route and the access it declares (recorded by buildApp). */
export interface RouteAccessRecord {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its declared access, in registration order. */
    routeAccess: readonly RouteAccessRecord[];
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Registered by registerRoutes: access is checked, input validated, the transaction opened. */
    isContract?: boolean;
  }
}

export interface BuildOptions {
  logger?: boolean;
  /** Check every reply against its zod contract before sending (the tests turn this on). */
  isValidatingReplies?: boolean;
  /** Where log lines go instead of standard output (tests capture them). */
  logStream?: { write: (line: string) => void };
  /** Routes added for one app only (the proof harness's deliberately broken routes). */
  extraRoutes?: readonly RouteBinding[];
}

/** Builds the HTTP server: security headers, compression, the API with its OpenAPI document, and the web app. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: deps.config.logLevel, redact: redactedLogPaths, ...(options.logStream ? { stream: options.logStream } : {}) },
    // One line per request, written by logEachRequest (request-log.ts), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.isBehindProxy,
    routerOptions: { maxParamLength: 2000 },
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
  });
  // JSON only: a text/plain body is refused with 415 rather than reaching a route as a string.
  app.removeContentTypeParser(['text/plain']);
  // Input is validated by the route runner against the contract, after the access check.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(replySerializerCompiler(options.isValidatingReplies === true));
  app.setErrorHandler(handleError);

  // Every API route must declare who may call it; a route without a declaration stops the server.
  // The declarations are kept on the app (routeAccess) so the proof harness can compare them with its inventory.
  const routeAccess: RouteAccessRecord[] = [];
  app.decorate('routeAccess', routeAccess);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(apiPrefix)) return;
    if (route.url.startsWith(`${apiPrefix}/docs`)) route.config = { ...(route.config ?? {}), access: 'public' };
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access rule.`);
    // Only routes bound with defineRoute have their access checked; anything else must be public.
    if (access !== 'public' && route.config?.isContract !== true) throw new Error(`Route ${route.method} ${route.url} must be bound with defineRoute (http/route-kit.ts).`);
    for (const method of [route.method].flat()) routeAccess.push({ method, url: route.url, access });
  });

  // Large replies (the catalogue, long lists, the web app's scripts) go compressed when the browser accepts it.
  await app.register(compress, { global: true, threshold: 2048, encodings: ['br', 'gzip'], brotliOptions: { params: { 1: 4 } } });
  await app.register(cookie);
  logEachRequest(app);
  // Before the rate limit, so a 429 carries the security headers too.
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(securityHeaders);
    if (isHttpsRequest(deps, request.protocol)) reply.header('strict-transport-security', strictTransportSecurity);
    // API replies carry personal and organisation data: no browser or proxy keeps them (errors included).
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    reply.header('x-request-id', request.id);
    if (request.url.includes('%00')) throw new AppError('validation_failed', 'Text must not contain NUL characters.');
  });
  await app.register(rateLimit, { max: deps.config.rateLimitPerMinute, timeWindow: '1 minute' });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Custodian API',
        version: appVersion,
        description:
          'ISO/IEC 27001:2022 ISMS for healthcare providers. Authenticate with the session cookie and send X-CSRF-Token on every state-changing request; ' +
          'or, for organisation data, send a personal API token as `Authorization: Bearer cust_…` (no cookies, no CSRF token).',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: `${apiPrefix}/docs`, staticCSP: true });

  app.get(`${apiPrefix}/openapi.json`, { config: { access: 'public' }, schema: { hide: true }, handler: async () => app.swagger() });
  registerRoutes(app, deps, [...routeTable, ...(options.extraRoutes ?? [])]);

  const hasWeb = existsSync(webDist);
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || !['GET', 'HEAD'].includes(request.method) || !hasWeb) return handleNotFound(request, reply);
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  return app;
}
