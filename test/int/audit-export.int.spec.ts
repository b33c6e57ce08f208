import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ExpectedVersion } from '../../src/infrastructure/event-store/event-store.types';
import { EventExporter } from '../../src/modules/audit';
import { someEvents, storeOn } from '../support/event-store-fixture';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-databases';

const EVENTS = 100_000;

// Live memory, not garbage awaiting collection: a collection before every heap sample.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A slow reader with a small buffer: every write past 16 KiB must wait for 'drain'. */
class SlowSink extends Writable {
  lines = 0;
  bytes = 0;
  private tail = '';

  constructor() {
    super({ highWaterMark: 16 * 1024, decodeStrings: false });
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (err?: Error) => void): void {
    const text = this.tail + chunk.toString();
    const parts = text.split('\n');
    this.tail = parts.pop() ?? '';
    this.lines += parts.length;
    this.bytes += Buffer.byteLength(chunk);
    setImmediate(done);
  }
}

describe.each(databaseTargets())('exporting the event store (%s)', (target) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase(target);
    const store = storeOn(db.database.pool);
    for (let stream = 0; stream < EVENTS / 1_000; stream++) {
      await store.append(`export-${stream}`, someEvents(1_000, 'Exported'), ExpectedVersion.NoStream);
    }
  }, 300_000);
  afterAll(() => db.drop());

  it(`streams ${EVENTS} events as JSON lines with bounded memory`, async () => {
    const exporter = new EventExporter(db.database.pool);
    const sink = new SlowSink();
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      gc();
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 25);
    const stats = await exporter.export(sink, { format: 'jsonl', pageSize: 2_000 });
    clearInterval(sampler);
    await new Promise<void>((resolve) => sink.end(resolve));

    expect(stats.events).toBe(EVENTS);
    expect(sink.lines).toBe(EVENTS);
    // The whole export is tens of MB; at any moment the exporter held about one page.
    expect(stats.bytes).toBeGreaterThan(15 * 1024 * 1024);
    expect(stats.maxBufferedBytes).toBeLessThan(2 * 1024 * 1024);
    expect(heapPeak - heapBefore).toBeLessThan(12 * 1024 * 1024);
  }, 300_000);

  it('exports CSV and honours the time range', async () => {
    const exporter = new EventExporter(db.database.pool);
    const sink = new SlowSink();
    const stats = await exporter.export(sink, { format: 'csv', from: new Date('2999-01-01T00:00:00Z') });
    expect(stats.events).toBe(0);
    expect(sink.bytes).toBeGreaterThan(0); // the header row
  });
});
