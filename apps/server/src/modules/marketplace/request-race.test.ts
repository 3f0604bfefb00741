import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOperator, makeProvider, requestBody, type ProviderFixture } from '../../../test/marketplace-factories-requests.ts';
import { signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { openTogether } from '../../../test/harness/race.ts';
import { passOnOverdueLeads } from './lead.service.ts';

let server: TestServer;
let operator: { client: TestClient };
let requester: { client: TestClient };
const consultants: ProviderFixture[] = [];
const rounds = Number(process.env.RACE_ROUNDS ?? 4);

beforeAll(async () => {
  server = await startTestServer();
  operator = await makeOperator(server);
  requester = await signUpOwner(server);
  for (let i = 0; i < 8; i += 1) consultants.push(await makeProvider(server, { kind: 'consultant', states: ['WA'], healthcareEngagements: 20 - i, name: `Racer ${i} (WA)`, capacityPerMonth: 1000 }));
});
afterAll(async () => {
  await server.close();
});

/**
 * Runs racers with their transactions held open until another has opened too (PostgreSQL only: PGlite
 * has one connection), so they read and write at the same time instead of one after the other.
 */
async function together<T>(work: () => Promise<T>): Promise<T> {
  const deps = server.deps;
  if (deps.database.kind === 'postgresql') deps.testHooks = { afterOpen: openTogether() };
  try {
    return await work();
  } finally {
    delete deps.testHooks;
  }
}

async function newRequest(): Promise<{ id: string; version: number }> {
  const reply = await requester.client.request('POST', '/api/v1/marketplace/requests', requestBody({ services: ['consulting'], sites: [{ state: 'WA', city: 'Perth' }] }));
  if (reply.status !== 201) throw new Error(`request failed: ${reply.status}`);
  return reply.json<{ id: string; version: number }>();
}

/** Problems with a request's leads: more than three live in a lane, or a provider offered twice. */
async function leadProblems(requestId: string): Promise<string[]> {
  const rows = await server.ownerQuery<{ provider_org_id: string; status: string; lane: string }>('select provider_org_id, status, lane from marketplace_leads where request_id = $1', [requestId]);
  const live = rows.filter((r) => ['offered', 'accepted', 'quoted', 'won', 'lost'].includes(r.status));
  const problems: string[] = [];
  if (live.length > 3) problems.push(`${live.length} live leads in the consulting lane`);
  if (new Set(rows.map((r) => r.provider_org_id)).size !== rows.length) problems.push('a provider was offered the request twice');
  return problems;
}

describe('leads per lane under concurrent approval, decline and pass-on', () => {
  it('two approvals of one request at once: one wins, three leads', async () => {
    for (let round = 0; round < rounds; round += 1) {
      const { id, version } = await newRequest();
      const replies = await together(() => Promise.all([0, 1].map(() => operator.client.request('POST', `/api/v1/operator/requests/${id}/approve`, { version }))));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await leadProblems(id)).toEqual([]);
      const rows = await server.ownerQuery('select id from marketplace_leads where request_id = $1', [id]);
      expect(rows).toHaveLength(3);
    }
  });

  it('two providers declining one request at once each pass their place on, to different providers', async () => {
    for (let round = 0; round < rounds; round += 1) {
      const { id, version } = await newRequest();
      expect((await operator.client.request('POST', `/api/v1/operator/requests/${id}/approve`, { version })).status).toBe(200);
      const rows = await server.ownerQuery<{ id: string; provider_org_id: string }>('select id, provider_org_id from marketplace_leads where request_id = $1 and rank <= 2', [id]);
      const replies = await Promise.all(
        rows.map(async (row) => {
          const provider = consultants.find((c) => c.orgId === row.provider_org_id) as ProviderFixture;
          const lead = (await provider.client.get(`/api/v1/provider/leads/${row.id}`)).json<{ version: number }>();
          return { provider, version: lead.version, leadId: row.id };
        }),
      ).then((ready) => together(() => Promise.all(ready.map((r) => r.provider.client.request('POST', `/api/v1/provider/leads/${r.leadId}/decline`, { version: r.version, reason: 'Fully booked' })))));
      expect(replies.map((r) => r.status)).toEqual([200, 200]);
      expect(await leadProblems(id)).toEqual([]);
      expect(await server.ownerQuery('select id from marketplace_leads where request_id = $1', [id])).toHaveLength(5);
    }
  });

  it('two pass-on sweeps at once, and a decline during a sweep, never exceed three per lane nor offer a provider twice', async () => {
    const ids: string[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const { id, version } = await newRequest();
      const approved = await operator.client.request('POST', `/api/v1/operator/requests/${id}/approve`, { version });
      expect(approved.status).toBe(200);
      ids.push(id);
    }
    // One lead of each request is declined while two sweeps run, when the time to answer has passed for the others.
    const declines = await Promise.all(
      ids.map(async (id) => {
        const rows = await server.ownerQuery<{ id: string; provider_org_id: string }>('select id, provider_org_id from marketplace_leads where request_id = $1 and rank = 1', [id]);
        const provider = consultants.find((c) => c.orgId === rows[0]?.provider_org_id) as ProviderFixture;
        const lead = (await provider.client.get(`/api/v1/provider/leads/${rows[0]?.id}`)).json<{ id: string; version: number }>();
        return { provider, lead };
      }),
    );
    // The other leads' time is up (set as the owner: the providers' sessions must outlive the jump).
    await server.ownerQuery(`update marketplace_leads set respond_by = offered_at - interval '1 minute' where request_id = any($1::uuid[]) and rank > 1`, [ids]);
    const [answered, first, second] = await together(() =>
      Promise.all([
        Promise.all(declines.map(({ provider, lead }) => provider.client.request('POST', `/api/v1/provider/leads/${lead.id}/decline`, { version: lead.version, reason: 'Fully booked' }))),
        passOnOverdueLeads(server.deps, server.app.log),
        passOnOverdueLeads(server.deps, server.app.log),
      ]),
    );
    for (const reply of answered) expect(reply.status).toBe(200);
    expect(first + second).toBeGreaterThan(0);
    for (const id of ids) expect(await leadProblems(id)).toEqual([]);
    const expiredTwice = await server.ownerQuery<{ n: string }>(
      `select count(*)::text as n from (select entity_id from audit_events where action = 'marketplace_lead.expired' group by entity_id having count(*) > 1) d`,
    );
    expect(Number(expiredTwice[0]?.n)).toBe(0);
  });
});
