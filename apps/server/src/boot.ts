import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadCatalogue } from '@custodian/catalogue/load-catalogue.ts';
import type { Config } from './config.ts';
import { openPglite, openPostgres, type Database } from './db/client.ts';
import { lockDataDir } from './db/data-dir-lock.ts';
import { migrate } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import type { RouteBinding } from './http/route-kit.ts';
import type { AppDeps } from './core/deps.ts';
import { startMailWorker, type MailWorker } from './jobs/mail-worker.ts';
import { startRiskSnapshots } from './jobs/risk-snapshots.ts';
import { startSessionSweeper } from './jobs/session-sweeper.ts';
import { startUnconfirmedSweeper } from './jobs/unconfirmed-sweeper.ts';
import { startLeadPassOn } from './jobs/lead-pass-on.ts';
import { startRiskReviewReminders } from './jobs/risk-review-reminders.ts';
import { startEvidenceReminders } from './jobs/evidence-reminders.ts';
import { startCorrectiveActionReminders } from './jobs/corrective-action-reminders.ts';
import { loadKeys } from './keys.ts';
import { openBlobStore } from './lib/blob-store/open-blob-store.ts';
import { checkpointAllHeads } from './modules/audit-log/audit-log.service.ts';
import { createCheckpointWriter } from './modules/audit-log/checkpoint-writer.ts';
import { registerCatalogue } from './modules/catalogue/catalogue.service.ts';
import { seedDemoIfEmpty, type DemoLogin } from './modules/demo/demo.service.ts';
import { ensurePlatformOrg } from './modules/org/org.service.ts';
import { seedDemoProvidersIfEmpty } from './modules/marketplace/provider-demo.ts';
import { runTransaction, scopedOpen } from './core/transaction.ts';

export interface Server {
  app: FastifyInstance;
  deps: AppDeps;
  mail: MailWorker;
  migrationVersion: number;
  demo: DemoLogin | null;
  close: () => Promise<void>;
}

/** Opens the configured database: a PostgreSQL server, or the embedded PGlite directory (locked). */
export async function openDatabase(config: Config): Promise<{ database: Database; release: () => void }> {
  if (config.databaseUrl) return { database: openPostgres(config.databaseUrl), release: () => undefined };
  const dir = resolve(config.dataDir, 'pglite');
  const release = lockDataDir(resolve(config.dataDir));
  try {
    return { database: await openPglite(dir), release };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * Boot in order: database (migrated), catalogue (validated, registered by checksum), keys, HTTP app,
 * audit checkpoints (every chain head not yet in its file), mail worker, demo data. Used by main.ts and by the tests, so both run the same server.
 */
export async function bootServer(
  config: Config,
  options: {
    database?: Database;
    logger?: boolean;
    logStream?: { write: (line: string) => void };
    clock?: () => Date;
    mailPollMs?: number;
    isValidatingReplies?: boolean;
    extraRoutes?: readonly RouteBinding[];
    isRunningTimedJobs?: boolean;
  } = {},
): Promise<Server> {
  const opened = options.database ? { database: options.database, release: () => undefined } : await openDatabase(config);
  const { database } = opened;
  const migrationVersion = await migrate(database.db);
  const catalogue = loadCatalogue();
  await registerCatalogue(database.db, catalogue);
  const clock = options.clock ?? (() => new Date());
  let mail: MailWorker | null = null;
  const deps: AppDeps = {
    database,
    config,
    catalogue,
    keys: loadKeys(config.secret, join(config.dataDir)),
    clock,
    notifyMail: () => mail?.nudge(),
    blobs: openBlobStore(config.evidenceStore),
  };
  const app = await buildApp(deps, {
    logger: options.logger ?? true,
    isValidatingReplies: options.isValidatingReplies ?? false,
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}),
  });
  const checkpoints = createCheckpointWriter({
    dir: config.auditCheckpointDir,
    key: deps.keys.auditCheckpoint,
    clock,
    log: app.log,
    intervalMs: config.auditCheckpointSeconds * 1000,
  });
  deps.checkpoints = checkpoints;
  try {
    mkdirSync(config.auditCheckpointDir, { recursive: true, mode: 0o700 });
    await checkpointAllHeads(database.db, checkpoints);
  } catch (error) {
    await app.close();
    throw new Error(
      `Cannot write audit checkpoints to ${config.auditCheckpointDir} (AUDIT_CHECKPOINT_DIR): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  mail = startMailWorker({
    db: database.db,
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    log: app.log,
    clock,
    ...(options.mailPollMs ? { pollMs: options.mailPollMs } : {}),
  });
  // The timed jobs (sweepers, lead pass-on, risk snapshots and review reminders). The integration tests
  // turn them off: a job writing at a moment of its own (the risk snapshot runs 5 s after start) would
  // change the data a test is comparing; each job's work has its own tests, called directly.
  const timedJobs =
    (options.isRunningTimedJobs ?? true)
      ? [startSessionSweeper, startUnconfirmedSweeper, startLeadPassOn, startRiskSnapshots, startRiskReviewReminders, startEvidenceReminders, startCorrectiveActionReminders].map((start) => start(deps, app.log))
      : [];
  const base = { deps, now: clock(), requestId: 'platform-org', log: app.log };
  await runTransaction(base, { isReadOnly: false, open: scopedOpen({ orgId: null, userId: null }) }, (ctx) => ensurePlatformOrg(ctx));
  const demo = config.isDemoEnabled ? await seedDemoIfEmpty(deps, app.log) : null;
  if (config.isDemoEnabled) await seedDemoProvidersIfEmpty(deps, app.log);
  const worker = mail;
  return {
    app,
    deps,
    mail: worker,
    migrationVersion,
    demo,
    close: async () => {
      await app.close();
      for (const job of timedJobs) job.stop();
      checkpoints.stop();
      await worker.stop();
      if (!options.database) await database.close();
      opened.release();
    },
  };
}
