import type { LoadedCatalogue } from '@custodian/catalogue/load-catalogue.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { BlobStore } from '../lib/blob-store/blob-store.ts';
import type { ServerKeys } from '../keys.ts';
import type { CheckpointWriter } from '../modules/audit-log/checkpoint-writer.ts';

/** Everything the server is built from; tests and the CLI build their own. */
export interface AppDeps {
  database: Database;
  config: Config;
  catalogue: LoadedCatalogue;
  keys: ServerKeys;
  clock: () => Date;
  /** Wakes the mail worker after mail was queued (call after the transaction committed). */
  notifyMail: () => void;
  /** Where uploaded evidence files are kept, by SHA-256 (EVIDENCE_STORE). */
  blobs: BlobStore;
  /** Writes signed audit checkpoints outside the database after commit; absent in tools that write none (benchmarks). */
  checkpoints?: CheckpointWriter;
  /**
   * Seams for the proof harness, never set in production: `afterOpen` runs once a transaction has
   * resolved who is asking, before any work (the race check holds two requests there so their reads
   * and writes truly interleave).
   */
  testHooks?: { afterOpen?: () => Promise<void> };
}
