import type { TestServer } from '../test-server.ts';

/** Columns that background work changes on its own: the mail worker delivering the outbox. */
const volatileColumns: Readonly<Record<string, readonly string[]>> = { outbox: ['status', 'attempts', 'last_error', 'sent_at'] };

/**
 * Tables whose total row count may change while a request is refused: a refused sign-in or MFA code
 * is still recorded (in the person's own organisation's trail, or for an address without an account
 * in unknown_sign_in_failures), and sessions come and go.
 */
const countsMayChange = new Set(['audit_events', 'sessions', 'unknown_sign_in_failures', 'schema_migrations', 'catalogue_versions', 'table_registry']);

const checksumSql = new WeakMap<TestServer, string>();

/** The checksum query, built from the table registry: a new table is covered the moment it exists. */
async function buildChecksumSql(server: TestServer): Promise<string> {
  const cached = checksumSql.get(server);
  if (cached) return cached;
  const tables = await server.ownerQuery<{ table_name: string; kind: string }>('select table_name, kind from table_registry order by table_name');
  const parts: string[] = [];
  for (const { table_name: name, kind } of tables) {
    if (kind === 'tenant') {
      const drop = (volatileColumns[name] ?? []).map((c) => `'${c}'`).join(', ');
      const row = drop ? `(to_jsonb(t) - array[${drop}]::text[])::text` : 'to_jsonb(t)::text';
      parts.push(`(select md5(coalesce(string_agg(x, ';' order by x), '')) from (select ${row} as x from ${name} t where t.org_id = $1) rows_of_${name})`);
    }
    if (!countsMayChange.has(name)) parts.push(`(select count(*)::text from ${name})`);
  }
  // A function takes at most 100 arguments: the parts go in groups of 90, each group hashed, then the groups.
  const groups: string[] = [];
  for (let at = 0; at < parts.length; at += 90) groups.push(`md5(concat_ws('|', ${parts.slice(at, at + 90).join(',\n ')}))`);
  const text = `select md5(concat_ws('|', ${groups.join(',\n ')})) as sum`;
  checksumSql.set(server, text);
  return text;
}

/**
 * A checksum of everything stored for one organisation (every tenant table in the registry, whole
 * rows minus the columns background jobs change) and of how many rows every table holds, so a refused
 * request that still changed something, in this organisation or anywhere, is caught.
 */
export async function orgChecksum(server: TestServer, orgId: string): Promise<string> {
  const rows = await server.ownerQuery<{ sum: string }>(await buildChecksumSql(server), [orgId]);
  return rows[0]?.sum ?? '';
}
