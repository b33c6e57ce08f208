import { randomUUID } from 'node:crypto';
import type { CatchUpSubscription } from '../../src/infrastructure/event-store/catch-up-subscription';
import type { StoredEvent } from '../../src/infrastructure/event-store/event-store.types';
import { ExpectedVersion } from '../../src/infrastructure/event-store/event-store.types';
import type { PostgresEventStore } from '../../src/infrastructure/event-store/postgres-event-store';
import { SharedAllReader } from '../../src/infrastructure/event-store/shared-all-reader';
import type { ReactorHandler } from '../../src/infrastructure/event-store/subscription.types';
import { anEvent, sleep, storeOn } from '../support/event-store-fixture';
import { AppendNotifier, eventually, subscriptionOn } from '../support/subscription-fixture';
import { openTestDatabase, type TestDatabase } from '../support/test-databases';

// Two sessions at once: an older transaction holding the fence while another commits. The embedded
// database has one backend, so this runs on a server only.
const withServer = process.env.DATABASE_URL ? describe : describe.skip;

/** A reactor that records what it handled. */
function recorder(): ReactorHandler & { seen: string[] } {
  const seen: string[] = [];
  return {
    name: `fence-${randomUUID()}`,
    seen,
    handle: (event: StoredEvent) => {
      seen.push(event.eventId);
      return Promise.resolve();
    },
  };
}

/** Until the reactor has handled the event. */
function handled(reactor: { seen: string[] }, eventId: string, timeoutMs?: number): Promise<string[]> {
  return eventually(
    () => Promise.resolve(reactor.seen),
    (seen) => seen.includes(eventId),
    timeoutMs,
  );
}

withServer('reading $all at the xid fence', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase('postgres');
    await db.database.pool.query('CREATE TABLE fence_holder (n int)');
  });
  afterAll(() => db.drop());

  /** A started subscription with a minute's poll: what it reads within a test, a wake-up or the fence retry found. */
  const follow = (
    store: PostgresEventStore,
    notifier: AppendNotifier,
    reactor: ReactorHandler,
    reader?: Pick<SharedAllReader, 'readPage'>,
  ): CatchUpSubscription => {
    const sub = subscriptionOn(
      db.database.pool,
      store,
      notifier,
      { kind: 'reactor', handler: reactor },
      { pollMs: 60_000 },
      reader,
    );
    sub.start();
    return sub;
  };

  type Session = Awaited<ReturnType<TestDatabase['database']['pool']['connect']>>;

  /** A transaction that has an xid (it wrote) and stays open: the fence cannot pass it. */
  const holdFence = async (): Promise<Session> => {
    const client = await db.database.pool.connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO fence_holder VALUES (1)');
    return client;
  };
  const release = async (client: Session): Promise<void> => {
    await client.query('COMMIT');
    client.release();
  };

  it('says a page stopped at the fence while an older transaction runs, and not once it ends', async () => {
    const store = storeOn(db.database.pool);
    const head = await store.headPosition();
    const holder = await holdFence();
    const event = anEvent('BehindTheFence');
    try {
      await store.append(`fence-${randomUUID()}`, [event], ExpectedVersion.Any);
      const fenced = await store.readAllPage({ after: head, maxCount: 100 });
      expect(fenced).toEqual({ events: [], fenced: true });
    } finally {
      await release(holder);
    }
    // The fence is the whole server's: another session's transaction may hold it a moment longer.
    const open = await eventually(
      () => store.readAllPage({ after: head, maxCount: 100 }),
      (page) => !page.fenced,
    );
    expect(open.events.map((e) => e.eventId)).toEqual([event.eventId]);
  });

  it('hands a subscription an event the fence hid soon after the fence moves, though nothing wakes it', async () => {
    const notifier = new AppendNotifier();
    const store = storeOn(db.database.pool, notifier);
    const reactor = recorder();
    // A minute's poll: only the fence retry can find the event within the wait below.
    const sub = follow(store, notifier, reactor);
    try {
      const holder = await holdFence();
      const event = anEvent('BehindTheFence');
      try {
        await store.append(`fence-${randomUUID()}`, [event], ExpectedVersion.Any); // wakes the subscription
        await sleep(100);
        expect(reactor.seen).not.toContain(event.eventId); // the fence hides it
      } finally {
        await release(holder); // a commit that appends nothing: no wake-up
      }
      await handled(reactor, event.eventId, 5_000);
    } finally {
      await sub.stop();
    }
  });

  it('reads once per wake-up when the page it got was all there was', async () => {
    const notifier = new AppendNotifier();
    const store = storeOn(db.database.pool, notifier);
    const shared = new SharedAllReader(store, notifier);
    // Reads that stopped at the fence are the tests above's subject (another session on the shared
    // server can cause one): only the others are counted.
    let reads = 0;
    const counting = {
      readPage: async (options: { after: bigint; maxCount: number }) => {
        const page = await shared.readPage(options);
        if (!page.fenced) reads += 1;
        return page;
      },
    };
    const reactor = recorder();
    const sub = follow(store, notifier, reactor, counting);
    try {
      await eventually(
        () => Promise.resolve(reads),
        (n) => n >= 1,
      );
      await sleep(100); // started and idle
      const before = reads;
      for (let i = 0; i < 5; i++) {
        const event = anEvent('OneRead');
        await store.append(`fence-${randomUUID()}`, [event], ExpectedVersion.Any);
        await handled(reactor, event.eventId);
        await sleep(50); // a re-read, if one came, would be done by now
      }
      // One read per append (the one that found it); before, every page was followed by an empty read.
      expect(reads - before).toBe(5);
    } finally {
      await sub.stop();
    }
  });
});
