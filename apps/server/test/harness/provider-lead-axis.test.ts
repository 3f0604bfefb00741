import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperator, makeProvider, requestBody, type ProviderFixture } from '../marketplace-factories-requests.ts';
import { lastMailTo, linkToken, newClient, signUpOwner, type TestClient } from '../test-client.ts';
import { startTestServer, type TestServer } from '../test-server.ts';

/**
 * The proof harness's second axis, provider × lead: several providers and several requests (two
 * organisations' and a guest's, canary strings in every identity field). Over every provider-facing
 * route, and straight from the tables as the application role in each provider's scope, a provider sees
 * only its own leads, quotes and messages and never a requester's identity until that requester reveals
 * it to that provider, and then only that provider does.
 */

let server: TestServer;
const providers: ProviderFixture[] = [];
interface Asker {
  canaries: string[];
  requestId: string;
  reveal: (leadId: string) => Promise<number>;
}
const askers: Asker[] = [];
/** Canaries each provider may see (revealed to it). */
const revealedTo = new Map<string, Set<string>>();

const canary = (what: string) => `cnry${what}${randomBytes(6).toString('hex')}`;

async function approve(operator: TestClient, requestId: string): Promise<void> {
  const rows = await server.ownerQuery<{ version: number }>('select version from marketplace_requests where id = $1', [requestId]);
  const reply = await operator.request('POST', `/api/v1/operator/requests/${requestId}/approve`, { version: rows[0]?.version });
  if (reply.status !== 200) throw new Error(`approve failed: ${reply.status} ${JSON.stringify(reply.body)}`);
}

async function orgAsker(operator: TestClient, services: string[]): Promise<Asker> {
  const canaries = [canary('org'), canary('person'), canary('mail')];
  const owner = await signUpOwner(server, { organisationName: canaries[0], name: canaries[1], email: `${canaries[2]}@clinic.example` });
  const created = await owner.client.request('POST', '/api/v1/marketplace/requests', requestBody({ services, sites: [{ state: 'SA', city: 'Adelaide' }] }));
  const requestId = created.json<{ id: string }>().id;
  await approve(operator, requestId);
  return { canaries, requestId, reveal: async (leadId) => (await owner.client.request('POST', `/api/v1/marketplace/requests/${requestId}/leads/${leadId}/reveal`)).status };
}

async function guestAsker(operator: TestClient, services: string[]): Promise<Asker> {
  const canaries = [canary('guestorg'), canary('guestperson'), canary('guestmail')];
  const email = `${canaries[2]}@clinic.example`;
  const client = newClient(server.app);
  await client.request('POST', '/api/v1/guest/requests', requestBody({ services, sites: [{ state: 'SA', city: 'Mount Gambier' }], contactName: canaries[1], email, organisationName: canaries[0] }));
  const token = linkToken((await lastMailTo(server, email)).body_text, '/guest/request');
  const opened = await client.get(`/api/v1/guest/request?token=${token}`);
  const requestId = opened.json<{ request: { id: string } }>().request.id;
  await approve(operator, requestId);
  return { canaries, requestId, reveal: async (leadId) => (await client.request('POST', '/api/v1/guest/request/reveal', { token, leadId })).status };
}

/** A quote and a message on every lead, written as the owner (the quotes branch's own routes make these). */
async function quoteAndMessageEveryLead(): Promise<void> {
  const leads = await server.ownerQuery<{ id: string; request_id: string; provider_org_id: string; lane: string }>('select id, request_id, provider_org_id, lane from marketplace_leads');
  for (const [index, lead] of leads.entries()) {
    await server.ownerQuery(
      `insert into marketplace_quotes (id, lead_id, request_id, provider_org_id, kind, lines, valid_until, status, total_cents, created_at, updated_at)
       values (gen_random_uuid(), $1, $2, $3, $4, '[]', '2027-06-30', $5, 100000, now(), now())`,
      [lead.id, lead.request_id, lead.provider_org_id, lead.lane, index % 2 === 0 ? 'submitted' : 'draft'],
    );
    await server.ownerQuery(
      `insert into marketplace_messages (id, lead_id, request_id, provider_org_id, sender_side, sender_label, body, created_at) values (gen_random_uuid(), $1, $2, $3, 'provider', 'Provider', 'When can we start?', now())`,
      [lead.id, lead.request_id, lead.provider_org_id],
    );
  }
}

