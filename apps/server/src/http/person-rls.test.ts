import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../db/schema.ts';
import { checkPersonBehaviour, checkTenancyRules } from '../../test/harness/tenancy-check.ts';
import { addMemberWithRole, enrolTotp, signUpOwner } from '../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

// Row-level security keyed to the person (migration 0012, ADR 0017), checked as the application role
// itself: what a bug or an injected query in a request could reach.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

/** Runs fn as custodian_app with the given scope (empty: none), in a transaction that is rolled back. */
async function asApp<T>(scope: { orgId?: string; userId?: string }, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await server.deps.database.db
    .transaction()
    .execute(async (trx) => {
      await sql`select set_config('app.org_id', ${scope.orgId ?? ''}, true), set_config('app.user_id', ${scope.userId ?? ''}, true), set_config('role', 'custodian_app', true)`.execute(
        trx,
      );
      result = await fn(trx);
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return result as T;
}

class RolledBack extends Error {}

async function count(trx: Transaction<DB>, table: string): Promise<number> {
  return Number((await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(trx)).rows[0]?.n);
}

async function refusal(trx: Transaction<DB>, statement: ReturnType<typeof sql>): Promise<string> {
  await sql`savepoint attempt`.execute(trx);
  try {
    await statement.execute(trx);
    return 'accepted';
  } catch (error) {
    await sql`rollback to savepoint attempt`.execute(trx);
    return (error as Error).message;
  }
}

const personTables = ['users', 'sessions', 'recovery_codes', 'email_verifications', 'password_resets'];

describe('person tables as the application role', () => {
  it('shows, changes and accepts nothing with no scope', async () => {
    const owner = await signUpOwner(server);
    await owner.client.request('POST', '/api/v1/auth/password-reset/request', { email: owner.email });
    await enrolTotp(owner.client);
    for (const table of personTables) {
      const [stored] = await server.ownerQuery<{ n: string }>(`select count(*)::text as n from ${table}`);
      expect({ table, stored: Number(stored?.n) > 0 }).toEqual({ table, stored: true });
    }
    const seen = await asApp({}, async (trx) => {
      const counts = Object.fromEntries(await Promise.all(personTables.map(async (t) => [t, await count(trx, t)] as const)));
      const updatedUsers = Number((await sql`update users set name = 'changed'`.execute(trx)).numAffectedRows);
      const updatedSessions = Number((await sql`update sessions set device = 'changed'`.execute(trx)).numAffectedRows);
      const deletedSessions = Number((await sql`delete from sessions`.execute(trx)).numAffectedRows);
      const insertUser = await refusal(
        trx,
        sql`insert into users (id, email, name, password_hash) values (gen_random_uuid(), 'intruder@clinic.example', 'X', 'x')`,
      );
      const insertSession = await refusal(
        trx,
        sql`insert into sessions (id_hash, user_id, created_at, last_seen_at, expires_at) values ('forged', ${owner.userId}, now(), now(), now() + interval '1 hour')`,
      );
      return { counts, updatedUsers, updatedSessions, deletedSessions, insertUser, insertSession };
    });
    expect(seen.counts).toEqual(Object.fromEntries(personTables.map((t) => [t, 0])));
    expect({ updatedUsers: seen.updatedUsers, updatedSessions: seen.updatedSessions, deletedSessions: seen.deletedSessions }).toEqual({
      updatedUsers: 0,
      updatedSessions: 0,
      deletedSessions: 0,
    });
    expect(seen.insertUser).toMatch(/row-level security/);
    expect(seen.insertSession).toMatch(/row-level security/);
    expect((await owner.client.get('/api/v1/org')).status).toBe(200);
  });

  it('shows a person their own sessions only, and an organisation its members without their secrets', async () => {
    const first = await signUpOwner(server);
    const member = await addMemberWithRole(server, first, 'staff');
    const stranger = await signUpOwner(server);
    const [own] = await server.ownerQuery<{ n: string }>('select count(*)::text as n from sessions where user_id = $1', [first.userId]);
    const mine = await asApp({ userId: first.userId }, async (trx) => ({
      sessions: await sql<{ user_id: string }>`select user_id from sessions`.execute(trx),
      users: await sql<{ id: string }>`select id from users`.execute(trx),
      credentials: await sql<{ n: string }>`select count(*)::text as n from custodian_own_credentials()`.execute(trx),
      othersUpdated: Number((await sql`update sessions set device = 'x' where user_id <> ${first.userId}`.execute(trx)).numAffectedRows),
    }));
    expect(mine.sessions.rows.length).toBe(Number(own?.n));
    expect(new Set(mine.sessions.rows.map((r) => r.user_id))).toEqual(new Set([first.userId]));
    expect(mine.users.rows.map((r) => r.id)).toEqual([first.userId]);
    expect(mine.credentials.rows[0]?.n).toBe('1');
    expect(mine.othersUpdated).toBe(0);

    const inOrg = await asApp({ orgId: first.orgId, userId: first.userId }, async (trx) => ({
      people: (await sql<{ id: string; email: string }>`select id, email from users order by email`.execute(trx)).rows,
      sessions: (await sql<{ user_id: string }>`select distinct user_id from sessions`.execute(trx)).rows,
      hashes: await refusal(trx, sql`select password_hash from users`),
      totp: await refusal(trx, sql`select totp_secret_enc from users where id = ${member.userId}`),
      everything: await refusal(trx, sql`select * from users`),
      memberRenamed: Number((await sql`update users set name = 'renamed' where id = ${member.userId}`.execute(trx)).numAffectedRows),
    }));
    expect(new Set(inOrg.people.map((p) => p.id))).toEqual(new Set([first.userId, member.userId]));
    expect(inOrg.people.some((p) => p.id === stranger.userId)).toBe(false);
    expect(inOrg.sessions).toEqual([{ user_id: first.userId }]);
    for (const message of [inOrg.hashes, inOrg.totp, inOrg.everything]) expect(message).toMatch(/permission denied/);
    expect(inOrg.memberRenamed).toBe(0);
    expect(await checkPersonBehaviour(server, first.userId, stranger.userId)).toEqual([]);
  });

  it('registers every person table with its policies, and lets pre-authentication functions return only ids', async () => {
    expect(await checkTenancyRules(server.ownerQuery)).toEqual([]);
    const person = await server.ownerQuery<{ table_name: string }>(`select table_name from table_registry where kind = 'person' order by table_name`);
    expect(person.map((p) => p.table_name)).toEqual(expect.arrayContaining(personTables));
    const owner = await signUpOwner(server);
    const found = await asApp(
      {},
      async (trx) => (await sql<{ id: string | null }>`select custodian_user_id_by_email(${owner.email}) as id`.execute(trx)).rows[0]?.id,
    );
    expect(found).toBe(owner.userId);
    const definers = await server.ownerQuery<{ name: string; config: string[] | null }>(
      `select p.proname as name, p.proconfig as config from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.prosecdef`,
    );
    for (const fn of definers)
      expect({ fn: fn.name, pinned: fn.config?.some((c) => c.startsWith('search_path=')) ?? false }).toEqual({ fn: fn.name, pinned: true });
  });

  it('reaches sign-up claims and single sign-on attempts only through their functions, each once where single use', async () => {
    const owner = await signUpOwner(server);
    const seen = await asApp({}, async (trx) => {
      const direct: string[] = [];
      for (const statement of ['select count(*) from signup_claims', 'select count(*) from sso_logins', 'delete from signup_claims', 'delete from sso_logins'])
        direct.push(await refusal(trx, sql.raw(statement)));
      const later = sql`now() + interval '1 hour'`;
      await sql`select custodian_insert_signup_claim('claim-hash', 'claimed@clinic.example', 'C', 'Clinic (demo)', 'argon2-hash', now(), ${later})`.execute(
        trx,
      );
      await sql`select custodian_insert_sso_login('state-hash', ${owner.orgId}, 'verifier', 'nonce', now(), ${later})`.execute(trx);
      const newest = (await sql<{ email: string }>`select * from custodian_newest_usable_signup_claim('claimed@clinic.example', now())`.execute(trx)).rows;
      const consume = sql<{ ok: boolean }>`select custodian_consume_signup_claim('claim-hash', now(), ${owner.userId}) as ok`;
      const consumed = [(await consume.execute(trx)).rows[0]?.ok, (await consume.execute(trx)).rows[0]?.ok];
      const found = (await sql<{ used_at: Date | null }>`select * from custodian_find_signup_claim('claim-hash')`.execute(trx)).rows;
      const take = sql<{ org_id: string }>`select * from custodian_take_sso_login('state-hash', now())`;
      const taken = [(await take.execute(trx)).rows, (await take.execute(trx)).rows];
      return { direct, newest, consumed, found, taken };
    });
    for (const message of seen.direct) expect(message).toMatch(/permission denied/);
    expect(seen.newest.map((c) => c.email)).toEqual(['claimed@clinic.example']);
    expect(seen.consumed).toEqual([true, false]);
    expect(seen.found).toHaveLength(1);
    expect(seen.found[0]?.used_at).not.toBeNull();
    expect(seen.taken.map((rows) => rows.map((r) => r.org_id))).toEqual([[owner.orgId], []]);
  });
});
