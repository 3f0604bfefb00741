import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { TestServer } from '../test-server.ts';
import { envelopeProblems } from './envelope.ts';
import { orgChecksum } from './org-checksum.ts';
import { encodeSegment, fillPath, send, splitRouteKey, type HttpMethod, type RequestSpec } from './http.ts';
import { openApiOperations, type OpenApiDocument } from './inventory-check.ts';
import {
  hugeLengths,
  malformedBodies,
  nastyString,
  oddContentTypes,
  oddHeaderNames,
  oddKeys,
  oddPathSegments,
  oddQueries,
  wrongTypeValues,
} from './payloads.ts';
import type { InventoryEntry } from './route-inventory.ts';
import { valueArbitrary, type Hints, type JsonSchema } from './schema-arbitrary.ts';
import type { Jar, World } from './world.ts';

/** A route as the fuzzer sees it: its inventory entry and the schemas from the OpenAPI document. */
export interface FuzzTarget {
  entry: InventoryEntry;
  method: HttpMethod;
  path: string;
  pathParams: Array<{ name: string; schema: JsonSchema }>;
  query: Array<{ name: string; schema: JsonSchema; required: boolean }>;
  body: JsonSchema | null;
}

/** One generated request: valid by the schema ("valid") or deliberately broken (the mutation's name). */
export interface FuzzRequest {
  mutation: string;
  spec: RequestSpec;
}

/** Joins the inventory with the OpenAPI document's parameter and body schemas. */
export function fuzzTargets(doc: OpenApiDocument, inventory: readonly InventoryEntry[]): FuzzTarget[] {
  const operations = openApiOperations(doc);
  return inventory.map((entry) => {
    const { method, path } = splitRouteKey(entry.route);
    const operation = operations.get(entry.route);
    const parameters = operation?.parameters ?? [];
    const templateParams = [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '');
    return {
      entry,
      method,
      path,
      pathParams: templateParams.map((name) => ({
        name,
        schema: (parameters.find((p) => p.in === 'path' && p.name === name)?.schema ?? { type: 'string' }) as JsonSchema,
      })),
      query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: (p.schema ?? {}) as JsonSchema, required: p.required === true })),
      body: (operation?.requestBody?.content?.['application/json']?.schema ?? null) as JsonSchema | null,
    };
  });
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Requests that satisfy the route's schemas (pinned body values forced). */
export function validRequest(target: FuzzTarget, hints: Hints): fc.Arbitrary<RequestSpec> {
  const params = fc.record(Object.fromEntries(target.pathParams.map((p) => [p.name, valueArbitrary(p.schema, p.name, hints).map(asText)])));
  const queryModel = Object.fromEntries(target.query.map((q) => [q.name, valueArbitrary(q.schema, q.name, hints).map(asText)]));
  const query = fc.record(queryModel, { requiredKeys: target.query.filter((q) => q.required).map((q) => q.name) });
  const pin = target.entry.fuzz?.pin ?? {};
  const body = target.body
    ? valueArbitrary(target.body, '', hints).map((value) => {
        if (!isRecord(value)) return value;
        const pinned = { ...value };
        for (const [key, forced] of Object.entries(pin)) if (key in pinned) pinned[key] = forced;
        return pinned;
      })
    : fc.constant(undefined);
  return fc.record({ params, query, body }).map(({ params: p, query: q, body: b }) => ({ params: p, query: q, ...(b === undefined ? {} : { body: b }) }));
}

type Where = 'body' | 'query' | 'params';

const remove = Symbol('remove');

/** Sets, replaces or deletes one field of a spec (the nth field of that part, wrapping around). */
function withField(spec: RequestSpec, where: Where, pick: number, pinned: readonly string[], change: (key: string) => unknown | typeof remove): RequestSpec {
  const part = where === 'body' ? spec.body : spec[where];
  if (!isRecord(part)) return spec;
  const keys = Object.keys(part).filter((key) => where !== 'body' || !pinned.includes(key));
  const key = keys[pick % Math.max(1, keys.length)];
  if (key === undefined) return spec;
  const next: Record<string, unknown> = { ...part };
  const value = change(key);
  if (value === remove && where === 'params') next[key] = '';
  else if (value === remove) delete next[key];
  else next[key] = where === 'body' ? value : asText(value);
  return { ...spec, [where]: next };
}

function rawPathWith(target: FuzzTarget, spec: RequestSpec, pick: number, segment: string): string {
  const name = target.pathParams[pick % Math.max(1, target.pathParams.length)]?.name;
  const encoded = fillPath(target.path, spec.params);
  if (!name) return `${encoded}/${segment}`;
  const others = { ...spec.params, [name]: '\u0001' };
  return fillPath(target.path, others).replace('%01', segment);
}

