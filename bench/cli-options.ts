import { isSizeName, type SizeName } from './seed/sizes.ts';
import type { DbKind } from './databases.ts';

/** What one `npm run bench` invocation measures, parsed from its command line. */
export interface BenchOptions {
  /** Sizes to seed and measure, in order (`--size L,XL`). */
  sizes: SizeName[];
  databases: DbKind[];
  durationSeconds: number;
  warmupSeconds: number;
  concurrencies: number[];
  adminUrl: string;
  outFile: string;
  /** Endpoint keys to measure (all when empty); the trivial route and the session lookup always run. */
  only: string[];
  /** The command line that reproduces this run. */
  command: string;
}

/** The command line the bench understands. */
export const usage = `npm run bench -- [--size S|M|L|XL, or a list such as L,XL] [--db postgres|pglite|both] [--duration 5] [--warmup 1]
                       [--concurrency 1,8,32] [--pg-url postgres://postgres@127.0.0.1:5432/test] [--out docs/benchmarks.md]
                       [--only members-first,members-last,gap-items,gap-readiness,assets-first,assets-filtered,assets-search,assets-last,evidence-first,evidence-of-control,evidence-expiring,audit-first,audit-last,catalogue,session,signed-in-noop]`;

/** Parses the command line; throws with the usage text on anything it does not understand. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] ?? '';
    const [name, inline] = flag.split('=', 2);
    if (!name?.startsWith('--')) throw new Error(`unexpected argument ${flag}\n${usage}`);
    const value = inline ?? argv[(i += 1)];
    if (value === undefined) throw new Error(`${name} needs a value\n${usage}`);
    values.set(name.slice(2), value);
  }
  const known = new Set(['size', 'db', 'duration', 'warmup', 'concurrency', 'pg-url', 'out', 'only']);
  for (const name of values.keys()) if (!known.has(name)) throw new Error(`unknown option --${name}\n${usage}`);
  const sizes = (values.get('size') ?? 'S')
    .toUpperCase()
    .split(',')
    .filter((name) => name !== '');
  if (sizes.length === 0 || !sizes.every(isSizeName)) throw new Error(`--size takes S, M, L or XL, or a comma-separated list of them\n${usage}`);
  if (new Set(sizes).size !== sizes.length) throw new Error(`--size names a size twice\n${usage}`);
  const db = values.get('db') ?? 'both';
  if (db !== 'postgres' && db !== 'pglite' && db !== 'both') throw new Error(`--db must be postgres, pglite or both\n${usage}`);
  const durationSeconds = Number(values.get('duration') ?? '5');
  const warmupSeconds = Number(values.get('warmup') ?? '1');
  if (!(durationSeconds > 0 && durationSeconds <= 600) || !(warmupSeconds >= 0 && warmupSeconds <= 60))
    throw new Error(`--duration must be 0–600 s and --warmup 0–60 s\n${usage}`);
  const concurrencies = (values.get('concurrency') ?? '1,8,32').split(',').map(Number);
  if (concurrencies.some((c) => !Number.isInteger(c) || c < 1 || c > 256))
    throw new Error(`--concurrency takes whole numbers 1–256, comma-separated\n${usage}`);
  const adminUrl = values.get('pg-url') ?? 'postgres://postgres@127.0.0.1:5432/test';
  const host = new URL(adminUrl).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') throw new Error('--pg-url must point at a PostgreSQL server on this machine (loopback)');
  const args = [`--size ${sizes.join(',')}`, `--db ${db}`, `--duration ${durationSeconds}`];
  if (values.has('warmup')) args.push(`--warmup ${warmupSeconds}`);
  if (values.has('concurrency')) args.push(`--concurrency ${concurrencies.join(',')}`);
  const only = (values.get('only') ?? '').split(',').filter((key) => key !== '');
  if (only.length > 0) args.push(`--only ${only.join(',')}`);
  return {
    sizes,
    databases: db === 'both' ? ['postgres', 'pglite'] : [db],
    durationSeconds,
    warmupSeconds,
    concurrencies,
    adminUrl,
    outFile: values.get('out') ?? 'docs/benchmarks.md',
    only,
    command: `npm run bench -- ${args.join(' ')}`,
  };
}
