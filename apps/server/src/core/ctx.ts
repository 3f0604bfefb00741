import type { AuditAction } from '@custodian/shared/domain/audit-wording.ts';
import type { Tx } from '../db/with-org.ts';
import type { AuthState, OrgActor, OrgInfo, SessionState, UserInfo } from './auth-state.ts';
import type { AppDeps } from './deps.ts';
import type { Logger } from './logger.ts';

/** What an audit event is about. */
export interface AuditEntity {
  type: string;
  id: string;
}

/** Who an audit event is recorded for: the organisation whose trail it joins, and the person. */
export interface AuditWho {
  orgId: string;
  userId: string | null;
  label: string;
}

export interface AuditEvent {
  /** One of the codes the audit trail has words for (packages/shared/src/domain/audit-wording.ts). */
  action: AuditAction;
  entity: AuditEntity;
  before?: unknown;
  after?: unknown;
}

/** What every service call knows: the server's parts, the request's time, id and logger. */
export interface BaseCtx {
  deps: AppDeps;
  /** The request's time, read once: every date a request writes is this one. */
  now: Date;
  requestId: string;
  log: Logger;
  /** The browser's user agent, when the work comes from a request (a new session records its device). */
  userAgent?: string | undefined;
}

/** A service's view of one transaction: who is asking, and the transaction everything runs in. */
export interface TxCtx extends BaseCtx {
  tx: Tx;
  auth: AuthState;
  /** Appends an event to an organisation's audit trail, in this transaction. */
  recordAudit: (who: AuditWho, event: AuditEvent) => Promise<void>;
  /** Changes the tenancy scope of this transaction (sign-up creates an organisation; an invitation joins one). */
  setScope: (scope: { orgId: string | null; userId: string | null }) => Promise<void>;
  /**
   * Declares why this transaction may change rows without an audit event. Without it, a transaction
   * that changed rows (outside the session and audit tables) and recorded no event is refused.
   */
  skipAudit: (reason: string) => void;
  /** Runs work once the transaction has committed (waking the mail worker); never on rollback. */
  afterCommit: (work: () => void) => void;
}

/** A transaction of a signed-in person (MFA complete). */
export interface SessionCtx extends TxCtx {
  user: UserInfo;
  session: SessionState;
}

/** A transaction of a member acting inside their organisation, with a permission. */
export interface OrgCtx extends SessionCtx {
  actor: OrgActor;
  org: OrgInfo;
  /** Records an event by this actor in this organisation's audit trail. */
  audit: (action: AuditAction, entity: AuditEntity, before?: unknown, after?: unknown) => Promise<void>;
}

/**
 * A transaction of the platform operator (a role outside every organisation), in operator mode: the
 * marketplace's row-level security shows every marketplace row, and the transaction is scoped to the
 * platform organisation, whose audit trail records what the operator does.
 */
export interface OperatorCtx extends SessionCtx {
  platformOrgId: string;
  /** Records an event by the operator in the platform organisation's audit trail. */
  audit: (action: AuditAction, entity: AuditEntity, before?: unknown, after?: unknown) => Promise<void>;
}

/**
 * A request that runs its own transactions, for work that must stay outside one (hashing a password
 * between reading an account and signing in) or must commit although the request is refused (counting
 * a failed sign-in).
 */
export interface StepsCtx extends BaseCtx {
  auth: AuthState;
  transaction: <T>(fn: (ctx: TxCtx) => Promise<T>) => Promise<T>;
}

/** The session view of a transaction; throws if nobody is signed in (the access rule should have said so). */
export function sessionCtx(ctx: TxCtx): SessionCtx {
  const { user, session } = ctx.auth;
  if (!user || !session || session.isMfaPending) throw new Error('sessionCtx used without a completed sign-in');
  return withFields(ctx, { user, session });
}

/**
 * A context with more fields. Object.assign onto a copy with the same shape keeps V8's fast object
 * layout; `{ ...ctx, more }` would build a slow dictionary-mode object on every request.
 */
function withFields<C extends TxCtx, E extends object>(ctx: C, extra: E): C & E {
  return Object.assign(
    {
      deps: ctx.deps,
      now: ctx.now,
      requestId: ctx.requestId,
      log: ctx.log,
      userAgent: ctx.userAgent,
      tx: ctx.tx,
      auth: ctx.auth,
      recordAudit: ctx.recordAudit,
      setScope: ctx.setScope,
      skipAudit: ctx.skipAudit,
      afterCommit: ctx.afterCommit,
    },
    ctx,
    extra,
  ) as C & E;
}

/** The organisation view of a transaction; throws if the session acts in no organisation. */
export function orgCtx(ctx: TxCtx): OrgCtx {
  const { actor, org } = ctx.auth;
  if (!actor || !org) throw new Error('orgCtx used without an organisation');
  const who: AuditWho = { orgId: actor.orgId, userId: actor.userId, label: actor.userLabel };
  return withFields(sessionCtx(ctx), {
    actor,
    org,
    audit: (action: AuditAction, entity: AuditEntity, before?: unknown, after?: unknown) => ctx.recordAudit(who, { action, entity, before, after }),
  });
}

/** The operator view of a transaction already in operator mode (run-route.ts enters it). */
export function operatorCtx(ctx: TxCtx, platformOrgId: string): OperatorCtx {
  const session = sessionCtx(ctx);
  const who: AuditWho = { orgId: platformOrgId, userId: session.user.id, label: `${session.user.name} <${session.user.email}> (platform operator)` };
  return withFields(session, {
    platformOrgId,
    audit: (action: AuditAction, entity: AuditEntity, before?: unknown, after?: unknown) => ctx.recordAudit(who, { action, entity, before, after }),
  });
}