beforeAll(async () => {
  server = await startTestServer();
  const operator = await makeOperator(server);
  providers.push(await makeProvider(server, { kind: 'consultant', states: ['SA'], name: 'Axis Consulting One', healthcareEngagements: 10 }));
  providers.push(await makeProvider(server, { kind: 'consultant', states: ['SA'], name: 'Axis Consulting Two', healthcareEngagements: 5 }));
  providers.push(await makeProvider(server, { kind: 'certification_body', states: ['SA'], name: 'Axis Certification' }));
  askers.push(await orgAsker(operator.client, ['consulting', 'certification']));
  askers.push(await orgAsker(operator.client, ['certification']));
  askers.push(await guestAsker(operator.client, ['consulting']));
  await quoteAndMessageEveryLead();
  for (const p of providers) revealedTo.set(p.orgId, new Set());
});
afterAll(async () => {
  await server.close();
});

const allCanaries = () => askers.flatMap((a) => a.canaries);

/** Rows of the marketplace tables as the application role, scoped to one provider's member. */
async function tablesAsProvider(provider: ProviderFixture): Promise<Record<string, Array<Record<string, unknown>>>> {
  return server.deps.database.db.transaction().execute(async (trx) => {
    await sql`select set_config('app.org_id', ${provider.orgId}, true), set_config('app.user_id', ${provider.userId}, true), set_config('role', 'custodian_app', true)`.execute(trx);
    const read = async (table: string) => (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(trx)).rows;
    return {
      marketplace_leads: await read('marketplace_leads'),
      marketplace_quotes: await read('marketplace_quotes'),
      marketplace_messages: await read('marketplace_messages'),
      marketplace_requests: await read('marketplace_requests'),
      marketplace_engagements: await read('marketplace_engagements'),
    };
  });
}

async function ownLeadIds(provider: ProviderFixture): Promise<string[]> {
  return (await server.ownerQuery<{ id: string }>('select id from marketplace_leads where provider_org_id = $1 order by id', [provider.orgId])).map((r) => r.id);
}

/** Problems for one provider: a row or lead that is not its own, or a canary not revealed to it. */
async function providerProblems(provider: ProviderFixture): Promise<string[]> {
  const problems: string[] = [];
  const own = await ownLeadIds(provider);
  const forbidden = allCanaries().filter((c) => !revealedTo.get(provider.orgId)?.has(c));
  const leak = (where: string, text: string) => {
    for (const c of forbidden) if (text.includes(c)) problems.push(`${provider.name}: ${where} shows an unrevealed identity (${c})`);
  };
  const inbox = await provider.client.get('/api/v1/provider/leads?limit=200');
  const listed = inbox.json<{ items: Array<{ id: string }> }>().items.map((l) => l.id).sort();
  if (JSON.stringify(listed) !== JSON.stringify(own)) problems.push(`${provider.name}: the inbox lists ${listed.length} leads, ${own.length} are its own`);
  leak('the inbox', inbox.raw.payload);
  const everyLead = (await server.ownerQuery<{ id: string }>('select id from marketplace_leads')).map((r) => r.id);
  for (const leadId of everyLead) {
    const reply = await provider.client.get(`/api/v1/provider/leads/${leadId}`);
    const isOwn = own.includes(leadId);
    if (reply.status !== (isOwn ? 200 : 404)) problems.push(`${provider.name}: lead ${leadId} answered ${reply.status}`);
    leak(`lead ${leadId}`, reply.raw.payload);
    if (!isOwn) {
      for (const [action, body] of [['accept', { version: 1 }], ['decline', { version: 1, reason: 'Not ours' }]] as const) {
        const answer = await provider.client.request('POST', `/api/v1/provider/leads/${leadId}/${action}`, body);
        if (answer.status !== 404) problems.push(`${provider.name}: ${action} on another provider's lead answered ${answer.status}`);
      }
    }
  }
  const tables = await tablesAsProvider(provider);
  for (const [table, rows] of Object.entries(tables)) {
    leak(`table ${table}`, JSON.stringify(rows));
    const foreign = rows.filter((row) => (table === 'marketplace_requests' ? true : row.provider_org_id !== provider.orgId));
    if (foreign.length > 0) problems.push(`${provider.name}: ${foreign.length} rows of ${table} that are not its own`);
  }
  const seen = (tables.marketplace_leads ?? []).map((row) => String(row.id)).sort();
  if (JSON.stringify(seen) !== JSON.stringify(own)) problems.push(`${provider.name}: the leads table shows ${seen.length} rows, ${own.length} are its own`);
  if ((tables.marketplace_quotes ?? []).length !== own.length) problems.push(`${provider.name}: sees ${(tables.marketplace_quotes ?? []).length} quotes for ${own.length} leads`);
  return problems;
}

