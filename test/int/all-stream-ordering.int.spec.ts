import type { StoredEvent } from '../../src/infrastructure/event-store/event-store.types';
import { ExpectedVersion } from '../../src/infrastructure/event-store/event-store.types';
import { storeOn, someEvents, sleep } from '../support/event-store-fixture';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-databases';

/**
 * The $all guarantee: a reader following $all sees every committed event exactly once, never one of
 * a rolled-back transaction, and never skips an event whose transaction commits after a later one.
 */
describe.each(databaseTargets())('$all under concurrent transactions on %s', (target) => {
  let db: TestDatabase;
  const writers = target === 'postgres' ? 32 : 4;
  const transactionsPerWriter = target === 'postgres' ? 12 : 6;

  beforeAll(async () => {
    db = await openTestDatabase(target, writers + 4);
  });
  afterAll(() => db.drop());

  it('delivers every committed event once, in a stable order, and nothing rolled back', async () => {
    const store = storeOn(db.database.pool);
    const committed = new Set<string>();
    const rolledBack = new Set<string>();
    let writing = true;

    const writer = async (w: number): Promise<void> => {
      for (let t = 0; t < transactionsPerWriter; t++) {
        const client = await db.database.pool.connect();
        const events = someEvents(1 + ((w + t) % 3), `Writer${w}`);
        try {
          await client.query('BEGIN');
          // Own stream per writer, plus a shared hot stream now and then (appends there serialise).
          const stream = t % 4 === 0 ? 'shared-hot' : `writer-${w}`;
          await storeOn(client).append(stream, events, ExpectedVersion.Any);
          await sleep(Math.floor(Math.random() * 25)); // a delayed commit holds the fence back
          // A fixed fifth of the transactions roll back (spread over writers and turns): every run has some.
          if ((w * 7 + t * 3) % 5 === 0) {
            await client.query('ROLLBACK');
            for (const e of events) rolledBack.add(e.eventId);
          } else {
            await client.query('COMMIT');
            for (const e of events) committed.add(e.eventId);
          }
        } finally {
          client.release();
        }
      }
    };

    const seen: StoredEvent[] = [];
    const reader = async (): Promise<void> => {
      let after = 0n;
      for (;;) {
        const batch = await store.readAll({ after, maxCount: 50 });
        seen.push(...batch);
        const last = batch[batch.length - 1];
        if (last !== undefined) after = last.position;
        else if (!writing && seen.length >= committed.size) return;
        else await sleep(2);
      }
    };

    const reading = reader();
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    writing = false;
    await reading;

    const ids = seen.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length); // exactly once
    expect(new Set(ids)).toEqual(committed); // every committed event, nothing else
    expect(ids.some((id) => rolledBack.has(id))).toBe(false);
    expect(rolledBack.size).toBeGreaterThan(0);

    // The order the reader saw is the order a second reader from 0 sees: stable and repeatable.
    const replay = await store.readAll({ after: 0n, maxCount: 100_000 });
    expect(replay.map((e) => e.eventId)).toEqual(ids);

    // Within each stream, events arrive in version order without gaps.
    const versions = new Map<string, bigint[]>();
    for (const e of seen) versions.set(e.streamId, [...(versions.get(e.streamId) ?? []), e.streamVersion]);
    for (const list of versions.values()) {
      expect(list).toEqual(list.map((_, i) => BigInt(i + 1)));
    }
  });

  it('resumes from a checkpoint position without skipping or repeating', async () => {
    const store = storeOn(db.database.pool);
    const all = await store.readAll({ after: 0n, maxCount: 100_000 });
    const middle = all[Math.floor(all.length / 2)];
    if (middle === undefined) throw new Error('no events');
    const rest = await store.readAll({ after: middle.position, maxCount: 100_000 });
    expect(rest.map((e) => e.eventId)).toEqual(
      all.slice(Math.floor(all.length / 2) + 1).map((e) => e.eventId),
    );
  });
});
