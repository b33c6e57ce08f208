import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Database } from '../src/infrastructure/database/database';
import { AppendNotifier } from '../src/infrastructure/event-store/append-notifier';
import { ExpectedVersion, type NewEvent } from '../src/infrastructure/event-store/event-store.types';
import { HashChainVerifier } from '../src/infrastructure/event-store/hash-chain-verifier';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres-event-store';
import { UpcasterRegistry } from '../src/infrastructure/event-store/upcasters';
import { silentLog } from '../src/infrastructure/observability/log';
import { requestContext } from '../src/infrastructure/observability/request-context';
import { EventExporter } from '../src/modules/audit';
import type { Report } from './bench.types';
import { createScratchDatabase } from './support/scratch-database';

const EVENTS = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);
const PER_STREAM = 1_000;
const BATCH = 1_000;
const LOADERS = 4;

/** Counts what it is given and drops it: the export's own speed, not a disk's. */
class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

function batch(stream: number, from: number): NewEvent[] {
  return Array.from({ length: BATCH }, (_, i) => ({
    eventId: randomUUID(),
    type: i % 3 === 0 ? 'OrderPlaced' : 'OrderFilled',
    data: {
      orderId: `o-${stream}-${from + i}`,
      symbol: 'BTC/USDT',
      price: '64250.5',
      qty: '0.125',
      side: 'buy',
    },
  }));
}

/**
 * Audit figures over 1,000,000 events on a real PostgreSQL (DATABASE_URL), in a database created for
 * the run and dropped after. Events are bulk-loaded through append_to_stream, so the chains are real.
 * Goals: export >= 50,000 events/s; verify 1,000,000 events in < 10 s.
 */
export async function run(report: Report): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (base === undefined || base === '')
    throw new Error('the audit bench needs DATABASE_URL (a real PostgreSQL)');
  const scratch = await createScratchDatabase(base, 'tradebook_bench_audit');
  const db = await Database.open({
    databaseUrl: scratch.url,
    dataDir: './data',
    poolSize: LOADERS + 2,
    log: silentLog,
  });
  try {
    const store = new PostgresEventStore(db.pool, new UpcasterRegistry(), new AppendNotifier());
    const streams = EVENTS / PER_STREAM;
    let next = 0;
    const loadStarted = performance.now();
    await requestContext.run(
      { requestId: 'bench', correlationId: randomUUID(), causationId: null, actor: 'system:bench' },
      () =>
        Promise.all(
          Array.from({ length: LOADERS }, async () => {
            for (let s = next++; s < streams; s = next++) {
              for (let from = 0; from < PER_STREAM; from += BATCH) {
                await store.append(`order-bench-${s}`, batch(s, from), ExpectedVersion.Any);
              }
            }
          }),
        ),
    );
    report('load_events_per_s', EVENTS / ((performance.now() - loadStarted) / 1000), 'events/s');
    await db.pool.query('VACUUM ANALYZE events');

    const sink = new CountingSink();
    const exportStarted = performance.now();
    const stats = await new EventExporter(db.pool).export(sink, { format: 'jsonl', pageSize: 10_000 });
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    if (stats.events !== EVENTS) throw new Error(`exported ${stats.events} of ${EVENTS} events`);
    report('export_events_per_s', EVENTS / exportSeconds, 'events/s');
    report('export_mb_per_s', sink.bytes / 1e6 / exportSeconds, 'MB/s');

    const verifyStarted = performance.now();
    const result = await new HashChainVerifier(db.pool, 4).verify();
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    if (!result.ok || result.checkedEvents !== EVENTS)
      throw new Error(`verification failed: ${JSON.stringify(result)}`);
    report('verify_events_per_s', EVENTS / verifySeconds, 'events/s');
    report('verify_seconds', verifySeconds, 's');
  } finally {
    await db.close();
    await scratch.drop();
  }
}
