import type { AppDeps } from '../core/deps.ts';
import type { Logger } from '../core/logger.ts';
import { sendEvidenceReminders } from '../modules/evidence/evidence-reminders.service.ts';

const everyMs = 60 * 60_000;

/**
 * Every hour: each evidence item whose valid-until date is within 30 days (in its organisation's time
 * zone) gets one e-mail to its owner, and one more once it has expired, through the outbox.
 */
export function startEvidenceReminders(deps: AppDeps, log: Logger): { stop: () => void } {
  const timer = setInterval(() => {
    sendEvidenceReminders(deps, log)
      .then((sent) => {
        if (sent > 0) log.info({ sent }, 'evidence reminders sent');
      })
      .catch((error: unknown) => log.error({ err: error }, 'evidence reminders failed'));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
