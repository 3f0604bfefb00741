import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '@custodian/shared/errors.ts';
import { healthReply } from '@custodian/shared/contracts/health.ts';
import { schemaVersion } from '../db/migrate.ts';
import { auditLogRoutes } from '../modules/audit-log/audit-log.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { catalogueRoutes } from '../modules/catalogue/catalogue.routes.ts';
import { gapRoutes } from '../modules/gap/gap.routes.ts';
import { orgRoutes } from '../modules/org/org.routes.ts';
import { accessHook, findUnstorableText, unstorableTextMessages } from './access.ts';
import type { AppDeps, RouteAccessRecord } from './context.ts';
import { handleError, handleNotFound } from './error-handler.ts';

export const apiPrefix = '/api/v1';
export const appVersion = '0.1.0';
const webDist = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Builds the HTTP server: security headers, sessions, the API with its OpenAPI document, and the web app. */
export async function buildApp(deps: AppDeps, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: deps.config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'] },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.isBehindProxy,
    routerOptions: { maxParamLength: 2000 },
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
  }).withTypeProvider<ZodTypeProvider>();
  // JSON only: a text/plain body is refused with 415 rather than reaching a route as a string.
  app.removeContentTypeParser(['text/plain']);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorateRequest('auth', null as never);

  // Every API route must declare who may call it; a route without a declaration stops the server.
  // The declarations are kept on the app (routeAccess) so the proof harness can compare them with its inventory.
  const routeAccess: RouteAccessRecord[] = [];
  app.decorate('routeAccess', routeAccess);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(apiPrefix)) return;
    if (route.url.startsWith(`${apiPrefix}/docs`)) route.config = { ...(route.config ?? {}), access: 'public' };
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access rule.`);
    for (const method of [route.method].flat()) routeAccess.push({ method, url: route.url, access });
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { max: deps.config.rateLimitPerMinute, timeWindow: '1 minute' });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.includes('%00')) throw new AppError('validation_failed', 'Text must not contain NUL characters.');
  });
  app.addHook('onRequest', accessHook(deps));
  app.addHook('preValidation', async (request) => {
    const problem = findUnstorableText([request.body, request.query, request.params]);
    if (problem) throw new AppError('validation_failed', unstorableTextMessages[problem]);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Custodian API', version: appVersion, description: 'ISO/IEC 27001:2022 ISMS for healthcare providers. Authenticate with the session cookie; send X-CSRF-Token on every state-changing request.' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: `${apiPrefix}/docs`, staticCSP: true });

  await app.register(
    async (api) => {
      api.get('/health', {
        config: { access: 'public' },
        schema: { tags: ['system'], summary: 'Liveness, database kind and schema version', response: { 200: healthReply } },
        handler: async () => ({
          status: 'ok' as const,
          database: deps.database.kind,
          migrationVersion: await schemaVersion(deps.database.db),
          catalogue: { version: deps.catalogue.catalogue.version, checksum: deps.catalogue.checksum },
          version: appVersion,
        }),
      });
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true }, handler: async () => app.swagger() });
      await api.register(authRoutes(deps));
      await api.register(orgRoutes(deps));
      await api.register(catalogueRoutes(deps));
      await api.register(gapRoutes(deps));
      await api.register(auditLogRoutes(deps));
    },
    { prefix: apiPrefix },
  );

  const hasWeb = existsSync(webDist);
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || !['GET', 'HEAD'].includes(request.method) || !hasWeb) return handleNotFound(request, reply);
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  return app;
}
