import { AppendNotifier } from '../../src/infrastructure/event-store/append-notifier';
import {
  DuplicateEventIdError,
  UnstorableEventDataError,
  WrongExpectedVersionError,
} from '../../src/infrastructure/event-store/event-store.errors';
import { ExpectedVersion } from '../../src/infrastructure/event-store/event-store.types';
import { HashChainVerifier } from '../../src/infrastructure/event-store/hash-chain-verifier';
import {
  APPEND_SLOTS,
  type PostgresEventStore,
} from '../../src/infrastructure/event-store/postgres-event-store';
import type { SqlClient } from '../../src/infrastructure/event-store/sql-client';
import { UpcasterRegistry } from '../../src/infrastructure/event-store/upcasters';
import { requestContext } from '../../src/infrastructure/observability/request-context';
import { anEvent, someEvents, storeOn } from '../support/event-store-fixture';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-databases';

describe.each(databaseTargets())('event store on %s', (target) => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let stream = 0;
  const parallelism = target === 'postgres' ? 3 : 1;
  const nextStream = (): string => `test-${++stream}`;

  beforeAll(async () => {
    db = await openTestDatabase(target);
    store = storeOn(db.database.pool);
  });
  afterAll(() => db.drop());

  describe('append and read a stream', () => {
    it('reads forwards and backwards from a version, with a limit', async () => {
      const id = nextStream();
      const result = await store.append(id, someEvents(5), ExpectedVersion.NoStream);
      expect(result.nextVersion).toBe(5n);
      expect(result.positions).toHaveLength(5);

      const forwards = await store.readStream(id, { fromVersion: 2n, maxCount: 3 });
      expect(forwards.map((e) => e.streamVersion)).toEqual([2n, 3n, 4n]);
      expect(forwards.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3]);

      const backwards = await store.readStream(id, { direction: 'backwards', fromVersion: 4n, maxCount: 2 });
      expect(backwards.map((e) => e.streamVersion)).toEqual([4n, 3n]);

      const upTo = await store.readStream(id, { toVersion: 2n });
      expect(upTo.map((e) => e.streamVersion)).toEqual([1n, 2n]);
      expect(await store.readStream('no-such-stream')).toEqual([]);
    });

    it('checks the four expected-version modes before appending anything', async () => {
      const id = nextStream();
      await expect(store.append(id, [anEvent()], ExpectedVersion.StreamExists)).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
      await store.append(id, [anEvent()], ExpectedVersion.NoStream);
      await expect(store.append(id, [anEvent()], ExpectedVersion.NoStream)).rejects.toMatchObject({
        code: 'WRONG_EXPECTED_VERSION',
        actual: 1n,
      });
      await store.append(id, [anEvent()], ExpectedVersion.StreamExists);
      await expect(store.append(id, [anEvent()], ExpectedVersion.exactly(1))).rejects.toMatchObject({
        actual: 2n,
      });
      await store.append(id, [anEvent()], ExpectedVersion.exactly(2));
      await store.append(id, [anEvent()], ExpectedVersion.Any);
      expect(await store.streamVersion(id)).toBe(4n);
      // Refused appends drew no versions: the stream has no holes.
      expect((await store.readStream(id)).map((e) => e.streamVersion)).toEqual([1n, 2n, 3n, 4n]);
    });

    it('treats a repeated append of the same event ids as done, whatever the expected version', async () => {
      const id = nextStream();
      const events = someEvents(3);
      const first = await store.append(id, events, ExpectedVersion.NoStream);
      const again = await store.append(id, events, ExpectedVersion.NoStream);
      expect(again).toEqual({ ...first, replayed: true });
      expect(await store.streamVersion(id)).toBe(3n);
      const mixed = [anEvent(), events[0] ?? anEvent()];
      await expect(store.append(id, mixed, ExpectedVersion.Any)).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      await expect(store.append(nextStream(), events, ExpectedVersion.Any)).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
    });

    it('lets exactly one of two racing writers win', async () => {
      const id = nextStream();
      await store.append(id, [anEvent()], ExpectedVersion.NoStream);
      const results = await Promise.allSettled([
        store.append(id, [anEvent('A')], ExpectedVersion.exactly(1)),
        store.append(id, [anEvent('B')], ExpectedVersion.exactly(1)),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected');
      expect(lost?.status === 'rejected' ? lost.reason : null).toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.streamVersion(id)).toBe(2n);
    });

    it('lets exactly one of many racing stream creators win', async () => {
      const id = nextStream();
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => store.append(id, [anEvent()], ExpectedVersion.NoStream)),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const losers = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(losers).toHaveLength(7);
      for (const loser of losers) expect(loser).toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.streamVersion(id)).toBe(1n);
    });

    it('answers a replay with expected version any (the unique-violation path) as the first append', async () => {
      const id = nextStream();
      const events = someEvents(2);
      const first = await store.append(id, events, ExpectedVersion.Any);
      expect(first.replayed).toBe(false);
      const again = await store.append(id, events, ExpectedVersion.Any);
      expect(again).toEqual({ ...first, replayed: true });
      expect(await store.streamVersion(id)).toBe(2n);
    });

    it('refuses text PostgreSQL cannot store with a typed 400, not a server error', async () => {
      await expect(
        store.append(nextStream(), [anEvent('T', { note: 'nul \u0000 here' })], ExpectedVersion.Any),
      ).rejects.toBeInstanceOf(UnstorableEventDataError);
    });

    it('refuses an append that is not the first write of its transaction (it would break $all order)', async () => {
      const client = await db.database.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO subscription_checkpoints (subscription_id, position) VALUES ('x', 0)`,
        );
        await expect(storeOn(client).append(nextStream(), [anEvent()], ExpectedVersion.Any)).rejects.toThrow(
          /first write of its transaction/,
        );
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    });
  });

  describe('appending inside a transaction', () => {
    it('commits the events with the rows written beside them, and wakes subscriptions only after the commit', async () => {
      const notifier = new AppendNotifier();
      let woken = 0;
      notifier.onAppend(() => woken++);
      const local = storeOn(db.database.pool, notifier);
      const id = nextStream();
      const key = `tx-${id}`;
      await local.inTransaction(db.database.pool, async (tx, append) => {
        await append(id, someEvents(2), ExpectedVersion.NoStream);
        await tx.query(`INSERT INTO subscription_checkpoints (subscription_id, position) VALUES ($1, 0)`, [
          key,
        ]);
        expect(woken).toBe(0); // not committed yet: a woken reader would find nothing
      });
      expect(woken).toBe(1);
      expect(await local.streamVersion(id)).toBe(2n);
      const { rows } = await db.database.pool.query(
        'SELECT 1 FROM subscription_checkpoints WHERE subscription_id = $1',
        [key],
      );
      expect(rows).toHaveLength(1);
    });

    it('rolls the events back with the rows when the work fails, and wakes nobody', async () => {
      const notifier = new AppendNotifier();
      let woken = 0;
      notifier.onAppend(() => woken++);
      const local = storeOn(db.database.pool, notifier);
      const id = nextStream();
      await expect(
        local.inTransaction(db.database.pool, async (_tx, append) => {
          await append(id, someEvents(1), ExpectedVersion.NoStream);
          throw new Error('the row could not be written');
        }),
      ).rejects.toThrow('the row could not be written');
      expect(woken).toBe(0);
      expect(await local.streamVersion(id)).toBe(0n);
    });
  });

  describe('group commit: appends that wait for a slot go in one transaction', () => {
    /** A store whose statements are recorded; the first APPEND_SLOTS appends take the slots. */
    const recordingStore = () => {
      const statements: string[] = [];
      const sql: SqlClient = {
        query: (text, values) => {
          statements.push(text);
          return db.database.pool.query(text, values);
        },
      };
      const slotFillers = () =>
        Array.from({ length: APPEND_SLOTS }, () =>
          recording.store.append(nextStream(), [anEvent()], ExpectedVersion.NoStream),
        );
      const recording = { store: storeOn(sql), statements, slotFillers };
      return recording;
    };
    const batchesIn = (statements: string[]) => statements.filter((t) => t.includes('append_streams')).length;

    it('appends every stream of a batch with its versions, positions and hash chain', async () => {
      const { store: batched, statements, slotFillers } = recordingStore();
      const ids = Array.from({ length: 12 }, nextStream);
      const results = await Promise.all([
        ...slotFillers(),
        ...ids.map((id) => batched.append(id, someEvents(2), ExpectedVersion.NoStream)),
      ]);
      expect(batchesIn(statements)).toBeGreaterThanOrEqual(1);
      for (const r of results.slice(APPEND_SLOTS)) expect(r.nextVersion).toBe(2n);
      const positions = results.flatMap((r) => r.positions);
      expect(new Set(positions).size).toBe(positions.length);
      for (const id of ids) {
        const events = await store.readStream(id);
        expect(events.map((e) => e.streamVersion)).toEqual([1n, 2n]);
        expect(events.map((e) => (e.data as { n: number }).n)).toEqual([0, 1]);
        expect((await new HashChainVerifier(db.database.pool).verify(id)).ok).toBe(true);
      }
    });

    it("refuses one append's wrong expected version without undoing the others in its batch", async () => {
      const { store: batched, statements, slotFillers } = recordingStore();
      const taken = nextStream();
      await store.append(taken, [anEvent()], ExpectedVersion.NoStream);
      const fresh = [nextStream(), nextStream()];
      const results = await Promise.allSettled([
        ...slotFillers(),
        batched.append(fresh[0] as string, [anEvent()], ExpectedVersion.NoStream),
        batched.append(taken, [anEvent()], ExpectedVersion.exactly(5)),
        batched.append(fresh[1] as string, [anEvent()], ExpectedVersion.NoStream),
      ]);
      expect(batchesIn(statements)).toBe(1);
      expect(results.map((r) => r.status)).toEqual([
        ...Array.from({ length: APPEND_SLOTS }, () => 'fulfilled'),
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      const refused = results[APPEND_SLOTS + 1];
      expect(refused?.status === 'rejected' ? refused.reason : null).toMatchObject({
        code: 'WRONG_EXPECTED_VERSION',
        actual: 1n,
      });
      expect(await store.streamVersion(taken)).toBe(1n);
      for (const id of fresh) expect(await store.streamVersion(id)).toBe(1n);
    });

    it('runs two appends to one stream in a batch in the order they came', async () => {
      const { store: batched, statements, slotFillers } = recordingStore();
      const id = nextStream();
      const [first, second] = [anEvent('First'), anEvent('Second')];
      await Promise.all([
        ...slotFillers(),
        batched.append(id, [first], ExpectedVersion.NoStream),
        batched.append(id, [second], ExpectedVersion.exactly(1)),
      ]);
      expect(batchesIn(statements)).toBe(1);
      expect((await store.readStream(id)).map((e) => e.type)).toEqual(['First', 'Second']);
    });

    it('answers a replay in a batch as done', async () => {
      const { store: batched, statements, slotFillers } = recordingStore();
      const id = nextStream();
      const events = someEvents(2);
      const first = await store.append(id, events, ExpectedVersion.NoStream);
      const [, again] = await Promise.all([
        ...slotFillers(),
        batched.append(nextStream(), [anEvent()], ExpectedVersion.NoStream),
        batched.append(id, events, ExpectedVersion.NoStream),
      ]).then((all) => all.slice(APPEND_SLOTS));
      expect(batchesIn(statements)).toBe(1);
      expect(again).toEqual({ ...first, replayed: true });
      expect(await store.streamVersion(id)).toBe(2n);
    });

    it('tries each append alone when its batch fails as a whole, so only the bad one is refused', async () => {
      const { store: batched, statements, slotFillers } = recordingStore();
      const good = [nextStream(), nextStream()];
      const results = await Promise.allSettled([
        ...slotFillers(),
        batched.append(good[0] as string, [anEvent()], ExpectedVersion.NoStream),
        batched.append(nextStream(), [anEvent('T', { note: 'nul \u0000 here' })], ExpectedVersion.Any),
        batched.append(good[1] as string, [anEvent()], ExpectedVersion.NoStream),
      ]);
      expect(batchesIn(statements)).toBe(1); // it failed on the NUL; then one statement each
      expect(results.slice(APPEND_SLOTS).map((r) => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      const unstorable = results[APPEND_SLOTS + 1];
      expect(unstorable?.status === 'rejected' ? unstorable.reason : null).toBeInstanceOf(
        UnstorableEventDataError,
      );
      for (const id of good) expect(await store.streamVersion(id)).toBe(1n);
    });
  });

  describe('metadata and upcasting', () => {
    it('records correlation, causation, actor and request id from the request context', async () => {
      const id = nextStream();
      const context = {
        requestId: 'req-1',
        correlationId: 'corr-1',
        causationId: 'cause-1',
        actor: 'key_abc',
      };
      await requestContext.run(context, () => store.append(id, [anEvent()], ExpectedVersion.Any));
      const [event] = await store.readStream(id);
      expect(event?.metadata).toMatchObject({ ...context, schemaVersion: 1 });
    });

    it('lifts old schema versions to the current shape on read', async () => {
      const id = nextStream();
      await store.append(
        id,
        [{ ...anEvent('PriceSet', { px: '1.5' }), schemaVersion: 1 }],
        ExpectedVersion.Any,
      );
      const upcasters = new UpcasterRegistry().register(
        { eventType: 'PriceSet', fromVersion: 1, upcast: (d) => ({ price: (d as { px: string }).px }) },
        { eventType: 'PriceSet', fromVersion: 2, upcast: (d) => ({ ...(d as object), currency: 'USDT' }) },
      );
      const [event] = await storeOn(db.database.pool, undefined, upcasters).readStream(id);
      expect(event).toMatchObject({ schemaVersion: 3, data: { price: '1.5', currency: 'USDT' } });
    });
  });

  describe('append-only and tamper evidence', () => {
    it('refuses UPDATE, DELETE and TRUNCATE on events', async () => {
      const id = nextStream();
      await store.append(id, [anEvent()], ExpectedVersion.Any);
      const pool = db.database.pool;
      await expect(pool.query(`UPDATE events SET data = '{}' WHERE stream_id = $1`, [id])).rejects.toThrow(
        /append-only/,
      );
      await expect(pool.query(`DELETE FROM events WHERE stream_id = $1`, [id])).rejects.toThrow(
        /append-only/,
      );
      await expect(pool.query(`TRUNCATE events`)).rejects.toThrow(/append-only/);
      expect(await store.readStream(id)).toHaveLength(1);
    });

    it('finds a row changed by a superuser and names its stream and version', async () => {
      const verifier = new HashChainVerifier(db.database.pool, parallelism);
      const id = nextStream();
      await store.append(id, someEvents(4), ExpectedVersion.Any);
      expect(await verifier.verify()).toMatchObject({ ok: true, firstBroken: null });

      await asSuperuserBypassingTriggers(
        db,
        `UPDATE events SET data = '{"n": 999}' WHERE stream_id = '${id}' AND stream_version = 3`,
      );
      const result = await verifier.verify();
      expect(result.ok).toBe(false);
      expect(result.firstBroken).toMatchObject({ streamId: id, version: 3n, reason: 'hash_mismatch' });

      // Rewriting that row's hash too only moves the break to the next link.
      await asSuperuserBypassingTriggers(
        db,
        `UPDATE events SET hash = event_link_hash((SELECT hash FROM events WHERE stream_id = '${id}' AND stream_version = 2),
           event_content_hash(stream_id, stream_version, event_id, event_type, schema_version, occurred_at, data, metadata))
         WHERE stream_id = '${id}' AND stream_version = 3`,
      );
      expect((await verifier.verify(id)).firstBroken).toMatchObject({
        streamId: id,
        version: 4n,
        reason: 'hash_mismatch',
      });
    });

    it('finds a deleted event and a deleted stream tail', async () => {
      const verifier = new HashChainVerifier(db.database.pool, parallelism);
      const id = nextStream();
      await store.append(id, someEvents(4), ExpectedVersion.Any);
      expect(await verifier.verify(id)).toMatchObject({ ok: true, checkedEvents: 4, checkedStreams: 1 });

      await asSuperuserBypassingTriggers(
        db,
        `DELETE FROM events WHERE stream_id = '${id}' AND stream_version = 2`,
      );
      expect((await verifier.verify(id)).firstBroken).toMatchObject({
        streamId: id,
        version: 3n,
        reason: 'version_gap',
      });

      const other = nextStream();
      await store.append(other, someEvents(3), ExpectedVersion.Any);
      await asSuperuserBypassingTriggers(
        db,
        `DELETE FROM events WHERE stream_id = '${other}' AND stream_version = 3`,
      );
      expect((await verifier.verify(other)).firstBroken).toMatchObject({
        streamId: other,
        version: 3n,
        reason: 'head_mismatch',
      });
    });
  });
});

/** What an attacker with superuser rights could do: switch triggers off for the session and write. */
async function asSuperuserBypassingTriggers(db: TestDatabase, sql: string): Promise<void> {
  const client = await db.database.pool.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(sql);
  } finally {
    await client.query('SET session_replication_role = origin');
    client.release();
  }
}
