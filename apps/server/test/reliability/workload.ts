import type { ApiClient } from './http-client.ts';
import type { WriteLedger } from './write-ledger.ts';
import { mulberry32 } from '../../../../bench/seed/prng.ts';

/** One simulated client: a session of its own organisation and the items only it writes. */
export interface WorkloadClient {
  client: ApiClient;
  orgId: string;
  items: string[];
}

export interface WorkloadOptions {
  clients: WorkloadClient[];
  durationMs: number;
  /** A hard cap per client, so every loop is bounded in count as well as in time. */
  maxRequestsPerClient: number;
  writeRatio: number;
  ledger: WriteLedger;
  /** Prefix of every note, unique per run, so each write is recognisable afterwards. */
  tag: string;
  /** Stop a client at its first failed request (crash runs); otherwise count the error and go on. */
  isStoppedOnError?: boolean;
  shouldStop?: () => boolean;
  seed?: number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface WorkloadResult {
  requests: number;
  reads: LatencySummary;
  writes: LatencySummary;
  all: LatencySummary;
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
  requestsPerSecond: number;
}

const statuses = ['not_started', 'partial', 'implemented'] as const;

export function summarise(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

function readPath(next: () => number, items: string[]): string {
  const pick = next();
  if (pick < 0.35) return `/api/v1/gap/items?limit=50&sort=${next() < 0.5 ? 'ref' : 'status'}${next() < 0.3 ? '&cursor=last' : ''}`;
  if (pick < 0.6) return `/api/v1/gap/items/${items[Math.floor(next() * items.length)] ?? items[0]}`;
  if (pick < 0.75) return '/api/v1/gap/readiness';
  if (pick < 0.9) return '/api/v1/audit-log?limit=20';
  return '/api/v1/auth/session';
}

/**
 * Runs every client concurrently: each loops until the time or its request budget is used up,
 * writing its own items (PATCH /gap/items/:id with a unique note, from the version it last saw) or reading. Records latencies, errors
 * and, in the ledger, every acknowledged write and every write whose outcome is unknown.
 */
export async function runWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
  const readMs: number[] = [];
  const writeMs: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const started = performance.now();
  const endAt = Date.now() + options.durationMs;
  const fail = (message: string) => {
    errors += 1;
    if (errorSamples.length < 10) errorSamples.push(message);
  };
  await Promise.all(
    options.clients.map(async (worker, index) => {
      const next = mulberry32((options.seed ?? 1) * 7919 + index);
      let sent = 0;
      let cursor = 0;
      // Each client writes only its own items, so it knows their versions from its own replies.
      const versions = new Map<string, number>();
      while (sent < options.maxRequestsPerClient && Date.now() < endAt && !options.shouldStop?.()) {
        sent += 1;
        const isWrite = worker.items.length > 0 && next() < options.writeRatio;
        if (isWrite) {
          const itemId = worker.items[cursor % worker.items.length] ?? '';
          cursor += 1;
          const note = `${options.tag}:${index}:${sent}`;
          const status = statuses[Math.floor(next() * statuses.length)] ?? 'partial';
          try {
            const path = `/api/v1/gap/items/${itemId}`;
            let version = versions.get(itemId);
            if (version === undefined) {
              const current = await worker.client.request('GET', path);
              version = current.status === 200 ? (JSON.parse(current.body) as { version: number }).version : 0;
            }
            const reply = await worker.client.request('PATCH', path, { version, status, notes: note });
            writeMs.push(reply.ms);
            if (reply.status >= 200 && reply.status < 300) {
              versions.set(itemId, (JSON.parse(reply.body) as { version: number }).version);
              options.ledger.ack(worker.orgId, itemId, note);
              continue;
            }
            versions.delete(itemId);
            options.ledger.unknown(worker.orgId, itemId, note);
            fail(`PATCH ${itemId}: ${reply.status} ${reply.body.slice(0, 200)}`);
          } catch (error) {
            versions.delete(itemId);
            options.ledger.unknown(worker.orgId, itemId, note);
            fail(`PATCH ${itemId}: ${error instanceof Error ? error.message : String(error)}`);
          }
          if (options.isStoppedOnError) return;
          continue;
        }
        const path = readPath(next, worker.items.length > 0 ? worker.items : ['iso27001:2022:A.5.1']);
        try {
          const reply = await worker.client.request('GET', path);
          readMs.push(reply.ms);
          if (reply.status === 200) continue;
          fail(`GET ${path}: ${reply.status} ${reply.body.slice(0, 200)}`);
        } catch (error) {
          fail(`GET ${path}: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (options.isStoppedOnError) return;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const requests = readMs.length + writeMs.length;
  return {
    requests,
    reads: summarise(readMs),
    writes: summarise(writeMs),
    all: summarise([...readMs, ...writeMs]),
    errors,
    errorSamples,
    elapsedMs: Math.round(elapsedMs),
    requestsPerSecond: Math.round((requests / elapsedMs) * 1000),
  };
}

/**
 * Gives every client a session (shared among a few signed-in owners, each client with its own jar
 * and CSRF token) and a disjoint share of its organisation's items, so no two clients write one item.
 */
export async function assignClients(owners: Array<{ client: ApiClient; orgId: string }>, itemIds: string[], count: number): Promise<WorkloadClient[]> {
  const perOrg = owners.map(() => 0);
  const plan = Array.from({ length: count }, (_, i) => {
    const org = i % owners.length;
    perOrg[org] = (perOrg[org] ?? 0) + 1;
    return { org, slot: (perOrg[org] ?? 1) - 1 };
  });
  const clients: WorkloadClient[] = [];
  for (const { org, slot } of plan) {
    const owner = owners[org];
    if (!owner) throw new Error('no owner');
    const share = perOrg[org] ?? 1;
    clients.push({ client: await owner.client.fork(), orgId: owner.orgId, items: itemIds.filter((_, i) => i % share === slot) });
  }
  return clients;
}
