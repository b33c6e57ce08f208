/** Percentile of an unsorted sample (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Runs `workers` loops until `durationMs` has passed; returns completed units per second. */
export async function throughput(
  workers: number,
  durationMs: number,
  step: (worker: number) => Promise<number>,
): Promise<number> {
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  let units = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < deadline) {
        // Not `units += await step(w)`: that reads units before the await and loses concurrent updates.
        const done = await step(w);
        units += done;
      }
    }),
  );
  return units / ((performance.now() - started) / 1000);
}
