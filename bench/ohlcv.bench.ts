import autocannon from 'autocannon';
import type { Report } from './bench.types';
import { startBenchApp } from './support/bench-app';
import { createScratchDatabase } from './support/scratch-database';
import { HelloProbeModule } from './support/hello-probe.module';

const SECONDS = Number(process.env.OHLCV_BENCH_SECONDS ?? 12);
/** The two routes take turns in short rounds, so a change in the machine's load hits both alike. */
const ROUNDS = 4;
const CONNECTIONS = Number(process.env.OHLCV_BENCH_CONNECTIONS ?? 32);
/** A chart's usual request: 500 closed 1m candles (ccxt's default page on most venues). */
const LIMIT = Number(process.env.OHLCV_BENCH_LIMIT ?? 500);
const MINUTE = 60_000;

interface Load {
  requests: number;
  seconds: number;
  p99Ms: number;
}

async function load(options: autocannon.Options): Promise<Load> {
  // In a worker thread: the load generator must not share the event loop of the app it measures.
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, workers: 1, ...options });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) throw new Error(`${options.url}: ${failed} failed requests (${result.non2xx} non-2xx)`);
  return { requests: result.requests.total, seconds: result.duration, p99Ms: result.latency.p99 };
}

/** Rounds added up: the rate over all of them, and the worst round's p99. */
function combined(rounds: Load[]): { reqPerSec: number; p99Ms: number } {
  const requests = rounds.reduce((n, r) => n + r.requests, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  return { reqPerSec: requests / seconds, p99Ms: Math.max(...rounds.map((r) => r.p99Ms)) };
}

/**
 * fetchOHLCV served from the candle store under load (autocannon), against a trivial route on the
 * same app in the same run: the framework's limit on this machine. The store is filled first with
 * one request, so the measured ones make no venue call. Embedded database by default; a fresh
 * database on the server when DATABASE_URL is set. Goal: fetchOHLCV >= 0.5x the trivial route.
 */
export async function run(report: Report): Promise<void> {
  const base = process.env.DATABASE_URL;
  const scratch =
    base !== undefined && base !== ''
      ? await createScratchDatabase(base, 'tradebook_bench_ohlcv')
      : undefined;
  const databaseUrl = scratch?.url;
  const bench = await startBenchApp(
    {
      RATE_LIMIT_PER_MIN: '10000000',
      EXCHANGES: 'sim',
      ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
    },
    [HelloProbeModule],
  );
  const { baseUrl, headers } = bench;
  try {
    const since = Math.floor(Date.now() / MINUTE) * MINUTE - 10_000 * MINUTE;
    const body = JSON.stringify({
      exchange: 'sim',
      symbol: 'BTC/USDT:USDT',
      timeframe: '1m',
      since,
      limit: LIMIT,
    });

    // Fill the store (one venue request), then check it answers in full.
    const filled = await fetch(`${baseUrl}/v1/fetchOHLCV`, { method: 'POST', headers, body });
    const rows = (await filled.json()) as unknown[];
    if (filled.status !== 200 || rows.length !== LIMIT) throw new Error(`prefill failed: ${filled.status}`);
    process.stderr.write(
      `ohlcv bench: ${CONNECTIONS} connections, ${SECONDS}s per route in ${ROUNDS} alternating rounds, ${LIMIT} candles\n`,
    );

    // Warm both routes (JIT), then measure them in turn.
    await load({ url: `${baseUrl}/bench/hello`, headers, duration: 2 });
    await load({ url: `${baseUrl}/v1/fetchOHLCV`, method: 'POST', headers, body, duration: 2 });
    const helloRounds: Load[] = [];
    const ohlcvRounds: Load[] = [];
    const duration = SECONDS / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      helloRounds.push(await load({ url: `${baseUrl}/bench/hello`, headers, duration }));
      ohlcvRounds.push(
        await load({ url: `${baseUrl}/v1/fetchOHLCV`, method: 'POST', headers, body, duration }),
      );
    }
    const hello = combined(helloRounds);
    const ohlcv = combined(ohlcvRounds);

    report('ohlcv_req_per_s', ohlcv.reqPerSec, 'req/s');
    report('ohlcv_p99_ms', ohlcv.p99Ms, 'ms');
    report('http_hello_req_per_s', hello.reqPerSec, 'req/s');
    report('http_hello_p99_ms', hello.p99Ms, 'ms');
    report('ohlcv_to_hello_ratio', ohlcv.reqPerSec / hello.reqPerSec, 'x');
  } finally {
    await bench.close();
    await scratch?.drop();
  }
}
