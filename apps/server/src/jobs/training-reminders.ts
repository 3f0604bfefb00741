import type { AppDeps } from '../core/deps.ts';
import type { Logger } from '../core/logger.ts';
import { sendTrainingReminders } from '../modules/training/training-reminders.service.ts';

const everyMs = 60 * 60_000;

/**
 * Every hour: each person's assigned training gets one e-mail when it is due within 14 days and one
 * more once it is overdue (in the organisation's time zone), per due date, through the outbox.
 */
export function startTrainingReminders(deps: AppDeps, log: Logger): { stop: () => void } {
  const timer = setInterval(() => {
    sendTrainingReminders(deps, log)
      .then((sent) => {
        if (sent > 0) log.info({ sent }, 'training reminders sent');
      })
      .catch((error: unknown) => log.error({ err: error }, 'training reminders failed'));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
