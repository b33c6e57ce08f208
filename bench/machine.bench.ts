import type { Report } from './bench.types';

// How fast this machine runs a tight loop, so figures from other
// suites can be read against the machine they ran on.
export async function run(report: Report): Promise<void> {
  const n = 50_000_000;
  const start = process.hrtime.bigint();
  let acc = 0;
  for (let i = 0; i < n; i++) acc = (acc + i) % 1_000_003;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (acc < 0) throw new Error('unreachable');
  report('machine_loop_iterations_per_s', n / seconds, 'iterations/s');
  return Promise.resolve();
}
