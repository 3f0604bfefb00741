import { sql } from 'kysely';
import type { Tx } from '../../db/with-org.ts';

/**
 * Acts as the marketplace's agent for the rest of the transaction (the operator policies of migration
 * 0015 accept it): the demo providers are verified by Custodian itself, not by a person.
 */
export async function enterMarketplaceAgent(trx: Tx): Promise<void> {
  await sql`select set_config('app.marketplace_agent', 'on', true)`.execute(trx);
}

/** Whether any demo provider exists (published or not; the caller is the marketplace's agent). */
export async function hasDemoProvider(trx: Tx): Promise<boolean> {
  const row = await trx.selectFrom('provider_profiles').select('org_id').where('is_demo', '=', true).limit(1).executeTakeFirst();
  return row !== undefined;
}
