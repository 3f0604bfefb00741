import type { AppDeps } from '../core/deps.ts';
import type { Logger } from '../core/logger.ts';
import { sendRiskReviewReminders } from '../modules/risks/risk-reminders.service.ts';

const everyMs = 60 * 60_000;

/**
 * Every hour: each risk whose review is due within seven days (in its organisation's time zone) or
 * overdue gets one e-mail to its owner per review date, through the outbox.
 */
export function startRiskReviewReminders(deps: AppDeps, log: Logger): { stop: () => void } {
  const timer = setInterval(() => {
    sendRiskReviewReminders(deps, log)
      .then((sent) => {
        if (sent > 0) log.info({ sent }, 'risk review reminders sent');
      })
      .catch((error: unknown) => log.error({ err: error }, 'risk review reminders failed'));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
