import Fastify from 'fastify';
import { auditListQuery } from '@custodian/shared/contracts/audit-log.ts';
import { gapListQuery } from '@custodian/shared/contracts/gap.ts';
import type { AppDeps, Ctx } from '../apps/server/src/http/context.ts';
import { listAuditEvents } from '../apps/server/src/modules/audit-log/audit-log.service.ts';
import { describeSession, resolveAuth } from '../apps/server/src/modules/auth/session.service.ts';
import { listGapItems } from '../apps/server/src/modules/gap/gap.service.ts';
import { listMembers } from '../apps/server/src/modules/org/org.service.ts';

/** Who the benchmark is signed in as, and how much data its organisation holds. */
export interface Fixture {
  sessionToken: string;
  userId: string;
  userLabel: string;
  orgId: string;
  memberCount: number;
  auditEventCount: number;
}

export interface HttpTarget {
  key: string;
  label: string;
  path: string;
  /** Paginated list endpoints: the ones the p95 target applies to. */
  isList: boolean;
  /** The raw-SQL baseline for the same page, if the endpoint touches the database. */
  rawKey: string | null;
  hasSession: boolean;
}

export interface RawTarget {
  key: string;
  label: string;
  /** Calls the same service function the route calls; its statements are captured and replayed. */
  work: () => Promise<unknown>;
}

const pageSize = 50;
const lastPage = (total: number) => Math.max(1, Math.ceil(total / pageSize));

/** Every endpoint measured, plus the trivial route (no session cookie: the framework floor). */
export function httpTargets(fx: Fixture): HttpTarget[] {
  const members = lastPage(fx.memberCount);
  const audit = lastPage(fx.auditEventCount);
  const api = (key: string, label: string, path: string, isList: boolean, rawKey: string | null): HttpTarget => ({ key, label, path: `/api/v1${path}`, isList, rawKey, hasSession: true });
  return [
    api('members-p1', 'GET /members?page=1', `/members?page=1&pageSize=${pageSize}`, true, 'members-p1'),
    api('members-deep', `GET /members?page=${members} (last)`, `/members?page=${members}&pageSize=${pageSize}`, true, 'members-deep'),
    api('gap-items', 'GET /gap/items', '/gap/items', true, 'gap-entries'),
    api('gap-readiness', 'GET /gap/readiness', '/gap/readiness', false, 'gap-entries'),
    api('audit-p1', 'GET /audit-log?page=1', '/audit-log?page=1', true, 'audit-p1'),
    api('audit-deep', `GET /audit-log?page=${audit} (last)`, `/audit-log?page=${audit}`, true, 'audit-deep'),
    api('catalogue', 'GET /catalogue', '/catalogue', true, null),
    api('session', 'GET /auth/session', '/auth/session', false, 'session-describe'),
    { key: 'noop', label: 'GET /bench/noop (trivial)', path: '/bench/noop', isList: false, rawKey: null, hasSession: false },
  ];
}

/**
 * The raw-SQL baselines: each page's own transaction (as the route's service runs it), and the session
 * lookup that every signed-in request runs before it.
 */
export async function rawTargets(fx: Fixture, deps: AppDeps): Promise<RawTarget[]> {
  const ctx: Ctx = { deps, actor: { userId: fx.userId, userLabel: fx.userLabel, orgId: fx.orgId, role: 'owner' }, requestId: 'bench', log: Fastify({ logger: false }).log };
  const auth = await resolveAuth(deps, fx.sessionToken);
  if (!auth.actor) throw new Error('the bench session does not resolve to an organisation');
  return [
    { key: 'members-p1', label: 'members page 1', work: () => listMembers(ctx, 1, pageSize) },
    { key: 'members-deep', label: 'members last page', work: () => listMembers(ctx, lastPage(fx.memberCount), pageSize) },
    { key: 'gap-entries', label: 'gap entries (items, readiness)', work: () => listGapItems(ctx, gapListQuery.parse({})) },
    { key: 'audit-p1', label: 'audit-log page 1', work: () => listAuditEvents(ctx, auditListQuery.parse({ page: '1' })) },
    { key: 'audit-deep', label: 'audit-log last page', work: () => listAuditEvents(ctx, auditListQuery.parse({ page: String(lastPage(fx.auditEventCount)) })) },
    { key: 'session-describe', label: 'auth/session reply', work: () => describeSession(deps, auth, 'bench') },
    { key: 'session-lookup', label: 'session lookup (every request)', work: () => resolveAuth(deps, fx.sessionToken) },
  ];
}
