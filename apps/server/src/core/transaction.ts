import { applyScope, countAuditableWrites, endTransaction, type TransactionStart } from '../db/scope.ts';
import type { Tx } from '../db/with-org.ts';
import { appendAuditEvent, type ChainHeads } from '../modules/audit-log/audit-log.service.ts';
import { anonymous, type AuthState, type OrgActor, type OrgInfo } from './auth-state.ts';
import { orgCtx, type BaseCtx, type OrgCtx, type TxCtx } from './ctx.ts';

export interface TransactionOptions {
  /**
   * Reads run READ ONLY at REPEATABLE READ: one consistent snapshot for every statement of the request
   * (a list and its total, an export's sheets), and no way to write by mistake.
   */
  isReadOnly: boolean;
  /**
   * The first round trip: starts the transaction (`begin`), says who is asking and sets the tenancy
   * scope; when asked to count writes, also returns the write counter the transaction starts from.
   */
  open: (tx: Tx, isCountingWrites: boolean, begin: TransactionStart) => Promise<Opened>;
}

export interface Opened {
  auth: AuthState;
  writesBefore: number;
}

/**
 * Runs fn in one transaction with a service context. A transaction that changed rows and recorded no
 * audit event (and did not say why with skipAudit) is rolled back and fails: a state change cannot
 * finish unrecorded. Returns fn's result and who was asking.
 */
export async function runTransaction<T>(base: BaseCtx, options: TransactionOptions, fn: (ctx: TxCtx) => Promise<T>): Promise<{ result: T; auth: AuthState }> {
  const committed: Array<() => void> = [];
  const work = async (tx: Tx): Promise<{ result: T; auth: AuthState }> => {
    const { auth, writesBefore } = await options.open(tx, !options.isReadOnly, options.isReadOnly ? 'read' : 'write');
    if (base.deps.testHooks?.afterOpen) await base.deps.testHooks.afterOpen();
    const heads: ChainHeads = new Map();
    let audits = 0;
    let skipReason: string | null = null;
    // Written out rather than spread from base: V8 builds a spread-then-extended object in its slow
    // dictionary mode (see gap-items.ts), and this object is made on every request.
    const ctx: TxCtx = {
      deps: base.deps,
      now: base.now,
      requestId: base.requestId,
      log: base.log,
      userAgent: base.userAgent,
      tx,
      auth,
      recordAudit: async (who, event) => {
        await appendAuditEvent(tx, heads, who, event, { at: base.now, requestId: base.requestId, key: base.deps.keys.auditMac });
        audits += 1;
      },
      setScope: async (scope) => {
        await applyScope(tx, scope);
      },
      skipAudit: (reason) => {
        skipReason = reason;
      },
      afterCommit: (task) => {
        committed.push(task);
      },
    };
    const result = await fn(ctx);
    if (!options.isReadOnly && audits === 0) {
      const writes = (await countAuditableWrites(tx)) - writesBefore;
      if (writes > 0 && skipReason === null) throw new Error(`${writes} row(s) changed without an audit event; the change was rolled back`);
      if (writes > 0) base.log.debug({ writes, reason: skipReason }, 'change without an audit event');
    }
    // Once committed, the heads this transaction moved are due a signed checkpoint (at most one a minute each).
    const writer = base.deps.checkpoints;
    if (writer && heads.size > 0) committed.push(() => writer.headsMoved([...heads].map(([orgId, head]) => ({ orgId, ...head }))));
    return { result, auth };
  };
  const outcome = await base.deps.database.db.connection().execute(async (tx) => {
    try {
      const done = await work(tx);
      await endTransaction(tx, 'commit');
      return done;
    } catch (error) {
      // Whatever failed (the opening statement included), the connection goes back to the pool with no transaction open.
      await endTransaction(tx, 'rollback').catch(() => undefined);
      throw error;
    }
  });
  for (const done of committed) done();
  return outcome;
}

/** A transaction scoped to a person (and an organisation), outside any request: the CLI, demo data, tests. */
export function scopedOpen(scope: { orgId: string | null; userId: string | null }, auth: AuthState = anonymous) {
  return async (tx: Tx, isCountingWrites: boolean, begin: TransactionStart): Promise<Opened> => ({
    auth,
    writesBefore: await applyScope(tx, scope, isCountingWrites, begin),
  });
}

/**
 * Runs fn as a member of an organisation without a session (demo data, benchmarks, tests that call
 * services directly). The actor and organisation are taken as given.
 */
export async function runAsMember<T>(
  base: BaseCtx,
  member: { actor: OrgActor; org: OrgInfo; email: string; name: string },
  fn: (ctx: OrgCtx) => Promise<T>,
  isReadOnly = false,
): Promise<T> {
  const auth: AuthState = {
    session: { idHash: 'system', userId: member.actor.userId, orgId: member.org.id, isMfaPending: false, createdAt: base.now },
    user: { id: member.actor.userId, name: member.name, email: member.email, hasMfa: false },
    actor: member.actor,
    org: member.org,
    isMfaRequiredByOrg: false,
    needsTouch: false,
  };
  const open = scopedOpen({ orgId: member.org.id, userId: member.actor.userId }, auth);
  return (await runTransaction(base, { isReadOnly, open }, (ctx) => fn(orgCtx(ctx)))).result;
}
