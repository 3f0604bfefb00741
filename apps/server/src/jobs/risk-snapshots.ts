import type { AppDeps } from '../core/deps.ts';
import type { Logger } from '../core/logger.ts';
import { snapshotAllOrganisations } from '../modules/risk-insights/risk-insights.service.ts';

const everyMs = 60 * 60_000;

/**
 * Every hour (and once at start): each organisation's risk snapshot for its own today, in its time
 * zone, so the trend chart has a point for every day even when nobody changed a risk. A run rewrites
 * today's point with the register as it stands; changes to risks rewrite it too.
 */
export function startRiskSnapshots(deps: AppDeps, log: Logger): { stop: () => void } {
  const run = () => {
    snapshotAllOrganisations(deps, log)
      .then((written) => {
        if (written > 0) log.debug({ written }, 'risk snapshots written');
      })
      .catch((error: unknown) => log.error({ err: error }, 'risk snapshots failed'));
  };
  const first = setTimeout(run, 5_000);
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
