import type { AppDeps } from '../core/deps.ts';
import type { Logger } from '../core/logger.ts';
import { sendCorrectiveActionReminders } from '../modules/audits/audits.service.ts';

const everyMs = 60 * 60_000;

/** Every hour: each corrective action past its due day gets one e-mail to its owner, through the outbox. */
export function startCorrectiveActionReminders(deps: AppDeps, log: Logger): { stop: () => void } {
  const timer = setInterval(() => {
    sendCorrectiveActionReminders(deps, log)
      .then((sent) => {
        if (sent > 0) log.info({ sent }, 'corrective action reminders sent');
      })
      .catch((error: unknown) => log.error({ err: error }, 'corrective action reminders failed'));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
