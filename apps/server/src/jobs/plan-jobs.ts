import type { AppDeps } from '../core/deps.ts';
import type { Logger } from '../core/logger.ts';
import { sendObligationReminders } from '../modules/plan/obligation-reminders.service.ts';
import { recordAllPlanProjections } from '../modules/plan/plan-projection.service.ts';

const everyMs = 60 * 60_000;

/**
 * Every hour (and shortly after start): today's point of each plan's projected Stage 2 date (the pace
 * and "why it moved" read these points), then the e-mail reminders for every dated obligation that is
 * due within 7 days or overdue, once per obligation, due date and stage.
 */
export function startPlanJobs(deps: AppDeps, log: Logger): { stop: () => void } {
  const run = () => {
    recordAllPlanProjections(deps, log)
      .then((written) => {
        if (written > 0) log.debug({ written }, 'plan projections recorded');
        return sendObligationReminders(deps, log);
      })
      .then((sent) => {
        if (sent > 0) log.info({ sent }, 'obligation reminders sent');
      })
      .catch((error: unknown) => log.error({ err: error }, 'plan jobs failed'));
  };
  const first = setTimeout(run, 10_000);
  first.unref();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
