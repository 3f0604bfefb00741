import { AppError } from '@custodian/shared/errors.ts';
import type { Role } from '@custodian/shared/permissions.ts';

/** The signed-in person acting inside one organisation. */
export interface OrgActor {
  userId: string;
  /** "Name <e-mail>", as the audit trail records who acted. */
  userLabel: string;
  orgId: string;
  role: Role;
}

/** The organisation a request acts in, as the session found it. */
export interface OrgInfo {
  id: string;
  name: string;
  timeZone: string;
  isDemo: boolean;
  isMfaRequired: boolean;
}

export interface SessionState {
  idHash: string;
  userId: string;
  orgId: string | null;
  isMfaPending: boolean;
  createdAt: Date;
  /** The organisation whose single sign-on this session came through, if any (a replacement keeps it). */
  ssoOrgId?: string | null;
}

export interface UserInfo {
  id: string;
  name: string;
  email: string;
  hasMfa: boolean;
}

/** The API token a request was made with (bearer requests only). */
export interface TokenAuth {
  id: string;
  name: string;
  scopes: readonly string[];
  /** Last used more than a minute ago: its last-used time is moved on after the request. */
  needsTouch: boolean;
}

/** Who is asking: resolved once per request, in the request's transaction. */
export interface AuthState {
  session: SessionState | null;
  user: UserInfo | null;
  /** Set when the session's organisation still has this person as a member and MFA is complete. */
  actor: OrgActor | null;
  org: OrgInfo | null;
  isMfaRequiredByOrg: boolean;
  /**
   * The session's organisation requires single sign-on and this session did not come through it (and
   * the break-glass rule does not apply): the person is not working in it.
   */
  isSsoBlocked?: boolean;
  /** The session was last seen more than a minute ago: its idle clock is moved on after the request. */
  needsTouch: boolean;
  /**
   * Set when the request carries an API token instead of a session cookie. `session` then describes
   * the token's person and organisation (it is no stored session: no cookie, no CSRF binding), and
   * `actor.userLabel` names the token, so every audit event says the change came through it.
   */
  token?: TokenAuth | null;
}

export const anonymous: AuthState = { session: null, user: null, actor: null, org: null, isMfaRequiredByOrg: false, needsTouch: false };

/** True when the organisation requires MFA and this person has not set it up yet. */
export function mustEnrolMfa(auth: AuthState): boolean {
  return auth.isMfaRequiredByOrg && auth.user !== null && !auth.user.hasMfa;
}

/** "Name <e-mail>" for the audit trail. */
export function userLabel(user: { name: string; email: string }): string {
  return `${user.name} <${user.email}>`;
}

/** Refuses a password session in an organisation that requires single sign-on, pointing to it. */
export function ssoRequiredError(where: 'sign_in' | 'in_org' = 'in_org'): AppError {
  const how = "choose \"Sign in with your organisation's single sign-on\" and enter your work e-mail address.";
  return new AppError(
    'forbidden',
    where === 'sign_in'
      ? `Your organisation asks you to sign in with its single sign-on, not a password. On the sign-in page, ${how}`
      : `This organisation asks its members to sign in with its single sign-on. Sign out, then ${how}`,
    { reason: 'sso_required' },
  );
}

/**
 * The break-glass rule of "SSO required" (the same as custodian_resolve_session's): a password session
 * may work in such an organisation only as an owner with two-step verification on.
 */
export function isEnterableWithPassword(membership: { role: string; is_sso_required: boolean }, hasMfa: boolean): boolean {
  return !membership.is_sso_required || (membership.role === 'owner' && hasMfa);
}

/** "Name <e-mail> (API token 'Nightly sync')": who acted, through which token (audit-names.ts reads it back). */
export function tokenUserLabel(user: { name: string; email: string }, tokenName: string): string {
  return `${userLabel(user)} (API token '${tokenName}')`;
}