async function leadOf(asker: Asker, provider: ProviderFixture): Promise<string> {
  const rows = await server.ownerQuery<{ id: string }>('select id from marketplace_leads where request_id = $1 and provider_org_id = $2', [asker.requestId, provider.orgId]);
  const id = rows[0]?.id;
  if (!id) throw new Error(`${provider.name} has no lead on this request`);
  return id;
}

describe('provider × lead', () => {
  it('the world: every provider has leads, on more than one request, and not all the same', async () => {
    const counts = await Promise.all(providers.map(async (p) => (await ownLeadIds(p)).length));
    expect(counts).toEqual([2, 2, 2]);
  });

  it('before any reveal: each provider sees only its own leads, quotes and messages, and no identity', async () => {
    for (const provider of providers) expect(await providerProblems(provider)).toEqual([]);
  });

  it('after a reveal to one provider, only that provider sees that requester’s identity', async () => {
    const [first, , guest] = askers as [Asker, Asker, Asker];
    const [one, two, cb] = providers as [ProviderFixture, ProviderFixture, ProviderFixture];
    expect(await first.reveal(await leadOf(first, one))).toBe(200);
    expect(await guest.reveal(await leadOf(guest, two))).toBe(200);
    first.canaries.forEach((c) => revealedTo.get(one.orgId)?.add(c));
    guest.canaries.forEach((c) => revealedTo.get(two.orgId)?.add(c));
    const shown = await one.client.get(`/api/v1/provider/leads/${await leadOf(first, one)}`);
    for (const c of first.canaries) expect(shown.raw.payload).toContain(c);
    // Revealed to provider one on this lead only: its other lead (the guest's) stays anonymous.
    const other = await one.client.get(`/api/v1/provider/leads/${await leadOf(guest, one)}`);
    for (const c of allCanaries()) expect(other.raw.payload).not.toContain(c);
    for (const provider of [one, two, cb]) expect(await providerProblems(provider)).toEqual([]);
  });

  it('the check itself fails when a provider is shown an identity it was not given', async () => {
    const [first] = askers as [Asker];
    const [, two] = providers as [ProviderFixture, ProviderFixture];
    const leadId = await leadOf(first, two);
    const row = await server.ownerQuery<{ anonymised: Record<string, unknown> }>('select anonymised from marketplace_leads where id = $1', [leadId]);
    await server.ownerQuery('update marketplace_leads set anonymised = $2 where id = $1', [leadId, JSON.stringify({ ...row[0]?.anonymised, scopeSummary: first.canaries[0] })]);
    try {
      const problems = await providerProblems(two);
      expect(problems.some((line) => line.includes('shows an unrevealed identity'))).toBe(true);
    } finally {
      await server.ownerQuery('update marketplace_leads set anonymised = $2 where id = $1', [leadId, JSON.stringify(row[0]?.anonymised)]);
    }
  });
});
