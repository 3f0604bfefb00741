import type { Database } from '../server/src/db/client.ts';
import type { ServerKeys } from '../server/src/keys.ts';
import { changeOperatorRole } from '../server/src/modules/marketplace/operator-role.service.ts';

const usage = 'Usage: operator grant --email <address> | operator revoke --email <address>';

/** `operator grant|revoke --email <address>`: the platform operator role, set as the tables' owner and audited. */
export async function runOperatorCommand(args: string[], database: Database, keys: ServerKeys | null, print: (text: string) => void): Promise<number> {
  const [verb] = args;
  const at = args.indexOf('--email');
  const email = at >= 0 ? args[at + 1] : undefined;
  if ((verb !== 'grant' && verb !== 'revoke') || !email || !/^[^\s@]+@[^\s@]+$/.test(email)) throw Object.assign(new Error(usage), { exitCode: 2 });
  if (!keys) throw new Error('No server secret: set CUSTODIAN_SECRET (or point CUSTODIAN_DATA_DIR at the data directory holding secret.key). The audit trail is authenticated with a key derived from it.');
  const isOperator = verb === 'grant';
  const change = await changeOperatorRole(database.db, { email, isOperator, at: new Date(), auditKey: keys.auditMac });
  if (change.outcome === 'unchanged') {
    print(isOperator ? `${change.name} <${change.email}> is already the platform operator.` : `${change.name} <${change.email}> is not the platform operator.`);
    return 0;
  }
  print(
    isOperator
      ? `${change.name} <${change.email}> is now the platform operator. They need two-step verification (an authenticator app) to open the operator console.`
      : `${change.name} <${change.email}> is no longer the platform operator.`,
  );
  return 0;
}
