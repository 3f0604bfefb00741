/** Latency and throughput of one cell: one target at one concurrency for a fixed duration. */
export interface CellStats {
  concurrency: number;
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const maxSamples = 5_000_000;

/** Nearest-rank percentile of sorted values (milliseconds). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/**
 * A closed loop: `concurrency` workers each send the next request as soon as the previous one has
 * answered, until the duration is over (or a sample cap is reached). A task returns false, or throws,
 * for a failed request; failures are counted and kept out of the latencies.
 */
export async function runClosedLoop(task: () => Promise<boolean>, options: { concurrency: number; durationMs: number }): Promise<CellStats> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  let finished = started;
  const worker = async () => {
    while (performance.now() < deadline && latencies.length + errors < maxSamples) {
      const t0 = performance.now();
      let isOk = false;
      try {
        isOk = await task();
      } catch {
        isOk = false;
      }
      const t1 = performance.now();
      finished = Math.max(finished, t1);
      if (isOk) latencies.push(t1 - t0);
      else errors += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (finished - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    concurrency: options.concurrency,
    requests: latencies.length,
    errors,
    seconds,
    rps: seconds > 0 ? latencies.length / seconds : 0,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}
