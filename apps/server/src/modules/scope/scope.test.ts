import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemberWithRole, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const path = '/api/v1/scope';
interface Record {
  id: string;
  name: string;
  notes: string;
  version: number;
}

describe('scope', () => {
  it('adds, lists, changes and deletes, recording each change in the audit trail', async () => {
    const owner = await signUpOwner(server);
    const created = await owner.client.request('POST', path, { name: 'First scope', notes: 'kept' });
    expect(created.status).toBe(201);
    const record = created.json<Record>();
    const list = (await owner.client.get(`${path}?limit=10`)).json<{ items: Record[]; total: { count: number } }>();
    expect(list.total.count).toBe(1);
    expect(list.items.map((r) => r.name)).toEqual(['First scope']);
    const changed = await owner.client.request('PATCH', `${path}/${record.id}`, { version: record.version, name: 'Renamed' });
    expect(changed.json()).toMatchObject({ name: 'Renamed', notes: 'kept', version: record.version + 1 });
    expect((await owner.client.request('DELETE', `${path}/${record.id}`)).status).toBe(200);
    expect((await owner.client.get(`${path}/${record.id}`)).status).toBe(404);
    const trail = (await owner.client.get(`/api/v1/audit-log?entityId=${record.id}&order=asc`)).json<{ items: Array<{ action: string }> }>();
    expect(trail.items.map((e) => e.action)).toEqual(['scope.created', 'scope.updated', 'scope.deleted']);
  });

  it('refuses a stale change with the record as it is now', async () => {
    const owner = await signUpOwner(server);
    const record = (await owner.client.request('POST', path, { name: 'Shared' })).json<Record>();
    await owner.client.request('PATCH', `${path}/${record.id}`, { version: record.version, notes: 'first' });
    const stale = await owner.client.request('PATCH', `${path}/${record.id}`, { version: record.version, notes: 'second' });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { details: { current: Record } } }>().error.details.current).toMatchObject({ notes: 'first', version: record.version + 1 });
  });

  it('lets a contributor delete only what they added, and hides every record from another organisation', async () => {
    const owner = await signUpOwner(server);
    const contributor = await addMemberWithRole(server, owner, 'contributor');
    const ownersRecord = (await owner.client.request('POST', path, { name: 'Owner’s' })).json<Record>();
    const theirs = (await contributor.client.request('POST', path, { name: 'Contributor’s' })).json<Record>();
    expect((await contributor.client.request('DELETE', `${path}/${ownersRecord.id}`)).status).toBe(403);
    expect((await contributor.client.request('DELETE', `${path}/${theirs.id}`)).status).toBe(200);
    const stranger = await signUpOwner(server);
    expect((await stranger.client.get(`${path}/${ownersRecord.id}`)).status).toBe(404);
    expect((await stranger.client.get(path)).json<{ total: { count: number } }>().total.count).toBe(0);
  });
});