/** Deliberately broken variants of a valid request. */
export function brokenRequest(target: FuzzTarget, valid: RequestSpec): fc.Arbitrary<FuzzRequest> {
  const pinned = Object.keys(target.entry.fuzz?.pin ?? {});
  const where = fc.constantFrom<Where>(
    ...(['body', 'query', 'params'] as const).filter((w) =>
      w === 'body' ? target.body !== null : w === 'query' ? target.query.length > 0 : target.pathParams.length > 0,
    ),
    'query',
  );
  const validText = JSON.stringify(valid.body ?? {});
  const mutations: Array<fc.Arbitrary<FuzzRequest>> = [
    fc
      .record({ w: where, pick: fc.nat(), value: fc.constantFrom(...wrongTypeValues) })
      .map(({ w, pick, value }) => ({ mutation: `wrong type in ${w}`, spec: withField(valid, w, pick, pinned, () => value) })),
    fc
      .record({ w: where, pick: fc.nat() })
      .map(({ w, pick }) => ({ mutation: `missing field in ${w}`, spec: withField(valid, w, pick, pinned, () => remove) })),
    fc
      .record({ w: where, pick: fc.nat(), text: nastyString })
      .map(({ w, pick, text }) => ({ mutation: `nasty text in ${w}`, spec: withField(valid, w, pick, pinned, () => text) })),
    fc.record({ w: where, pick: fc.nat(), length: fc.constantFrom(...hugeLengths) }).map(({ w, pick, length }) => ({
      mutation: `huge string (${length}) in ${w}`,
      spec: withField(valid, w, pick, pinned, () => 'x'.repeat(w === 'body' ? length : Math.min(length, 100_000))),
    })),
    fc
      .record({ key: fc.oneof(fc.constantFrom(...oddKeys), fc.string({ maxLength: 12 })), value: fc.oneof(fc.constantFrom(...wrongTypeValues), nastyString) })
      .map(({ key, value }) => ({
        mutation: 'unknown field',
        spec:
          target.body !== null && isRecord(valid.body)
            ? { ...valid, rawBody: JSON.stringify({ ...valid.body, [key]: value }) }
            : { ...valid, query: { ...valid.query, [key]: asText(value) } },
      })),
    fc
      .record({ pick: fc.nat(), segment: fc.oneof(fc.constantFrom(...oddPathSegments), nastyString.map(encodeSegment)) })
      .map(({ pick, segment }) => ({ mutation: 'odd path segment', spec: { ...valid, rawPath: rawPathWith(target, valid, pick, segment) } })),
    fc.constantFrom(...oddQueries).map((rawQuery) => ({ mutation: 'odd query string', spec: { ...valid, rawQuery } })),
    fc.record({ name: fc.constantFrom(...oddHeaderNames), value: nastyString.filter((text) => /^[\x20-\x7e]*$/.test(text)) }).map(({ name, value }) => ({
      mutation: `odd ${name} header`,
      spec: { ...valid, headers: { ...valid.headers, [name]: name === 'cookie' ? `custodian_session=${value}` : value } },
    })),
  ];
  if (target.method !== 'GET') {
    mutations.push(
      fc
        .constantFrom(...malformedBodies(validText))
        .map((rawBody) => ({ mutation: `malformed body ${JSON.stringify(rawBody.slice(0, 30))}`, spec: { ...valid, rawBody } })),
      fc
        .constantFrom(...oddContentTypes)
        .map((type) => ({ mutation: `content-type ${JSON.stringify(type)}`, spec: { ...valid, rawBody: validText, headers: { 'content-type': type } } })),
    );
  }
  return fc.oneof(...mutations);
}

/** Valid requests a quarter of the time, broken ones otherwise. */
export function fuzzRequest(target: FuzzTarget, hints: Hints): fc.Arbitrary<FuzzRequest> {
  return validRequest(target, hints).chain((valid) =>
    fc.oneof({ weight: 1, arbitrary: fc.constant<FuzzRequest>({ mutation: 'valid', spec: valid }) }, { weight: 3, arbitrary: brokenRequest(target, valid) }),
  );
}

/** What happened to one route under fuzzing. */
export interface FuzzOutcome {
  route: string;
  runs: number;
  accepted: number;
  rejected: number;
  statuses: Record<number, number>;
  ms: number;
  seed: number;
  isInterrupted: boolean;
  /** The failure report (fast-check's, with seed and path for replay), or null. */
  failure: string | null;
}

export interface FuzzRunOptions {
  app: FastifyInstance;
  server: TestServer;
  orgId: string;
  jar: Jar;
  hints: Hints;
  seed: number;
  numRuns: number;
  timeLimitMs: number;
  /** Replays one counterexample path reported by an earlier failure. */
  path?: string;
}

/** The checks on one reply: no 5xx; a 4xx is exactly the envelope and leaves org A's data as it was. */
export function judgeReply(reply: { status: number; contentType: string; text: string }, isDataUnchanged: boolean): string[] {
  if (reply.status >= 500) return [`server error ${reply.status}: ${reply.text.slice(0, 300)}`];
  if (reply.status >= 400)
    return [...envelopeProblems(reply), ...(isDataUnchanged ? [] : ["a rejected request changed stored data (org A's rows or the row counts)"])];
  if (reply.status < 200 || reply.status >= 300) return [`unexpected status ${reply.status}`];
  return [];
}

