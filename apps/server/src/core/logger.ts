/** The log methods services use (pino's logger has them; so does Fastify's request logger). */
export interface Logger {
  info: (details: object, message?: string) => void;
  warn: (details: object, message?: string) => void;
  error: (details: object, message?: string) => void;
  debug: (details: object, message?: string) => void;
}

/** A logger that drops everything (tools and tests that run services outside a request). */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
