import type { AppDeps } from '../core/deps.ts';
import type { Logger } from '../core/logger.ts';
import { passOnOverdueLeads } from '../modules/marketplace/lead.service.ts';
import { withdrawStaleGuests } from '../modules/marketplace/request-guest.service.ts';

const everyMs = 60_000;

/**
 * Every minute: leads still offered after their time to answer (LEAD_RESPONSE_HOURS, default 72) expire
 * and their lane passes to the next-ranked provider, as the marketplace agent; guest requests never
 * confirmed within seven days are withdrawn and who sent them removed.
 */
export function startLeadPassOn(deps: AppDeps, log: Logger): { stop: () => void } {
  const timer = setInterval(() => {
    passOnOverdueLeads(deps, log)
      .then((passed) => {
        if (passed > 0) log.info({ passed }, 'overdue leads passed on');
      })
      .catch((error: unknown) => log.error({ err: error }, 'lead pass-on failed'));
    withdrawStaleGuests(deps, log)
      .then((withdrawn) => {
        if (withdrawn > 0) log.info({ withdrawn }, 'unconfirmed guest requests withdrawn');
      })
      .catch((error: unknown) => log.error({ err: error }, 'guest request sweep failed'));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
