import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-server.ts';
import { envelopeProblems } from './envelope.ts';
import { send, splitRouteKey, type SentResponse } from './http.ts';
import { routeInventory } from './inventory/all.ts';
import type { RaceRequest, RaceSpec } from './route-inventory.ts';
import { seedWorld, type World } from './world.ts';

// Every state-changing route, raced: two conflicting requests at the same moment. Rules that hold one
// request at a time must hold here too, and a refused request must say so (never a silent overwrite).

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer();
  world = await seedWorld(server);
}, 120_000);
afterAll(async () => server?.close());

const mutating = routeInventory.filter((entry) => !entry.route.startsWith('GET '));

function describeReply(reply: SentResponse): string {
  return `${reply.status} ${reply.text.slice(0, 160)}`;
}

/** What is wrong with the two replies of a race, generically. */
function judgeRace(spec: RaceSpec, replies: [SentResponse, SentResponse]): string[] {
  const problems: string[] = [];
  const wins = replies.filter((r) => r.status >= 200 && r.status < 300).length;
  if (wins === 0) problems.push(`neither request succeeded: ${replies.map(describeReply).join(' | ')}`);
  if (wins > spec.maxWins) problems.push(`${wins} requests succeeded where at most ${spec.maxWins} may: ${replies.map(describeReply).join(' | ')}`);
  for (const reply of replies) {
    if (reply.status >= 500) problems.push(`server error: ${describeReply(reply)}`);
    if (reply.status >= 400) problems.push(...envelopeProblems(reply));
    if (reply.status === 409 && reply.text.includes('"edit_conflict"') && !reply.text.includes('"current"')) problems.push('an edit conflict without the current record');
  }
  return problems;
}

describe('racing every state-changing route', () => {
  it('has a race, or a reason for none, for every state-changing route', () => {
    expect(mutating.filter((entry) => !entry.race).map((entry) => entry.route)).toEqual([]);
  });

  for (const entry of mutating) {
    const race = entry.race;
    if (!race || 'skip' in race) continue;
    it(entry.route, async () => {
      const { method, path } = splitRouteKey(entry.route);
      const requests: [RaceRequest, RaceRequest] = await race.requests({ world, actor: 'owner', jar: new Map(world.jars.owner), app: server.app });
      const replies = (await Promise.all(requests.map((r) => send(server.app, new Map(r.jar ?? world.jars.owner), method, path, r.spec)))) as [SentResponse, SentResponse];
      const problems = [...judgeRace(race, replies), ...(race.verify ? await race.verify(world, replies, requests) : [])];
      expect(problems).toEqual([]);
    }, 60_000);
  }
});
