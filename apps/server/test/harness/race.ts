import type { FastifyInstance } from 'fastify';
import { envelopeProblems } from './envelope.ts';
import { send, splitRouteKey, type SentResponse } from './http.ts';
import type { InventoryEntry, RaceRequest, RaceSpec } from './route-inventory.ts';
import type { World } from './world.ts';

function describeReply(reply: SentResponse): string {
  return `${reply.status} ${reply.text.slice(0, 160)}`;
}

/** What is wrong with the two replies of a race, whatever the route. */
export function judgeRace(spec: RaceSpec, replies: [SentResponse, SentResponse]): string[] {
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

/**
 * Holds each transaction, once it has opened, until the other racer's transaction has opened too (or
 * 300 ms passed, when the other has nothing left to do): the two requests then read and write at the
 * same time instead of one finishing before the other starts. Only for PostgreSQL: PGlite has one
 * connection, so a held transaction would only make the other wait.
 */
export function openTogether(): () => Promise<void> {
  let waiting: Array<() => void> = [];
  return () =>
    new Promise<void>((resolve) => {
      const release = () => {
        const all = waiting;
        waiting = [];
        for (const done of all) done();
      };
      waiting.push(resolve);
      if (waiting.length >= 2) release();
      else setTimeout(release, 300);
    });
}

/**
 * Sends a route's two conflicting requests at the same moment (each with its own cookie jar, the
 * owner of org A by default) and returns every problem: the generic judgement and the route's own.
 */
export async function runRace(app: FastifyInstance, world: World, entry: InventoryEntry, spec: RaceSpec): Promise<string[]> {
  const { method, path } = splitRouteKey(entry.route);
  const requests: [RaceRequest, RaceRequest] = await spec.requests({ world, actor: 'owner', jar: new Map(world.jars.owner), app });
  const deps = world.server.deps;
  if (world.server.deps.database.kind === 'postgresql') deps.testHooks = { afterOpen: openTogether() };
  let replies: [SentResponse, SentResponse];
  try {
    replies = (await Promise.all(requests.map((r) => send(app, new Map(r.jar ?? world.jars.owner), method, path, r.spec)))) as [SentResponse, SentResponse];
  } finally {
    delete deps.testHooks;
  }
  return [...judgeRace(spec, replies), ...(spec.verify ? await spec.verify(world, replies, requests) : [])];
}
