import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { appendAuditEvent } from '../audit-log/audit-log.service.ts';
import { findAccountByEmail, findPlatformOrg, setOperatorFlag } from './operator-role.repo.ts';

/** Who the platform trail names for a change made from the command line. */
export const commandLineLabel = 'Custodian command line (server administrator)';

export interface OperatorRoleChange {
  outcome: 'changed' | 'unchanged';
  name: string;
  email: string;
}

/**
 * Grants or removes the platform operator role of an existing, confirmed account, as the tables' owner
 * (the database refuses the application changing it), recorded in the platform organisation's audit
 * trail in the same transaction. Throws an Error with a plain message when it cannot.
 */
export async function changeOperatorRole(db: Kysely<DB>, input: { email: string; isOperator: boolean; at: Date; auditKey: Buffer }): Promise<OperatorRoleChange> {
  return db.transaction().execute(async (tx) => {
    const account = await findAccountByEmail(tx, input.email);
    if (!account || account.deleted_at) throw new Error(`No Custodian account has the e-mail address ${input.email}. The person signs up first.`);
    if (input.isOperator && !account.email_verified_at) throw new Error(`${account.email} has not confirmed its e-mail address yet: the person opens the link in the confirmation e-mail first.`);
    if (account.is_platform_operator === input.isOperator) return { outcome: 'unchanged', name: account.name, email: account.email };
    const platform = await findPlatformOrg(tx);
    if (!platform) throw new Error('The marketplace has no platform organisation yet: start the server once (it creates it), stop it, then run this again.');
    await setOperatorFlag(tx, account.id, input.isOperator);
    const who = { orgId: platform, userId: null, label: commandLineLabel };
    const fields = { name: account.name, email: account.email };
    const event = input.isOperator
      ? { action: 'platform_operator.granted' as const, entity: { type: 'user', id: account.id }, after: fields }
      : { action: 'platform_operator.revoked' as const, entity: { type: 'user', id: account.id }, before: fields };
    await appendAuditEvent(tx, new Map(), who, event, { at: input.at, requestId: null, key: input.auditKey });
    return { outcome: 'changed', name: account.name, email: account.email };
  });
}
