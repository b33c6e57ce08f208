import autocannon from 'autocannon';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres-event-store';
import { SubscriptionsHost } from '../src/infrastructure/event-store/subscriptions-host';
import { TradingFeed } from '../src/modules/accounts';
import type { Report } from './bench.types';
import { startBenchApp } from './support/bench-app';
import { createScratchDatabase } from './support/scratch-database';
import { HelloProbeModule } from './support/hello-probe.module';
import { pacedLoad } from './support/paced-load';
import { percentile } from './support/stats';
import { cpuTime } from './support/cpu-time';

const SYMBOL = 'BTC/USDT:USDT';
const CONNECTIONS = Number(process.env.ORDERS_BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.ORDERS_BENCH_SECONDS ?? 12);
/** Hello and place-order take turns in short rounds, so a change in the machine's load hits both alike. */
const ROUNDS = 3;
const PACED_RATE = 200;
const PACED_SECONDS = 10;
const VISIBLE_SAMPLES = 300;

interface Load {
  ok: number;
  failed: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
}

async function load(options: autocannon.Options): Promise<Load> {
  // In a worker thread: the load generator must not share the event loop of the app it measures.
  const result = await autocannon({ connections: CONNECTIONS, workers: 1, ...options });
  const failed = result.errors + result.timeouts + result.non2xx;
  return {
    ok: result.requests.total - result.non2xx,
    failed,
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

/**
 * Place-order over HTTP end to end on a real PostgreSQL (DATABASE_URL), in a database created for
 * the run: validation, pre-trade risk (a policy with limits, so positions, the mark and the open-order
 * count are read), the append, then the orders projection and the push that feeds the socket topics.
 * Orders are IOC limits 10% under the market, so the sim venue cancels them at once and its book
 * stays empty whatever the count. Load comes from autocannon in a worker thread; the latency at
 * 200 orders/s from an open-loop paced sender (support/paced-load.ts), timed from each order's due
 * time. The trivial route (the same guard, pipes and filter) is measured in the same run, in
 * alternating rounds.
 * Goals: >= 1,000 orders/s sustained; p99 < 20 ms at 200 orders/s.
 */
export async function run(report: Report): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (base === undefined || base === '')
    throw new Error('the orders bench needs DATABASE_URL (a real PostgreSQL)');
  const scratch = await createScratchDatabase(base, 'tb_orders_bench');
  const bench = await startBenchApp(
    {
      DATABASE_URL: scratch.url,
      RATE_LIMIT_PER_MIN: '10000000',
      RATE_LIMIT_IP_PER_MIN: '10000000',
      EXCHANGES: 'sim',
      // A deployment knob: on a small machine a smaller pool (fewer PostgreSQL backends) lowers latency.
      ...(process.env.DATABASE_POOL_SIZE === undefined
        ? {}
        : { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE }),
    },
    [HelloProbeModule],
  );
  const { app, baseUrl, headers } = bench;
  try {
    const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };

    const { id: accountId } = (await call('POST', '/v1/accounts', {
      name: 'bench',
      exchange: 'sim',
      initialBalances: { USDT: '1000000000' },
    })) as { id: string };
    await call('PUT', `/v1/accounts/${accountId}/risk-policy`, {
      maxOrderNotional: '100000000',
      priceBandPct: '50',
      maxOpenOrders: 1_000_000,
      maxOrdersPerSecond: 1_000_000,
    });
    const book = (await call('POST', '/v1/fetchOrderBook', {
      exchange: 'sim',
      symbol: SYMBOL,
      limit: 1,
    })) as { bids: [number, number][] };
    const price = (Math.floor((book.bids[0]?.[0] ?? 60000) * 0.9 * 10) / 10).toFixed(1);
    let run = 0;
    // autocannon replaces [<id>] with a unique id per request: every request is a new order.
    // IOC 10% under the market: the sim venue cancels it at once, so its book stays empty.
    const iocOrder = (clientOrderId: string) => ({
      accountId,
      clientOrderId,
      symbol: SYMBOL,
      side: 'buy',
      type: 'limit',
      timeInForce: 'ioc',
      quantity: '0.001',
      price,
    });
    const orderBody = () => JSON.stringify(iocOrder(`r${run++}-[<id>]`));
    const placeLoad = (options: Omit<autocannon.Options, 'url'>) =>
      load({
        ...options,
        url: `${baseUrl}/v1/orders`,
        method: 'POST',
        headers,
        body: orderBody(),
        idReplacement: true,
      });
    const settle = () => caughtUp(app.get(SubscriptionsHost), app.get(PostgresEventStore));

    process.stderr.write(
      `orders bench: ${CONNECTIONS} connections, ${SECONDS}s per route in ${ROUNDS} alternating rounds\n`,
    );
    await load({ url: `${baseUrl}/bench/hello`, headers, duration: 2 });
    await placeLoad({ duration: 2 });
    await settle();
    const hello: Load[] = [];
    const orders: Load[] = [];
    const cpu = { mainThreadMs: 0, postgresMs: 0, known: true };
    let catchUpSeconds = 0;
    for (let round = 0; round < ROUNDS; round++) {
      hello.push(await load({ url: `${baseUrl}/bench/hello`, headers, duration: SECONDS / ROUNDS }));
      const before = cpuTime();
      orders.push(await placeLoad({ duration: SECONDS / ROUNDS }));
      const settling = performance.now();
      await settle(); // the execution and projections catch up: each round starts from the same state
      catchUpSeconds += (performance.now() - settling) / 1000;
      const after = cpuTime();
      if (before === null || after === null) cpu.known = false;
      else {
        cpu.mainThreadMs += after.mainThreadMs - before.mainThreadMs;
        cpu.postgresMs += after.postgresMs - before.postgresMs;
      }
    }
    const total = (rounds: Load[], of: 'ok' | 'failed' | 'seconds') => rounds.reduce((n, r) => n + r[of], 0);
    const placed = total(orders, 'ok');
    const loadSeconds = total(orders, 'seconds');
    report('http_hello_req_per_s', total(hello, 'ok') / total(hello, 'seconds'), 'req/s');
    report('orders_per_s', placed / loadSeconds, 'orders/s');
    // The same orders over the load and the time the execution and projections took to catch up after it.
    report('orders_per_s_caught_up', placed / (loadSeconds + catchUpSeconds), 'orders/s');
    report('orders_failed', total(orders, 'failed'), 'requests');
    if (cpu.known) {
      // What each order costs, all of it (the request, the venue round, projections, pushes), whatever
      // the rate: 1000 / the app's figure bounds one process's orders/s; the sum, what 2 cores can carry.
      report('order_cpu_app_main_thread_ms', cpu.mainThreadMs / placed, 'ms/order');
      report('order_cpu_postgres_ms', cpu.postgresMs / placed, 'ms/order');
    }

    // Evenly spaced: autocannon's overallRate lets each connection spend its per-second quota at once,
    // which is a burst at full concurrency every second, not 200 orders/s.
    const paced = await pacedLoad({
      url: `${baseUrl}/v1/orders`,
      method: 'POST',
      headers,
      body: orderBody(),
      ratePerSecond: PACED_RATE,
      seconds: PACED_SECONDS,
    });
    report('order_ack_p50_ms', percentile(paced.latencies, 50), 'ms');
    report('order_ack_p99_ms', percentile(paced.latencies, 99), 'ms');
    report('orders_failed_paced', paced.failed, 'requests');
    await settle();

    // Until the order is readable and pushed: the projection's commit and the feed behind the topics.
    const feed = app.get(TradingFeed);
    const sentAt = new Map<string, number>();
    const visible: number[] = [];
    const unsubscribe = feed.subscribe('orders', accountId, (change) => {
      const sent = change.eventType === 'OrderPlaced' ? sentAt.get(change.order.clientOrderId) : undefined;
      if (sent !== undefined) visible.push(performance.now() - sent);
    });
    for (let i = 0; i < VISIBLE_SAMPLES; i++) {
      const clientOrderId = `visible-${i}`;
      sentAt.set(clientOrderId, performance.now());
      await call('POST', '/v1/orders', iocOrder(clientOrderId));
      await new Promise((r) => setTimeout(r, 1000 / PACED_RATE));
    }
    await settle();
    unsubscribe();
    report('order_visible_p50_ms', percentile(visible, 50), 'ms');
    report('order_visible_p99_ms', percentile(visible, 99), 'ms');
  } finally {
    await bench.close();
    await scratch.drop();
  }
}

/** Waits until every subscription (projections, process managers) has read up to the head of $all. */
async function caughtUp(
  host: SubscriptionsHost,
  store: PostgresEventStore,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const head = await store.headPosition();
  while (Date.now() < deadline) {
    if (host.statuses().every((s) => !s.active || s.position >= head)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  process.stderr.write('orders bench: subscriptions still behind after the wait\n');
}
