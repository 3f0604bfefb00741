import type { Tx } from '../../db/with-org.ts';

/** The platform operator flag, read and written as the tables' owner (the command line), never the application. */

export async function findAccountByEmail(trx: Tx, email: string) {
  return trx
    .selectFrom('users')
    .select(['id', 'name', 'email', 'email_verified_at', 'deleted_at', 'is_platform_operator'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export async function setOperatorFlag(trx: Tx, userId: string, isOperator: boolean): Promise<void> {
  await trx.updateTable('users').set({ is_platform_operator: isOperator }).where('id', '=', userId).execute();
}

export async function findPlatformOrg(trx: Tx): Promise<string | null> {
  const row = await trx.selectFrom('orgs').select('org_id').where('kind', '=', 'platform').executeTakeFirst();
  return row?.org_id ?? null;
}
