import type { LoadedCatalogue } from '@custodian/catalogue/load-catalogue.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';

/** Everything the server is built from; tests and the CLI build their own. */
export interface AppDeps {
  database: Database;
  config: Config;
  catalogue: LoadedCatalogue;
  keys: { encryption: Buffer; csrf: Buffer };
  clock: () => Date;
  /** Wakes the mail worker after mail was queued (call after the transaction committed). */
  notifyMail: () => void;
  /**
   * Seams for the proof harness, never set in production: `afterOpen` runs once a transaction has
   * resolved who is asking, before any work (the race check holds two requests there so their reads
   * and writes truly interleave).
   */
  testHooks?: { afterOpen?: () => Promise<void> };
}
