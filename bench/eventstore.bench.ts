import { randomUUID } from 'node:crypto';
import { Database } from '../src/infrastructure/database/database';
import { AppendNotifier } from '../src/infrastructure/event-store/append-notifier';
import {
  ExpectedVersion,
  type NewEvent,
  type StoredEvent,
} from '../src/infrastructure/event-store/event-store.types';
import { newEventId, PostgresEventStore } from '../src/infrastructure/event-store/postgres-event-store';
import type { SqlClient } from '../src/infrastructure/event-store/sql-client';
import type { ProjectionHandler } from '../src/infrastructure/event-store/subscription.types';
import { UpcasterRegistry } from '../src/infrastructure/event-store/upcasters';
import { silentLog } from '../src/infrastructure/observability/log';
import { subscriptionOn } from '../test/support/subscription-fixture';
import { createServerDatabase, dropServerDatabase } from '../test/support/test-databases';
import type { Report } from './bench.types';
import { percentile, throughput } from './support/stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;

/** A payload the size of a typical order event. */
function payload(i: number): Record<string, unknown> {
  return {
    orderId: randomUUID(),
    accountId: 'acc-1',
    symbol: 'BTC/USDT:USDT',
    side: i % 2 ? 'buy' : 'sell',
    price: '64250.5',
    quantity: '0.015',
    type: 'limit',
    timeInForce: 'GTC',
  };
}
const metadata = {
  correlationId: randomUUID(),
  causationId: null,
  actor: 'bench',
  requestId: null,
  schemaVersion: 1,
};
const events = (n: number): NewEvent[] =>
  Array.from({ length: n }, (_, i) => ({ eventId: newEventId(), type: 'OrderPlaced', data: payload(i) }));

/**
 * Event store figures and, in the same run on the same server, the limits they are compared with:
 * the same payloads inserted into a bare table with no checks, no hash and no indexes.
 */
export async function run(report: Report): Promise<void> {
  if (!process.env.DATABASE_URL)
    throw new Error('the eventstore bench needs DATABASE_URL (a real PostgreSQL server)');
  const url = await createServerDatabase();
  const db = await Database.open({ databaseUrl: url, dataDir: '/tmp', poolSize: 40, log: silentLog });
  try {
    const pool = db.pool;
    const notifier = new AppendNotifier();
    const store = new PostgresEventStore(pool, new UpcasterRegistry(), notifier);
    await pool.query(`CREATE TABLE bench_raw (id bigint GENERATED ALWAYS AS IDENTITY, stream_id text, event_id uuid,
      event_type text, data jsonb, metadata jsonb, occurred_at timestamptz)`);
    // The same transport as the store's append (one JSON document per batch), into a bare table.
    const rawInsert = (client: SqlClient, batch: NewEvent[], stream: string): Promise<unknown> =>
      client.query(
        `INSERT INTO bench_raw (stream_id, event_id, event_type, data, metadata, occurred_at)
         SELECT $1, (e->>'id')::uuid, e->>'type', e->'data', e->'metadata', (e->>'occurredAt')::timestamptz
         FROM jsonb_array_elements($2::jsonb) AS e`,
        [
          stream,
          JSON.stringify(
            batch.map((e) => ({
              id: e.eventId,
              type: e.type,
              occurredAt: new Date().toISOString(),
              data: e.data,
              metadata,
            })),
          ),
        ],
      );

    report(
      'append_single_1w_events_per_s',
      await throughput(1, SECONDS, async () => {
        await store.append('single-1w', events(1), ExpectedVersion.Any);
        return 1;
      }),
      'events/s',
    );
    report(
      'raw_insert_single_32w_rows_per_s',
      await throughput(32, SECONDS, async (w) => {
        await rawInsert(pool, events(1), `raw-${w}`);
        return 1;
      }),
      'rows/s',
    );
    report(
      'append_single_32w_events_per_s',
      await throughput(32, SECONDS, async (w) => {
        await store.append(`single-32w-${w}`, events(1), ExpectedVersion.Any);
        return 1;
      }),
      'events/s',
    );
    report(
      'raw_insert_batch100_rows_per_s',
      await throughput(1, SECONDS, async () => {
        await rawInsert(pool, events(100), 'raw-batch');
        return 100;
      }),
      'rows/s',
    );
    report(
      'append_batch100_events_per_s',
      await throughput(1, SECONDS, async () => {
        await store.append(`batch-${randomUUID()}`, events(100), ExpectedVersion.NoStream);
        return 100;
      }),
      'events/s',
    );

    let after = 0n;
    let read = 0;
    const started = performance.now();
    for (;;) {
      const page = await store.readAll({ after, maxCount: 1000 });
      const last = page[page.length - 1];
      if (last === undefined) break;
      read += page.length;
      after = last.position;
    }
    report('read_all_events_per_s', read / ((performance.now() - started) / 1000), 'events/s');

    const lags = await projectionLag(db, store, notifier);
    report('projection_lag_p50_ms', percentile(lags, 50), 'ms');
    report('projection_lag_p99_ms', percentile(lags, 99), 'ms');
  } finally {
    await db.close();
    await dropServerDatabase(url);
  }
}

/** Commit-to-read-model latency of a projection while writers append 2,000 events/s. */
async function projectionLag(
  db: Database,
  store: PostgresEventStore,
  notifier: AppendNotifier,
): Promise<number[]> {
  const committedAt = new Map<string, number>();
  const lags: number[] = [];
  await db.pool.query('CREATE TABLE bench_read_model (event_id uuid PRIMARY KEY, symbol text)');
  const projection: ProjectionHandler = {
    name: 'bench-lag',
    eventTypes: ['LagProbe'],
    handle: async (batch: readonly StoredEvent[], tx: SqlClient) => {
      await tx.query('INSERT INTO bench_read_model (event_id, symbol) SELECT unnest($1::uuid[]), $2', [
        batch.map((e) => e.eventId),
        'BTC/USDT:USDT',
      ]);
    },
    reset: async (tx: SqlClient) => {
      await tx.query('DELETE FROM bench_read_model');
    },
    afterCommit: (batch) => {
      const now = performance.now();
      for (const e of batch) {
        const at = committedAt.get(e.eventId);
        if (at !== undefined) lags.push(now - at);
      }
    },
  };
  await db.pool.query(`INSERT INTO subscription_checkpoints (subscription_id, position) VALUES ('bench-lag', $1)`, [
    (await store.headPosition()).toString(),
  ]);
  const sub = subscriptionOn(
    db.pool,
    store,
    notifier,
    { kind: 'projection', handler: projection },
    { batchSize: 500, pollMs: 250 },
  );
  sub.start();
  const perTick = 20; // 20 events every 10 ms = 2,000 events/s, from 4 writers
  const deadline = performance.now() + SECONDS;
  while (performance.now() < deadline) {
    const tick = performance.now();
    await Promise.all(
      Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; i < perTick / 4; i++) {
          const [event] = events(1);
          if (event === undefined) continue;
          await store.append(`lag-${w}`, [{ ...event, type: 'LagProbe' }], ExpectedVersion.Any);
          committedAt.set(event.eventId, performance.now());
        }
      }),
    );
    const wait = 10 - (performance.now() - tick);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await new Promise((r) => setTimeout(r, 500));
  const status = sub.status();
  await sub.stop();
  if (status.lastError !== null) throw new Error(`projection failed: ${status.lastError}`);
  if (lags.length < committedAt.size * 0.99)
    throw new Error(`projection saw ${lags.length} of ${committedAt.size} events`);
  return lags;
}
