import { assetListQuery } from '@custodian/shared/contracts/assets.ts';
import { controlListQuery } from '@custodian/shared/contracts/controls.ts';
import { auditListQuery } from '@custodian/shared/contracts/audit-log.ts';
import { gapListQuery } from '@custodian/shared/contracts/gap.ts';
import { memberListQuery } from '@custodian/shared/contracts/org.ts';
import { riskListQuery } from '@custodian/shared/contracts/risks.ts';
import { evidenceListQuery } from '@custodian/shared/contracts/evidence.ts';
import type { TxCtx } from '../apps/server/src/core/ctx.ts';
import { orgCtx } from '../apps/server/src/core/ctx.ts';
import type { AppDeps } from '../apps/server/src/core/deps.ts';
import { silentLogger } from '../apps/server/src/core/logger.ts';
import { runTransaction } from '../apps/server/src/core/transaction.ts';
import { listAssets } from '../apps/server/src/modules/assets/assets.service.ts';
import { listAuditEvents } from '../apps/server/src/modules/audit-log/audit-log.service.ts';
import { describeSession, openRequest, sessionIdHash } from '../apps/server/src/modules/auth/session.service.ts';
import { listControls } from '../apps/server/src/modules/gap/controls.service.ts';
import { getReadiness, listGapItems } from '../apps/server/src/modules/gap/gap.service.ts';
import { getSoaDraft } from '../apps/server/src/modules/soa/soa.service.ts';
import { listMembers } from '../apps/server/src/modules/org/org.service.ts';
import { listRisks } from '../apps/server/src/modules/risks/risks.service.ts';
import { listEvidence } from '../apps/server/src/modules/evidence/evidence.service.ts';

/** Who the benchmark is signed in as, and how much data its organisation holds. */
export interface Fixture {
  sessionToken: string;
  orgId: string;
  memberCount: number;
  auditEventCount: number;
}

/** One endpoint the load client requests. */
export interface HttpTarget {
  key: string;
  label: string;
  path: string;
  /** Paginated list endpoints: the ones the p95 target applies to. */
  isList: boolean;
  /** The raw-SQL baseline of the same request (the statements its transaction sends). */
  rawKey: string | null;
  hasSession: boolean;
}

/** One raw-SQL baseline: a service call whose statements are captured once and then replayed. */
export interface RawTarget {
  key: string;
  label: string;
  /** Runs the request's transaction once on the given deps (its Kysely records the statements). */
  work: (deps: AppDeps) => Promise<unknown>;
}

const limit = 50;

/**
 * The asset register's list as the bench asks for it (L: 10,000 assets): the first page, a
 * filtered page sorted by last change, a search by name or ref, and the last page (keyset: as cheap
 * as the first). Each has the raw-SQL baseline of its own statements.
 */
const assetListQueries: ReadonlyArray<{ key: string; label: string; query: Record<string, string> }> = [
  { key: 'assets-first', label: 'GET /assets (first page, by name)', query: { limit: String(limit) } },
  { key: 'assets-filtered', label: 'GET /assets?kind&classification', query: { kind: 'device', classification: 'confidential', sort: 'updatedAt', order: 'desc', limit: String(limit) } },
  { key: 'assets-search', label: 'GET /assets?q=server (by ref)', query: { q: 'server', sort: 'ref', limit: String(limit) } },
  { key: 'assets-last', label: 'GET /assets?cursor=last', query: { sort: 'updatedAt', order: 'desc', limit: String(limit), cursor: 'last' } },
];

/**
 * The risk register's list (L: 25,000 risks), with the same four shapes as the assets':
 * q, status, residualLevel, ownerId, assetId; sort ref|title|updatedAt|inherent|residual|nextReview.
 */
