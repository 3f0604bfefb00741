import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createToken } from '../../../test/bearer.ts';
import { signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const items = ['A.5.1', 'A.5.2', 'A.5.3', 'A.5.4'].map((ref) => `/api/v1/gap/items/iso27001:2022:${ref}`);

interface Sent {
  url: string;
  sentAt: number;
  status: number;
  isWrite: boolean;
}

describe('API token races', () => {
  it('once a revocation has committed, no request with the token succeeds, and no change it made is recorded after the revocation', async () => {
    for (let round = 0; round < 5; round += 1) {
      const owner = await signUpOwner(server, { name: 'Race Owner' });
      const name = `Racer ${round}`;
      const token = await createToken(owner.client, { name, scopes: ['gap:read', 'gap:write'] });
      const sent: Sent[] = [];
      let revokedAt = Number.POSITIVE_INFINITY;
      // Four clients edit their own item over and over (read the version, then save with it), until
      // 150 ms after the revocation and at least one read and one write each sent after it.
      const worker = async (url: string) => {
        for (let n = 0; ; n += 1) {
          const readAt = performance.now();
          if (readAt > revokedAt + 150 && sent.some((s) => s.url === url && s.sentAt > revokedAt)) return;
          const read = await bearer(server.app, token.secret, 'GET', url);
          sent.push({ url, sentAt: readAt, status: read.status, isWrite: false });
          const version = read.status === 200 ? read.json<{ version: number }>().version : 0;
          const writeAt = performance.now();
          const write = await bearer(server.app, token.secret, 'PATCH', url, { version, status: 'partial', notes: `edit ${n}` });
          sent.push({ url, sentAt: writeAt, status: write.status, isWrite: true });
        }
      };
      const workers = items.map((url) => worker(url));
      // Revoke once a change through the token has been saved (a fixed pause was too short on a busy machine).
      while (!sent.some((s) => s.isWrite && s.status === 200)) await new Promise((resolve) => setTimeout(resolve, 10));
      const revoke = await owner.client.request('POST', `/api/v1/api-tokens/${token.id}/revoke`);
      revokedAt = performance.now();
      expect(revoke.status).toBe(200);
      await Promise.all(workers);

      const before = sent.filter((s) => s.sentAt < revokedAt);
      const after = sent.filter((s) => s.sentAt > revokedAt);
      expect(before.some((s) => s.status === 200), 'the token worked before the revocation').toBe(true);
      expect(after.length, 'requests were sent after the revocation').toBeGreaterThan(0);
      expect(after.filter((s) => s.status !== 401), 'requests sent after the revocation committed').toEqual([]);

      const events = await server.ownerQuery<{ seq: string; action: string; actor_label: string }>('select seq::text, action, actor_label from audit_events where org_id = $1 order by seq', [owner.orgId]);
      const revokedSeq = Number(events.find((e) => e.action === 'api_token.revoked')?.seq);
      const byToken = events.filter((e) => e.actor_label.endsWith(`(API token '${name}')`));
      expect(byToken.length).toBeGreaterThan(0);
      expect(byToken.filter((e) => Number(e.seq) > revokedSeq), 'changes recorded after the revocation').toEqual([]);
    }
  }, 120_000);

  it('of two revocations at the same moment, one succeeds and is audited once; the other is told it was already revoked', async () => {
    for (let round = 0; round < 10; round += 1) {
      const owner = await signUpOwner(server);
      const token = await createToken(owner.client, { name: `Twice ${round}`, scopes: ['org:read'] });
      const url = `/api/v1/api-tokens/${token.id}/revoke`;
      const replies = await Promise.all([owner.client.request('POST', url), owner.client.request('POST', url)]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      const [count] = await server.ownerQuery<{ n: string }>("select count(*)::text as n from audit_events where org_id = $1 and action = 'api_token.revoked'", [owner.orgId]);
      expect(count?.n).toBe('1');
      expect((await bearer(server.app, token.secret, 'GET', '/api/v1/org')).status).toBe(401);
    }
  }, 120_000);
});
