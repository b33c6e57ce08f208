import { AppendNotifier } from '../../src/infrastructure/event-store/append-notifier';
import { ExpectedVersion } from '../../src/infrastructure/event-store/event-store.types';
import { SharedAllReader } from '../../src/infrastructure/event-store/shared-all-reader';
import { storeOn, someEvents, sleep } from '../support/event-store-fixture';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-databases';

/**
 * The shared reader answers each subscription what its own read of $all would have: every committed
 * event once, in $all order, whatever the mix of coalesced reads, tail hits and fresh queries.
 */
describe.each(databaseTargets())('one $all reader shared by many followers on %s', (target) => {
  let db: TestDatabase;
  const writers = target === 'postgres' ? 12 : 3;

  beforeAll(async () => {
    db = await openTestDatabase(target, writers + 4);
  });
  afterAll(() => db.drop());

  it('gives each follower the sequence a direct read gives, with late-committing transactions', async () => {
    const notifier = new AppendNotifier();
    const store = storeOn(db.database.pool, notifier);
    const shared = new SharedAllReader(store, notifier);
    let writing = true;
    let committed = 0;

    const writer = async (w: number): Promise<void> => {
      for (let t = 0; t < 8; t++) {
        const client = await db.database.pool.connect();
        try {
          await client.query('BEGIN');
          const events = someEvents(1 + (t % 3), `W${w}`);
          await storeOn(client).append(`shared-reader-${w}`, events, ExpectedVersion.Any);
          await sleep((w * 7 + t * 3) % 20); // late commits hold the fence back
          if ((w + t) % 5 === 0) await client.query('ROLLBACK');
          else {
            await client.query('COMMIT');
            committed += events.length;
          }
        } finally {
          client.release();
        }
        notifier.notify();
      }
    };

    const follower = async (batchSize: number, pauseMs: number): Promise<string[]> => {
      const seen: string[] = [];
      let after = 0n;
      for (;;) {
        const batch = (await shared.readPage({ after, maxCount: batchSize })).events;
        seen.push(...batch.map((e) => e.eventId));
        const last = batch[batch.length - 1];
        if (last !== undefined) after = last.position;
        else if (!writing && seen.length >= committed) return seen;
        await sleep(last === undefined ? Math.max(pauseMs, 2) : pauseMs);
      }
    };

    const following = [follower(500, 0), follower(500, 0), follower(3, 1), follower(7, 5), follower(500, 3)];
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    writing = false;
    const results = await Promise.all(following);

    const direct = (await store.readAll({ after: 0n, maxCount: 100_000 })).map((e) => e.eventId);
    expect(direct).toHaveLength(committed);
    for (const seen of results) expect(seen).toEqual(direct);
  });

  it('never answers "nothing new" from a read that started before a local append', async () => {
    const notifier = new AppendNotifier();
    const store = storeOn(db.database.pool, notifier);
    // The first read queries at once but answers only when released: it is "in flight" meanwhile.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Resolved once the first read's query has been answered: only then is "nothing after head" its answer.
    let queried = (): void => undefined;
    const firstQueried = new Promise<void>((resolve) => (queried = resolve));
    let reads = 0;
    const slowFirst = {
      readAllPage: async (options: { after: bigint; maxCount: number }) => {
        reads += 1;
        if (reads !== 1) return store.readAllPage(options);
        const answer = await store.readAllPage(options).finally(queried);
        await held;
        return answer;
      },
    };
    const shared = new SharedAllReader(slowFirst, notifier);
    const head = (await store.readAll({ after: 0n, maxCount: 100_000 })).at(-1)?.position ?? 0n;

    const early = shared.readPage({ after: head, maxCount: 500 }).then((page) => page.events);
    await firstQueried; // its query has run: nothing after head yet
    const [appended] = someEvents(1, 'AfterTheRead');
    if (appended === undefined) throw new Error('no event');
    await store.append('shared-reader-late', [appended], ExpectedVersion.Any); // notifies
    const late = shared.readPage({ after: head, maxCount: 500 }).then((page) => page.events);
    release();

    // The late request made its own query (the fence may still hide the event if another session
    // of the shared server holds an older transaction open; then the poll finds it later).
    const lateIds = (await late).map((e) => e.eventId);
    expect(reads).toBe(2);
    expect([[], [appended.eventId]]).toContainEqual(lateIds);
    expect(await early).toEqual([]);
  });
});