const riskListQueries: ReadonlyArray<{ key: string; label: string; query: Record<string, string> }> = [
  { key: 'risks-first', label: 'GET /risks (first page, by ref)', query: { sort: 'ref', limit: String(limit) } },
  { key: 'risks-filtered', label: 'GET /risks?status&residualLevel', query: { status: 'in_treatment', residualLevel: 'medium', sort: 'residual', order: 'desc', limit: String(limit) } },
  { key: 'risks-search', label: 'GET /risks?q=ransomware', query: { q: 'ransomware', sort: 'updatedAt', order: 'desc', limit: String(limit) } },
  { key: 'risks-last', label: 'GET /risks?cursor=last', query: { sort: 'title', limit: String(limit), cursor: 'last' } },
];

/**
 * Evidence (L: 100,000 links, one item per ten): the first page by title, the evidence of one control
 * (the link table's target index) and the items expiring within 30 days.
 */
const evidenceListQueries: ReadonlyArray<{ key: string; label: string; query: Record<string, string> }> = [
  { key: 'evidence-first', label: 'GET /evidence (first page, by title)', query: { limit: String(limit) } },
  { key: 'evidence-of-control', label: 'GET /evidence?targetKind=control&targetId=A.8.13', query: { targetKind: 'control', targetId: 'iso27001:2022:A.8.13', limit: String(limit) } },
  { key: 'evidence-expiring', label: 'GET /evidence?validity=expiring', query: { validity: 'expiring', sort: 'validUntil', limit: String(limit) } },
];

const queryString = (query: Record<string, string>) => new URLSearchParams(query).toString();

/** The key of the trivial route (no session, no database): the framework floor. */
export const trivialKey = 'noop';
/** The key of the signed-in request that does nothing: cookie, one transaction with the resolve statement, reply. */
export const signedInNoopKey = 'signed-in-noop';
/** The key of the raw baseline that only identifies the caller: start transaction, resolve + scope, commit. */
export const sessionLookupKey = 'session-lookup';

/** Every endpoint measured, then the signed-in do-nothing request and the trivial route (no cookie). */
export function httpTargets(): HttpTarget[] {
  const api = (key: string, label: string, path: string, isList: boolean, rawKey: string | null): HttpTarget => ({
    key,
    label,
    path: `/api/v1${path}`,
    isList,
    rawKey,
    hasSession: true,
  });
  return [
    api('members-first', 'GET /members (first page)', `/members?limit=${limit}`, true, 'members-first'),
    api('members-last', 'GET /members?cursor=last', `/members?limit=${limit}&cursor=last`, true, 'members-last'),
    api('gap-items', 'GET /gap/items', '/gap/items', true, 'gap-items'),
    api('gap-readiness', 'GET /gap/readiness', '/gap/readiness', false, 'gap-readiness'),
    api('controls-first', 'GET /controls (first page)', `/controls?limit=${limit}`, true, 'controls-first'),
    api('controls-filtered', 'GET /controls?status=implemented', `/controls?status=implemented&sort=status&limit=${limit}`, true, 'controls-filtered'),
    api('soa-draft', 'GET /soa (the statement with its checks)', '/soa', false, 'soa-draft'),
    ...assetListQueries.map((q) => api(q.key, q.label, `/assets?${queryString(q.query)}`, true, q.key)),
    ...riskListQueries.map((q) => api(q.key, q.label, `/risks?${queryString(q.query)}`, true, q.key)),
    ...evidenceListQueries.map((q) => api(q.key, q.label, `/evidence?${queryString(q.query)}`, true, q.key)),
    api('audit-first', 'GET /audit-log (first page)', `/audit-log?limit=${limit}`, true, 'audit-first'),
    api('audit-last', 'GET /audit-log?cursor=last', `/audit-log?limit=${limit}&cursor=last`, true, 'audit-last'),
    api('catalogue', 'GET /catalogue', '/catalogue', false, sessionLookupKey),
    api('session', 'GET /auth/session', '/auth/session', false, 'session-describe'),
    api(signedInNoopKey, 'GET /bench/signed-in (does nothing)', '/bench/signed-in', false, sessionLookupKey),
    { key: trivialKey, label: 'GET /bench/noop (trivial, no cookie)', path: '/bench/noop', isList: false, rawKey: null, hasSession: false },
  ];
}

