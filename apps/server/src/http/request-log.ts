import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../core/deps.ts';

/** Query parameters that carry a secret (invitation, verification, reset links). */
const secretParams = /([?&](?:token|code|secret|password|key)=)[^&#]*/gi;

/** A URL fit for the log: the values of token-like query parameters replaced by [redacted]. */
export function redactUrl(url: string): string {
  return url.replace(secretParams, '$1[redacted]');
}

/** Cookies and headers that hold a session, CSRF or API token, never written to the log. */
export const redactedLogPaths = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers["x-csrf-token"]',
  'headers.authorization',
];

/**
 * One log line per request (instead of Fastify's two), written when the reply is sent: method, path
 * with any token redacted, status and time taken. 5xx replies are already logged by the error handler.
 */
export function logEachRequest(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const url = redactUrl(request.url);
    const ms = Math.round(reply.elapsedTime);
    request.log.info({ method: request.method, url, status: reply.statusCode, ms }, `${request.method} ${url} ${reply.statusCode} ${ms} ms`);
  });
}

/**
 * HSTS belongs only on a reply that arrived over https: through a trusted proxy that says so
 * (X-Forwarded-Proto), or, with no proxy trusted, when Custodian's public address is https (TLS is
 * then terminated in front of it). Over plain http it would pin a site that has no certificate.
 */
export function isHttpsRequest(deps: AppDeps, protocol: string): boolean {
  if (protocol === 'https') return true;
  return !deps.config.isBehindProxy && deps.config.publicUrl.startsWith('https:');
}
