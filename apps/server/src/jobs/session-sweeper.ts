import type { AppDeps } from '../core/deps.ts';
import type { Logger } from '../core/logger.ts';
import { sweepEndedSessions } from '../modules/auth/session.service.ts';

const everyMs = 10 * 60_000;

/**
 * Deletes sessions that have expired or gone idle, every ten minutes. Requests never need it (an ended
 * session no longer resolves); it keeps the sessions table from growing without end.
 */
export function startSessionSweeper(deps: AppDeps, log: Logger): { stop: () => void } {
  const timer = setInterval(() => {
    sweepEndedSessions(deps).catch((error: unknown) => log.error({ err: error }, 'session sweep failed'));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