/**
 * The raw-SQL baselines: each runs the route's own service inside the same kind of transaction a GET
 * request runs (READ ONLY, REPEATABLE READ, first statement = openRequest resolving the bench session
 * and setting the tenancy scope), so the captured statements are exactly the route's: start
 * transaction, resolve + scope, the page's statements, commit. `session-lookup` is that transaction
 * with nothing in it: what identifying the caller costs (and all the SQL of the catalogue and of the
 * signed-in do-nothing request).
 */
export function rawTargets(fx: Fixture): RawTarget[] {
  const now = new Date();
  const idHash = sessionIdHash(fx.sessionToken);
  if (!idHash) throw new Error('the bench session token is not a plausible session cookie');
  const inRequest =
    <T>(fn: (ctx: TxCtx) => Promise<T>) =>
    async (deps: AppDeps) => {
      const base = { deps, now, requestId: 'bench', log: silentLogger };
      const { result, auth } = await runTransaction(base, { isReadOnly: true, open: (tx, isCounting, begin) => openRequest(tx, deps, idHash, now, isCounting, begin) }, fn);
      if (auth.actor?.orgId !== fx.orgId) throw new Error('the bench session does not resolve to the bench organisation');
      return result;
    };
  return [
    { key: 'members-first', label: 'members, first page', work: inRequest((ctx) => listMembers(orgCtx(ctx), memberListQuery.parse({ limit: String(limit) }))) },
    {
      key: 'members-last',
      label: 'members, cursor=last',
      work: inRequest((ctx) => listMembers(orgCtx(ctx), memberListQuery.parse({ limit: String(limit), cursor: 'last' }))),
    },
    { key: 'gap-items', label: 'gap items', work: inRequest((ctx) => listGapItems(orgCtx(ctx), gapListQuery.parse({}))) },
    { key: 'gap-readiness', label: 'gap readiness', work: inRequest((ctx) => getReadiness(orgCtx(ctx))) },
    { key: 'controls-first', label: 'controls, first page', work: inRequest((ctx) => listControls(orgCtx(ctx), controlListQuery.parse({ limit: String(limit) }))) },
    {
      key: 'controls-filtered',
      label: 'controls, implemented',
      work: inRequest((ctx) => listControls(orgCtx(ctx), controlListQuery.parse({ status: 'implemented', sort: 'status', limit: String(limit) }))),
    },
    { key: 'soa-draft', label: 'SoA draft with its checks', work: inRequest((ctx) => getSoaDraft(orgCtx(ctx))) },
    {
      key: 'audit-first',
      label: 'audit log, first page',
      work: inRequest((ctx) => listAuditEvents(orgCtx(ctx), auditListQuery.parse({ limit: String(limit) }))),
    },
    {
      key: 'audit-last',
      label: 'audit log, cursor=last',
      work: inRequest((ctx) => listAuditEvents(orgCtx(ctx), auditListQuery.parse({ limit: String(limit), cursor: 'last' }))),
    },
    ...assetListQueries.map((q) => ({ key: q.key, label: `assets: ${q.label.replace(/^GET /, '')}`, work: inRequest((ctx) => listAssets(orgCtx(ctx), assetListQuery.parse(q.query))) })),
    ...riskListQueries.map((q) => ({ key: q.key, label: `risks: ${q.label.replace(/^GET /, '')}`, work: inRequest((ctx) => listRisks(orgCtx(ctx), riskListQuery.parse(q.query))) })),
    ...evidenceListQueries.map((q) => ({ key: q.key, label: `evidence: ${q.label.replace(/^GET /, '')}`, work: inRequest((ctx) => listEvidence(orgCtx(ctx), evidenceListQuery.parse(q.query))) })),
    { key: 'session-describe', label: 'auth/session (describeSession)', work: inRequest((ctx) => describeSession(ctx)) },
    { key: sessionLookupKey, label: 'session lookup only (resolve + scope)', work: inRequest(async () => null) },
  ];
}
