import type { AppDeps } from '../core/deps.ts';
import type { Logger } from '../core/logger.ts';
import { sweepUnconfirmedAccounts } from '../modules/auth/unconfirmed-accounts.service.ts';

const everyMs = 60 * 60_000;

/**
 * Removes accounts left unconfirmed for more than seven days (closing the empty organisation each one
 * created, with the closure in its audit trail), every hour, so a squatted address is freed even if
 * its owner never signs up. Requests never need it: a real owner's sign-up supersedes such an account.
 */
export function startUnconfirmedSweeper(deps: AppDeps, log: Logger): { stop: () => void } {
  const timer = setInterval(() => {
    sweepUnconfirmedAccounts(deps, log)
      .then((removed) => {
        if (removed > 0) log.info({ removed }, 'unconfirmed accounts removed');
      })
      .catch((error: unknown) => log.error({ err: error }, 'unconfirmed-account sweep failed'));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
