import type { AppDeps } from '../core/deps.ts';
import type { Logger } from '../core/logger.ts';
import { sendDocumentReminders } from '../modules/documents/document-reminders.service.ts';

const everyMs = 60 * 60_000;

/** Every hour: review dates coming up or overdue (to each document's owner) and acknowledgements outstanding (to each person), through the outbox. */
export function startDocumentReminders(deps: AppDeps, log: Logger): { stop: () => void } {
  const timer = setInterval(() => {
    sendDocumentReminders(deps, log)
      .then((sent) => {
        if (sent > 0) log.info({ sent }, 'document reminders sent');
      })
      .catch((error: unknown) => log.error({ err: error }, 'document reminders failed'));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
