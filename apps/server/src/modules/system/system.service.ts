import type { HealthReply } from '@custodian/shared/contracts/health.ts';
import { appVersion } from '../../core/version.ts';
import type { TxCtx } from '../../core/ctx.ts';
import { schemaVersion } from '../../db/migrate.ts';

/** Liveness: the database answers (in the request's transaction), with its kind, schema and catalogue versions. */
export async function getHealth(ctx: TxCtx): Promise<HealthReply> {
  return {
    status: 'ok',
    database: ctx.deps.database.kind,
    migrationVersion: await schemaVersion(ctx.tx),
    catalogue: { version: ctx.deps.catalogue.catalogue.version, checksum: ctx.deps.catalogue.checksum },
    version: appVersion,
  };
}
