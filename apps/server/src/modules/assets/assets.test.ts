import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSentence } from '@custodian/shared/domain/audit-wording.ts';
import { addMemberWithRole, signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const path = '/api/v1/assets';
interface Asset {
  id: string;
  ref: string;
  name: string;
  kind: string;
  ownerUserId: string | null;
  ownerName: string | null;
  classification: string;
  classificationLabel: string;
  confidentiality: number;
  location: string;
  version: number;
}
interface Detail extends Asset {
  links: Array<{ direction: string; relation: string; asset: { id: string; ref: string; name: string } }>;
}
interface Page {
  items: Asset[];
  total: { count: number; isExact: boolean };
  page: { next: string | null; prev: string | null; last: string | null };
}
interface ErrorReply {
  error: { code: string; message: string; details?: unknown };
}

const base = { kind: 'system', classification: 'confidential', confidentiality: 4, integrity: 4, availability: 3 };

async function add(client: TestClient, fields: Record<string, unknown>): Promise<Asset> {
  const reply = await client.request('POST', path, { ...base, ...fields });
  if (reply.status !== 201) throw new Error(`add failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.json<Asset>();
}

describe('assets', () => {
  it('adds with the next automatic reference, lists, changes and deletes, each change in plain words in the audit trail', async () => {
    const owner = await signUpOwner(server);
    const created = await owner.client.request('POST', path, {
      ...base,
      name: 'Practice management system',
      ownerUserId: owner.userId,
      location: 'Cloud (Sydney)',
    });
    expect(created.status).toBe(201);
    const pms = created.json<Asset>();
    expect(pms).toMatchObject({ ref: 'A-0001', ownerName: owner.name, classificationLabel: 'Confidential', location: 'Cloud (Sydney)', version: 1 });
    const server2 = await add(owner.client, { name: 'Clinic server', kind: 'device' });
    expect(server2.ref).toBe('A-0002');
    const changed = await owner.client.request('PATCH', `${path}/${pms.id}`, { version: pms.version, classification: 'sensitive_health', confidentiality: 5 });
    expect(changed.json()).toMatchObject({
      name: 'Practice management system',
      classificationLabel: 'Sensitive health information',
      confidentiality: 5,
      location: 'Cloud (Sydney)',
      version: 2,
    });
    expect((await owner.client.request('DELETE', `${path}/${server2.id}`)).status).toBe(200);
    expect((await owner.client.get(`${path}/${server2.id}`)).status).toBe(404);
    const list = (await owner.client.get(path)).json<Page>();
    expect(list.items.map((a) => a.ref)).toEqual(['A-0001']);
    // The next number is one past the highest in use.
    expect((await add(owner.client, { name: 'Backup service', kind: 'service' })).ref).toBe('A-0002');
    const trail = (await owner.client.get(`/api/v1/audit-log?entityId=${pms.id}&order=asc`)).json<{
      items: Array<{ action: string; actorName: string; subject: string | null; before: unknown; after: unknown }>;
    }>();
    expect(trail.items.map((e) => e.action)).toEqual(['asset.created', 'asset.updated']);
    const [, update] = trail.items;
    expect(update && auditSentence({ ...update, people: {} })).toBe('Pat Owner changed the asset A-0001 Practice management system.');
    expect(JSON.stringify(update?.after)).toContain('Sensitive health information');
  });

  it('numbers parallel additions one after another, keeps a given ref and refuses one already used', async () => {
    const owner = await signUpOwner(server);
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => owner.client.request('POST', path, { ...base, name: `Laptop ${i + 1}`, kind: 'device' })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(replies.map((r) => r.json<Asset>().ref).sort()).toEqual(['A-0001', 'A-0002', 'A-0003', 'A-0004', 'A-0005', 'A-0006', 'A-0007', 'A-0008']);
    expect((await add(owner.client, { name: 'Kept ref', ref: 'A-0041' })).ref).toBe('A-0041');
    expect((await add(owner.client, { name: 'Own scheme', ref: 'PMS-1' })).ref).toBe('PMS-1');
    expect((await add(owner.client, { name: 'Next' })).ref).toBe('A-0042');
    const taken = await owner.client.request('POST', path, { ...base, name: 'Duplicate', ref: 'PMS-1' });
    expect(taken.status).toBe(400);
    expect(taken.json<ErrorReply>().error.message).toContain('already used by “Own scheme”');
    const bad = await owner.client.request('POST', path, { ...base, name: 'Bad ref', ref: 'has space' });
    expect(bad.status).toBe(400);
  });

  it('filters by name or ref, kind, classification and owner, and sorts by name, ref and last change through every page', async () => {
    const owner = await signUpOwner(server);
    const manager = await addMemberWithRole(server, owner, 'isms_manager');
    const names = ['Reception PC', 'Pathology portal', 'Telehealth service', 'ECG machine', 'Clinic Wi-Fi', 'Referral letters', 'Backup NAS'];
    for (const [i, name] of names.entries()) {
      await add(owner.client, {
        name,
        kind: i % 2 === 0 ? 'device' : 'software',
        classification: i < 3 ? 'internal' : 'confidential',
        ownerUserId: i === 4 ? manager.userId : null,
      });
    }
    const q = (query: string) => owner.client.get(`${path}?${query}`).then((r) => r.json<Page>());
    expect((await q('q=portal')).items.map((a) => a.name)).toEqual(['Pathology portal']);
    expect((await q('q=a-0003')).items.map((a) => a.name)).toEqual(['Telehealth service']);
    expect((await q('kind=software&sort=name')).items.map((a) => a.name)).toEqual(['ECG machine', 'Pathology portal', 'Referral letters']);
    expect((await q('classification=internal')).total).toEqual({ count: 3, isExact: true });
    expect((await q(`ownerId=${manager.userId}`)).items.map((a) => a.name)).toEqual(['Clinic Wi-Fi']);
    expect((await q('q=100%25')).items).toEqual([]);
    const bad = await owner.client.get(`${path}?sort=kind`);
    expect(bad.status).toBe(400);
    // Page through each sort two at a time, forwards: the same order as one big page.
    for (const sort of ['name', 'ref', 'updatedAt']) {
      for (const order of ['asc', 'desc']) {
        const all = (await q(`sort=${sort}&order=${order}&limit=50`)).items.map((a) => a.id);
        const walked: string[] = [];
        let page = await q(`sort=${sort}&order=${order}&limit=2`);
        walked.push(...page.items.map((a) => a.id));
        while (page.page.next) {
          page = await q(`sort=${sort}&order=${order}&limit=2&cursor=${page.page.next}`);
          walked.push(...page.items.map((a) => a.id));
        }
        expect(walked).toEqual(all);
        const last = await q(`sort=${sort}&order=${order}&limit=2&cursor=last`);
        expect(last.items.map((a) => a.id)).toEqual(all.slice(-2));
      }
    }
    const byName = (await q('sort=name')).items.map((a) => a.name);
    expect(byName).toEqual([...names].sort());
    expect((await q('sort=ref&order=desc')).items[0]?.ref).toBe('A-0007');
  });

  it('finds text anywhere in a name or ref, ignoring case, as ILIKE would, and only in its own organisation', async () => {
    const owner = await signUpOwner(server);
    const other = await signUpOwner(server);
    for (const name of ['Pathology portal', 'ECG machine', 'Lab_results share', 'Lab results binder']) await add(owner.client, { name });
    await add(other.client, { name: 'Pathology archive' });
    const q = (text: string) => owner.client.get(`${path}?q=${encodeURIComponent(text)}&sort=name`).then((r) => r.json<Page>());
    // Three characters or more go through the trigram index (migration 0022); shorter ones scan.
    expect((await q('holog')).items.map((a) => a.name)).toEqual(['Pathology portal']);
    expect((await q('GY PoR')).items.map((a) => a.name)).toEqual(['Pathology portal']);
    expect((await q('cg')).items.map((a) => a.name)).toEqual(['ECG machine']);
    expect((await q('b_r')).items.map((a) => a.name)).toEqual(['Lab_results share']);
    expect((await q('-000')).total).toEqual({ count: 4, isExact: true });
    expect((await q('0003')).items.map((a) => a.name)).toEqual(['Lab_results share']);
    expect((await q('archive')).items).toEqual([]);
  });

  it('pages a word matching more than 1,000 assets in sort order, and a rarer one through its matches, with the same rows as ILIKE', async () => {
    const owner = await signUpOwner(server);
    // 1,050 workstations (half of them devices) and 3 servers, written in one statement.
    await server.ownerQuery(
      `insert into assets (org_id, id, ref, name, kind, classification, confidentiality, integrity, availability, created_at, updated_at)
       select $1, gen_random_uuid(), 'A-' || lpad(i::text, 4, '0'), case when i % 351 = 0 then 'Server ' else 'Workstation ' end || lpad(i::text, 4, '0'),
              case when i % 2 = 0 then 'device' else 'system' end, 'internal', 3, 3, 3, now(), now()
       from generate_series(1, 1053) as i`,
      [owner.orgId],
    );
    const q = (query: string) => owner.client.get(`${path}?${query}`).then((r) => r.json<Page>());
    const expected = await server.ownerQuery<{ name: string }>(
      `select name from assets where org_id = $1 and (name ilike '%station%' or ref ilike '%station%') order by name desc, id desc`,
      [owner.orgId],
    );
    expect(expected).toHaveLength(1050);
    const first = await q('q=STATION&sort=name&order=desc&limit=100');
    expect(first.total).toEqual({ count: 1000, isExact: false });
    const walked = first.items.map((a) => a.name);
    for (let page = first; page.page.next;) {
      page = await q(`q=STATION&sort=name&order=desc&limit=100&cursor=${page.page.next}`);
      walked.push(...page.items.map((a) => a.name));
    }
    expect(walked).toEqual(expected.map((row) => row.name));
    expect((await q('q=station&sort=name&limit=5&cursor=last')).items.map((a) => a.name)).toEqual(
      expected
        .slice(0, 5)
        .map((row) => row.name)
        .reverse(),
    );
    // With another filter the count is counted (capped), whichever way the text is found.
    expect((await q('q=station&kind=device')).total).toEqual({ count: 525, isExact: true });
    expect((await q('q=server&sort=name')).items.map((a) => a.name)).toEqual(['Server 0351', 'Server 0702', 'Server 1053']);
    expect((await q('q=server&kind=device')).total).toEqual({ count: 1, isExact: true });
  });

  it('links assets both ways and removes links, refusing a link to itself or twice', async () => {
    const owner = await signUpOwner(server);
    const pms = await add(owner.client, { name: 'Practice management system', kind: 'software' });
    const srv = await add(owner.client, { name: 'Clinic server', kind: 'device' });
    const linked = await owner.client.request('POST', `${path}/${pms.id}/links`, { toAssetId: srv.id, relation: 'runs_on' });
    expect(linked.status).toBe(201);
    expect(linked.json<Detail>().links).toEqual([
      expect.objectContaining({ direction: 'outgoing', relation: 'runs_on', asset: expect.objectContaining({ ref: srv.ref }) }),
    ]);
    const other = (await owner.client.get(`${path}/${srv.id}`)).json<Detail>();
    expect(other.links).toEqual([
      expect.objectContaining({ direction: 'incoming', relation: 'runs_on', asset: expect.objectContaining({ name: 'Practice management system' }) }),
    ]);
    expect((await owner.client.request('POST', `${path}/${pms.id}/links`, { toAssetId: srv.id, relation: 'runs_on' })).status).toBe(409);
    expect((await owner.client.request('POST', `${path}/${pms.id}/links`, { toAssetId: pms.id, relation: 'stores' })).status).toBe(400);
    const removed = await owner.client.request('DELETE', `${path}/${pms.id}/links/${srv.id}/runs_on`);
    expect(removed.status).toBe(200);
    expect(removed.json<Detail>().links).toEqual([]);
    expect((await owner.client.request('DELETE', `${path}/${pms.id}/links/${srv.id}/runs_on`)).status).toBe(404);
    // Deleting an asset takes its links with it.
    await owner.client.request('POST', `${path}/${srv.id}/links`, { toAssetId: pms.id, relation: 'stores' });
    await owner.client.request('DELETE', `${path}/${srv.id}`);
    expect((await owner.client.get(`${path}/${pms.id}`)).json<Detail>().links).toEqual([]);
    const trail = (await owner.client.get(`/api/v1/audit-log?entityId=${pms.id}&order=asc`)).json<{
      items: Array<{ action: string; actorName: string; subject: null; before: unknown; after: unknown }>;
    }>();
    const sentences = trail.items.filter((e) => e.action !== 'asset.created').map((e) => auditSentence({ ...e, people: {} }));
    expect(sentences).toEqual([
      'Pat Owner recorded that A-0001 Practice management system runs on A-0002 Clinic server.',
      'Pat Owner removed the link “A-0001 Practice management system runs on A-0002 Clinic server”.',
    ]);
  });

  it('accepts only a level of the scheme and a member as owner; refuses a stale change with the asset as it is now', async () => {
    const owner = await signUpOwner(server);
    const bad = await owner.client.request('POST', path, { ...base, name: 'X', classification: 'secret' });
    expect(bad.status).toBe(400);
    expect(bad.json<ErrorReply>().error.message).toBe(
      "Choose one of the organisation's classifications: Public, Internal, Confidential, Sensitive health information.",
    );
    const stranger = await signUpOwner(server);
    expect((await owner.client.request('POST', path, { ...base, name: 'X', ownerUserId: stranger.userId })).status).toBe(400);
    const record = await add(owner.client, { name: 'Shared' });
    await owner.client.request('PATCH', `${path}/${record.id}`, { version: record.version, location: 'Front desk' });
    const stale = await owner.client.request('PATCH', `${path}/${record.id}`, { version: record.version, location: 'Back office' });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { details: { current: Asset } } }>().error.details.current).toMatchObject({
      location: 'Front desk',
      version: record.version + 1,
    });
  });

  it('lets managers change the classification scheme but never remove a level assets hold', async () => {
    const owner = await signUpOwner(server);
    const contributor = await addMemberWithRole(server, owner, 'contributor');
    const scheme = (await owner.client.get('/api/v1/asset-classification')).json<{
      levels: Array<{ key: string; label: string; description: string; assetCount: number }>;
      version: number;
      isDefault: boolean;
    }>();
    expect(scheme).toMatchObject({ isDefault: true, version: 0 });
    expect(scheme.levels.map((l) => l.key)).toEqual(['public', 'internal', 'confidential', 'sensitive_health']);
    await add(owner.client, { name: 'Rosters', classification: 'internal' });
    const levels = scheme.levels.map(({ key, label, description }) => ({ key, label, description }));
    const withoutInternal = levels.filter((l) => l.key !== 'internal');
    expect((await contributor.client.request('PUT', '/api/v1/asset-classification', { version: 0, levels: withoutInternal })).status).toBe(403);
    const refused = await owner.client.request('PUT', '/api/v1/asset-classification', { version: 0, levels: withoutInternal });
    expect(refused.status).toBe(400);
    expect(refused.json<ErrorReply>().error.message).toContain('Internal (1 asset)');
    const renamed = levels.map((l) => (l.key === 'public' ? { ...l, label: 'Anyone' } : l)).filter((l) => l.key !== 'confidential');
    const saved = await owner.client.request('PUT', '/api/v1/asset-classification', {
      version: 0,
      levels: [...renamed, { key: 'restricted', label: 'Restricted', description: 'Board only.' }],
    });
    expect(saved.status).toBe(200);
    expect(saved.json()).toMatchObject({ isDefault: false, version: 1 });
    expect(saved.json<{ levels: Array<{ key: string; assetCount: number }> }>().levels.map((l) => [l.key, l.assetCount])).toEqual([
      ['public', 0],
      ['internal', 1],
      ['sensitive_health', 0],
      ['restricted', 0],
    ]);
    expect((await owner.client.request('PUT', '/api/v1/asset-classification', { version: 0, levels })).status).toBe(409);
    expect((await add(owner.client, { name: 'Board minutes', classification: 'restricted' })).classificationLabel).toBe('Restricted');
    expect((await owner.client.request('POST', path, { ...base, name: 'Old level' })).status).toBe(400);
  });

  it('never leaves an asset on a level removed at the same moment', async () => {
    const owner = await signUpOwner(server);
    const manager = await addMemberWithRole(server, owner, 'isms_manager');
    const levels = (await owner.client.get('/api/v1/asset-classification')).json<{ levels: Array<{ key: string; label: string; description: string }> }>()
      .levels;
    let version = 0;
    for (let round = 0; round < 6; round += 1) {
      const extra = { key: `temp_${round}`, label: `Temporary ${round}`, description: '' };
      const withExtra = await owner.client.request('PUT', '/api/v1/asset-classification', {
        version,
        levels: [...levels.map(({ key, label, description }) => ({ key, label, description })), extra],
      });
      version = withExtra.json<{ version: number }>().version;
      // One person removes the level while another files an asset under it.
      const [removal, addition] = await Promise.all([
        owner.client.request('PUT', '/api/v1/asset-classification', {
          version,
          levels: levels.map(({ key, label, description }) => ({ key, label, description })),
        }),
        manager.client.request('POST', path, { ...base, name: `Round ${round}`, classification: extra.key }),
      ]);
      expect([removal.status, addition.status]).not.toEqual([200, 201]);
      expect(removal.status === 200 || addition.status === 201).toBe(true);
      const scheme = (await owner.client.get('/api/v1/asset-classification')).json<{ levels: Array<{ key: string }>; version: number }>();
      version = scheme.version;
      const held = (await owner.client.get(`${path}?classification=${extra.key}`)).json<Page>().total.count;
      expect(held === 0 || scheme.levels.some((level) => level.key === extra.key)).toBe(true);
      if (held > 0) {
        const asset = (await owner.client.get(`${path}?classification=${extra.key}`)).json<Page>().items[0];
        await owner.client.request('DELETE', `${path}/${asset?.id ?? ''}`);
      }
    }
  });

  it('lets a contributor delete only what they added, and hides every asset from another organisation', async () => {
    const owner = await signUpOwner(server);
    const contributor = await addMemberWithRole(server, owner, 'contributor');
    const ownersAsset = await add(owner.client, { name: 'Owner’s' });
    const theirs = await add(contributor.client, { name: 'Contributor’s' });
    expect((await contributor.client.request('DELETE', `${path}/${ownersAsset.id}`)).status).toBe(403);
    expect((await contributor.client.request('DELETE', `${path}/${theirs.id}`)).status).toBe(200);
    const stranger = await signUpOwner(server);
    expect((await stranger.client.get(`${path}/${ownersAsset.id}`)).status).toBe(404);
    expect((await stranger.client.get(path)).json<Page>().total.count).toBe(0);
    const strangerAsset = await add(stranger.client, { name: 'Theirs' });
    expect(strangerAsset.ref).toBe('A-0001');
    expect((await owner.client.request('POST', `${path}/${ownersAsset.id}/links`, { toAssetId: strangerAsset.id, relation: 'runs_on' })).status).toBe(400);
  });
});
