import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Action, Role } from '@custodian/shared/permissions.ts';
import type { LoadedCatalogue } from '@custodian/catalogue/load-catalogue.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';

/** Everything the server is built from; tests build their own. */
export interface AppDeps {
  database: Database;
  config: Config;
  catalogue: LoadedCatalogue;
  keys: { encryption: Buffer; csrf: Buffer };
  clock: () => Date;
  /** Wakes the mail worker after mail was queued. */
  notifyMail: () => void;
}

/** The signed-in person acting inside one organisation. */
export interface OrgActor {
  userId: string;
  userLabel: string;
  orgId: string;
  role: Role;
}

/** What a service function receives: who acts, where, and with what. */
export interface Ctx {
  deps: AppDeps;
  actor: OrgActor;
  requestId: string;
  log: FastifyBaseLogger;
}

/** Ctx for code that acts on behalf of the system or before anyone is signed in. */
export interface BaseCtx {
  deps: AppDeps;
  requestId: string;
  log: FastifyBaseLogger;
}

/** How a route is reached: without a session, with any session, mid-MFA, or with a permission. */
export type Access = 'public' | 'session' | 'mfa_pending' | Action;

export interface SessionState {
  idHash: string;
  userId: string;
  orgId: string | null;
  isMfaPending: boolean;
  createdAt: Date;
}

export interface AuthState {
  session: SessionState | null;
  user: { id: string; name: string; email: string; hasMfa: boolean } | null;
  actor: OrgActor | null;
  isMfaRequiredByOrg: boolean;
}

/** One registered API route and the access it declares (recorded by buildApp). */
export interface RouteAccessRecord {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its declared access, in registration order. */
    routeAccess: readonly RouteAccessRecord[];
  }
  interface FastifyRequest {
    auth: AuthState;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** The service context of a request whose route demanded an organisation permission. */
export function orgCtx(request: FastifyRequest, deps: AppDeps): Ctx {
  const actor = request.auth.actor;
  if (!actor) throw new Error('orgCtx used on a route without an organisation permission');
  return { deps, actor, requestId: request.id, log: request.log };
}

export function baseCtx(request: FastifyRequest, deps: AppDeps): BaseCtx {
  return { deps, requestId: request.id, log: request.log };
}
