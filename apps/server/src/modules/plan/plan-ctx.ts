import type { Role } from '@custodian/shared/permissions.ts';
import type { AuthState, OrgInfo } from '../../core/auth-state.ts';
import { orgCtx, type OrgCtx, type TxCtx } from '../../core/ctx.ts';

/** The id the automatic reader acts under: nobody (no person's row has it). */
const nobody = '00000000-0000-0000-0000-000000000000';

/**
 * An organisation view of a transaction opened without a session (the calendar feed, the reminder
 * job), so the modules' progress and obligation sources, which take an OrgCtx, can be read. The
 * transaction is already scoped to the organisation (row-level security); the person is the feed's
 * owner, or nobody for the job. The sources only read: an audit event through it is refused.
 */
export function readerCtx(ctx: TxCtx, org: OrgInfo, person: { userId: string; name: string; email: string; role: Role } | null): OrgCtx {
  const userId = person?.userId ?? nobody;
  const auth: AuthState = {
    session: { idHash: 'calendar-or-job', userId, orgId: org.id, isMfaPending: false, createdAt: ctx.now },
    user: { id: userId, name: person?.name ?? 'Custodian (automatic)', email: person?.email ?? '', hasMfa: false },
    actor: { userId, userLabel: person ? `${person.name} <${person.email}>` : 'Custodian (automatic)', orgId: org.id, role: person?.role ?? 'auditor' },
    org,
    isMfaRequiredByOrg: false,
    needsTouch: false,
  };
  const view = orgCtx(Object.assign({}, ctx, { auth }));
  return Object.assign(view, {
    audit: () => Promise.reject(new Error('an obligation or progress source tried to write while being read for the plan')),
  });
}