/** A seed per route, derived from the run's seed and the route key, so one seed replays every route. */
export function routeSeed(baseSeed: number, route: string): number {
  let hash = 0x811c9dc5;
  for (const char of route) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return (baseSeed ^ hash) | 0;
}

/** Known ids of the world, by field name: the fuzzer mixes them in so requests reach real records. */
export function worldHints(world: World): Hints {
  return {
    itemId: [world.gapItemId, 'iso27001:2022:A.8.24', 'iso27001:2022:4.1', 'iso27001:2022:6.1.3', 'iso27001:2022:doc:isms-scope', 'iso27001:2022:4'],
    userId: [world.memberId],
    id: [world.invitationId],
    orgId: [world.orgA.id, world.orgB.id],
    token: [world.previewToken],
    ownerUserId: [world.memberId, world.userIds.owner],
    actorUserId: [world.userIds.owner],
    entityId: [world.gapItemId],
    controlId: [world.gapItemId, 'iso27001:2022:A.8.24', 'iso27001:2022:A.5.1'],
    controlIds: [[world.gapItemId], ['iso27001:2022:A.8.24', 'iso27001:2022:A.5.1']],
    targetId: ['iso27001:2022:A.5.1', 'iso27001:2022:6.1.2', 'iso27001:2022:4'],
    timeZone: ['Australia/Sydney', 'Australia/Perth'],
    version: [0, 1, 2],
    cursor: ['last'],
  };
}

/** A request for a failure report: long strings cut short, so a 1 MB payload stays readable. */
export function describeRequest(request: FuzzRequest | undefined): string {
  if (!request) return '(none)';
  const text = JSON.stringify(request, (_key, value: unknown) =>
    typeof value === 'string' && value.length > 120 ? `${value.slice(0, 60)}…(${value.length} characters)` : value,
  );
  return text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
}

/** Fuzzes one route with a fast-check property; never throws, reports the failure instead. */
export async function fuzzRoute(target: FuzzTarget, options: FuzzRunOptions): Promise<FuzzOutcome> {
  const started = Date.now();
  const statuses: Record<number, number> = {};
  let checksum = await orgChecksum(options.server, options.orgId);
  // fast-check abandons a request still running when the time limit strikes; it is awaited below, so it
  // cannot land in the next route's run, and what it found is still reported.
  let inFlight: Promise<unknown> = Promise.resolve();
  let lastFailure: string | null = null;
  const check = async (request: FuzzRequest): Promise<void> => {
    const reply = await send(options.app, new Map(options.jar), target.method, target.path, request.spec);
    statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
    const after = await orgChecksum(options.server, options.orgId);
    const problems = judgeReply(reply, after === checksum);
    checksum = after;
    if (problems.length > 0) {
      lastFailure = `${request.mutation} → ${reply.status}: ${problems.join('; ')}`;
      throw new Error(lastFailure);
    }
  };
  const property = fc.asyncProperty(fuzzRequest(target, options.hints), (request) => {
    const running = check(request);
    inFlight = running.catch(() => undefined);
    return running;
  });
  const seed = routeSeed(options.seed, target.entry.route);
  const details = await fc.check(property, {
    seed,
    numRuns: options.numRuns,
    interruptAfterTimeLimit: options.timeLimitMs,
    markInterruptAsFailure: false,
    ...(options.path ? { path: options.path } : {}),
  });
  await inFlight;
  const accepted = Object.entries(statuses)
    .filter(([s]) => Number(s) < 300)
    .reduce((n, [, c]) => n + c, 0);
  const rejected = Object.entries(statuses)
    .filter(([s]) => Number(s) >= 400)
    .reduce((n, [, c]) => n + c, 0);
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const counterexample = details.counterexample?.[0];
  // fast-check also reports a run its time limit cut off before any request finished as failed, with
  // no counterexample: that request is judged (and any problem kept in lastFailure) like the rest.
  const failure = details.failed && details.counterexample
    ? [
        `${error.slice(0, 1500)}`,
        `request: ${describeRequest(counterexample)}`,
        `fast-check seed ${details.seed}, path "${details.counterexamplePath ?? ''}", shrunk ${details.numShrinks} times`,
      ].join('\n')
    : lastFailure && `${lastFailure} (in the request the time limit cut off; fast-check seed ${details.seed})`;
  return {
    route: target.entry.route,
    // The requests sent and judged: fast-check does not count one its time limit cut off, yet that
    // request was answered and judged (a route slower than its time slice, such as sign-up, has only that one).
    runs: Object.values(statuses).reduce((n, count) => n + count, 0),
    accepted,
    rejected,
    statuses,
    ms: Date.now() - started,
    seed,
    isInterrupted: details.interrupted,
    failure,
  };
}
