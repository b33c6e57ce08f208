import { randomUUID } from 'node:crypto';
import { AggregateRepository } from '../../src/infrastructure/event-store/aggregate-repository';
import { CheckpointStore } from '../../src/infrastructure/event-store/checkpoint-store';
import { ExpectedVersion, type NewEvent } from '../../src/infrastructure/event-store/event-store.types';
import { PgAdvisoryLeaderLock, type LeaderLock } from '../../src/infrastructure/event-store/leader-lock';
import type { PostgresEventStore } from '../../src/infrastructure/event-store/postgres-event-store';
import { rebuildProjection } from '../../src/infrastructure/event-store/projection-rebuild';
import { withCausation } from '../../src/infrastructure/event-store/reactor-causation';
import { SnapshotStore } from '../../src/infrastructure/event-store/snapshot-store';
import { requestContext } from '../../src/infrastructure/observability/request-context';
import { counterDecider } from '../support/counter.decider';
import { sleep, storeOn } from '../support/event-store-fixture';
import { AppendNotifier, eventually, subscriptionOn } from '../support/subscription-fixture';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../support/test-databases';
import { TotalsProjection } from '../support/totals.projection';

const counted = (n: number): NewEvent => ({ eventId: randomUUID(), type: 'Counted', data: { n } });

describe.each(databaseTargets())('subscriptions and projections on %s', (target) => {
  let db: TestDatabase;
  let notifier: AppendNotifier;
  let store: PostgresEventStore;
  let expectedTotal = 0;
  let expectedEvents = 0;

  const appendCounted = async (count: number, stream = `count-${randomUUID()}`): Promise<void> => {
    const events = Array.from({ length: count }, (_, i) => counted(i + 1));
    await store.append(stream, events, ExpectedVersion.Any);
    expectedTotal += events.reduce((sum, e) => sum + (e.data as { n: number }).n, 0);
    expectedEvents += count;
  };
  const readTotals = (): ReturnType<typeof TotalsProjection.read> => TotalsProjection.read(db.database.pool);
  const caughtUp = (t: { total: number; events: number; applied: number }): boolean =>
    t.total === expectedTotal && t.events === expectedEvents;

  beforeAll(async () => {
    db = await openTestDatabase(target);
    notifier = new AppendNotifier();
    store = storeOn(db.database.pool, notifier);
    await TotalsProjection.createTables(db.database.pool);
  });
  afterAll(() => db.drop());

  it('catches up on history, then follows live appends woken in-process (no poll needed)', async () => {
    await appendCounted(250);
    await store.append('noise', [{ eventId: randomUUID(), type: 'Ignored', data: {} }], ExpectedVersion.Any);
    const projection = new TotalsProjection();
    const sub = subscriptionOn(
      db.database.pool,
      store,
      notifier,
      { kind: 'projection', handler: projection },
      { pollMs: 60_000 },
    );
    sub.start();
    try {
      await eventually(readTotals, caughtUp);
      await appendCounted(3);
      // The poll is a minute: caught up within half of it (eventually fails otherwise), the
      // wake-up did it; the margin is for a loaded machine.
      await eventually(readTotals, caughtUp, 30_000);
    } finally {
      await sub.stop();
    }
  });

  it('resumes after a crash between an event and its checkpoint with no effect lost or doubled', async () => {
    const projection = new TotalsProjection();
    let crashes = 0;
    projection.beforeCommit = async (tx) => {
      if (crashes > 0) return;
      crashes++;
      // The process dies mid-transaction: on a real server the backend is killed; the embedded
      // database has one backend, so there the transaction dies with an error instead.
      if (target === 'postgres') await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
      else throw new Error('simulated crash');
    };
    await appendCounted(120);
    const sub = subscriptionOn(
      db.database.pool,
      store,
      notifier,
      { kind: 'projection', handler: projection },
      { batchSize: 50 },
    );
    sub.start();
    try {
      const totals = await eventually(readTotals, caughtUp);
      expect(crashes).toBe(1);
      expect(totals).toEqual({ total: expectedTotal, events: expectedEvents, applied: expectedEvents });
    } finally {
      await sub.stop();
    }
  });

  it('keeps a standby quiet: appends do not wake an instance that does not hold the lock', async () => {
    let attempts = 0;
    const refusing: LeaderLock = {
      tryAcquire: () => {
        attempts++;
        return Promise.resolve(false);
      },
      isHeld: () => false,
      release: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const standby = subscriptionOn(
      db.database.pool,
      store,
      notifier,
      { kind: 'projection', handler: new TotalsProjection() },
      {
        lock: refusing,
        pollMs: 50, // a standby retries the lock every 4 polls: 200 ms
      },
    );
    const started = Date.now();
    standby.start();
    // Appends all along, for half a second and until the standby has retried the lock after its first try.
    const deadline = started + 10_000;
    while ((attempts < 2 || Date.now() < started + 500) && Date.now() < deadline) {
      notifier.notify();
      await sleep(1);
    }
    await standby.stop();
    const elapsed = Date.now() - started;
    expect(attempts).toBeGreaterThanOrEqual(2);
    // One try at start, then one per 200 ms pause (a few ms of timer slack): woken by the appends, it
    // would try every few ms.
    expect(attempts).toBeLessThanOrEqual(1 + Math.floor((elapsed + 5) / 200));
  });

  it('rebuilds a read model from position 0 into exactly the live one', async () => {
    const projection = new TotalsProjection();
    const sub = subscriptionOn(db.database.pool, store, notifier, {
      kind: 'projection',
      handler: projection,
    });
    sub.start();
    try {
      await appendCounted(40);
      const live = await eventually(readTotals, caughtUp);
      const liveRows = await db.database.pool.query('SELECT event_id, n FROM test_applied ORDER BY event_id');
      await rebuildProjection(db.database.pool, new CheckpointStore(db.database.pool), projection);
      expect((await readTotals()).events).toBe(0);
      sub.reload();
      expect(await eventually(readTotals, caughtUp)).toEqual(live);
      const rebuiltRows = await db.database.pool.query(
        'SELECT event_id, n FROM test_applied ORDER BY event_id',
      );
      expect(rebuiltRows.rows).toEqual(liveRows.rows);
    } finally {
      await sub.stop();
    }
  });

  it('runs a process manager at least once, idempotently, with causation passed on', async () => {
    const repository = new AggregateRepository(store, new SnapshotStore(db.database.pool));
    const handled: string[] = [];
    const reactor = withCausation({
      name: `test-pm-${randomUUID()}`,
      eventTypes: ['OrderRequested'],
      handle: async (event) => {
        handled.push(event.eventId);
        // The command's events derive their ids from the causing event: a redelivery appends nothing.
        await repository.handle(
          `counter-${(event.data as { counter: string }).counter}`,
          counterDecider,
          { type: 'Increment', by: 1 },
          {
            idempotencyKey: event.eventId,
          },
        );
      },
    });
    const counter = randomUUID();
    await requestContext.run(
      { requestId: 'req-9', correlationId: 'corr-9', causationId: null, actor: 'key_1' },
      () =>
        store.append(
          `req-${counter}`,
          [{ eventId: randomUUID(), type: 'OrderRequested', data: { counter } }],
          ExpectedVersion.Any,
        ),
    );
    const first = subscriptionOn(db.database.pool, store, notifier, { kind: 'reactor', handler: reactor });
    first.start();
    await eventually(
      () => store.readStream(`counter-${counter}`),
      (events) => events.length === 1,
    );
    await first.stop();

    // Redeliver everything from 0, as after a crash before the checkpoint moved.
    await db.database.pool.query(
      'UPDATE subscription_checkpoints SET position = 0 WHERE subscription_id = $1',
      [reactor.name],
    );
    const again = subscriptionOn(db.database.pool, store, notifier, { kind: 'reactor', handler: reactor });
    again.start();
    await eventually(
      () => Promise.resolve(handled.length),
      (n) => n === 2,
    );
    await again.stop();

    const [effect] = await store.readStream(`counter-${counter}`);
    expect(await store.readStream(`counter-${counter}`)).toHaveLength(1);
    const [cause] = await store.readStream(`req-${counter}`);
    expect(effect?.metadata).toMatchObject({
      causationId: cause?.eventId,
      correlationId: 'corr-9',
      requestId: 'req-9',
      actor: `system:${reactor.name}`,
    });
  });

  it("overlaps a reactor's events of different keys, keeps each key in order, and after a failure replays only from the first unfinished event", async () => {
    const run = randomUUID();
    const steps = ['a1', 'b1', 'a2', 'b2', 'a3', 'c1'];
    for (const step of steps) {
      await store.append(
        `step-${run}-${step[0]}`,
        [{ eventId: randomUUID(), type: 'Step', data: { run, step } }],
        ExpectedVersion.Any,
      );
    }
    const started: string[] = [];
    const finished: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let failedOnce = false;
    const reactor = withCausation({
      name: `test-keyed-${run}`,
      eventTypes: ['Step'],
      orderingKey: (event) => (event.data as { step: string }).step[0],
      handle: async (event) => {
        const { step, run: of } = event.data as { run: string; step: string };
        if (of !== run) return; // another test's steps
        started.push(step);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          if (step === 'b2' && !failedOnce) {
            failedOnce = true;
            throw new Error('venue down');
          }
          await sleep(20);
          finished.push(step);
        } finally {
          inFlight--;
        }
      },
    });
    const sub = subscriptionOn(db.database.pool, store, notifier, { kind: 'reactor', handler: reactor });
    sub.start();
    try {
      await eventually(
        () => Promise.resolve(new Set(finished).size),
        (n) => n === steps.length,
      );
    } finally {
      await sub.stop();
    }
    expect(maxInFlight).toBeGreaterThanOrEqual(2); // a1, b1 and c1 start together
    // Before the failed b2 in $all order, finished before it failed (or never started): handled once.
    for (const step of ['a1', 'b1', 'a2']) expect(started.filter((s) => s === step)).toHaveLength(1);
    expect(started.filter((s) => s === 'b2')).toHaveLength(2);
    // Each key in order: a step first finishes after the one before it of its key.
    const firstFinish = (step: string) => finished.indexOf(step);
    for (const [before, after] of [
      ['a1', 'a2'],
      ['a2', 'a3'],
      ['b1', 'b2'],
    ] as const) {
      expect(firstFinish(before)).toBeLessThan(firstFinish(after));
      expect(started.indexOf(after)).toBeGreaterThan(-1);
    }
  });

  it('tells a reactor it became the active instance before it hands it any event', async () => {
    const calls: string[] = [];
    const reactor = withCausation({
      name: `test-active-${randomUUID()}`,
      eventTypes: ['Counted'],
      onActive: () => calls.push('active'),
      handle: () => Promise.resolve(void calls.push('event')),
    });
    await appendCounted(1);
    const sub = subscriptionOn(db.database.pool, store, notifier, { kind: 'reactor', handler: reactor });
    sub.start();
    try {
      await eventually(
        () => Promise.resolve(calls.length),
        (n) => n >= 2,
      );
    } finally {
      await sub.stop();
    }
    expect(calls.slice(0, 2)).toEqual(['active', 'event']);
    expect(calls.filter((c) => c === 'active')).toHaveLength(1);
  });

  it("writes a reactor's checkpoint when its deferral is due, not once per batch, and on stop", async () => {
    let handled = 0;
    const reactor = (name: string) => ({
      name,
      eventTypes: ['Counted'],
      handle: () => Promise.resolve(void handled++),
    });
    const stored = async (name: string): Promise<bigint> => {
      const { rows } = await db.database.pool.query<{ position: string }>(
        'SELECT position::text AS position FROM subscription_checkpoints WHERE subscription_id = $1',
        [name],
      );
      return BigInt(rows[0]?.position ?? '-1');
    };
    const handleThreeBatches = async (): Promise<void> => {
      for (let i = 0; i < 3; i++) {
        const before = handled;
        await appendCounted(1); // one wake-up per append: one batch each
        await eventually(
          () => Promise.resolve(handled),
          (n) => n > before,
        );
      }
    };

    // A deferral longer than the test: batches handled write nothing; stop() writes where it got.
    const lazy = `test-deferred-${randomUUID()}`;
    const sub = subscriptionOn(
      db.database.pool,
      store,
      notifier,
      { kind: 'reactor', handler: reactor(lazy) },
      { deferCheckpointMs: 60_000 },
    );
    sub.start();
    try {
      const start = await eventually(
        () => stored(lazy),
        (p) => p >= 0n, // the row the new leader writes
      );
      await handleThreeBatches();
      expect(await stored(lazy)).toBe(start);
      expect(sub.status().position).toBeGreaterThan(start);
    } finally {
      await sub.stop();
    }
    expect(await stored(lazy)).toBe(sub.status().position);

    // A short deferral: the stored checkpoint catches up by itself, with no stop.
    const prompt = `test-deferred-${randomUUID()}`;
    const again = subscriptionOn(
      db.database.pool,
      store,
      notifier,
      { kind: 'reactor', handler: reactor(prompt) },
      { deferCheckpointMs: 100 },
    );
    again.start();
    try {
      await handleThreeBatches();
      await eventually(
        () => stored(prompt),
        (p) => p === again.status().position,
        5_000,
      );
    } finally {
      await again.stop();
    }
  });

  it('loads deciders from a snapshot plus the events after it, and retries a conflict when allowed', async () => {
    const snapshots = new SnapshotStore(db.database.pool);
    const repository = new AggregateRepository(store, snapshots);
    const policy = {
      every: 10,
      schemaVersion: 1,
      type: 'counter',
      serialize: (s: { total: number }) => s,
      deserialize: (raw: unknown) => raw as { total: number },
    };
    const id = `counter-${randomUUID()}`;
    for (let i = 0; i < 25; i++)
      await repository.handle(id, counterDecider, { type: 'Increment', by: 2 }, { snapshot: policy });
    expect(await snapshots.load(id)).toMatchObject({ version: 20n, state: { total: 40 } });
    expect(await repository.load(id, counterDecider, policy)).toEqual({ state: { total: 50 }, version: 25n });

    const racers = Array.from({ length: 6 }, () =>
      repository.handle(id, counterDecider, { type: 'Increment', by: 1 }, { retries: 10, snapshot: policy }),
    );
    await Promise.all(racers);
    expect(await repository.load(id, counterDecider)).toEqual({ state: { total: 56 }, version: 31n });
  });

  if (target === 'postgres') {
    it('keeps one active instance per projection across processes (advisory lock), with failover', async () => {
      const url = db.url ?? '';
      const [lockA, lockB] = [new PgAdvisoryLeaderLock(url), new PgAdvisoryLeaderLock(url)];
      const name = `test-totals-${randomUUID()}`;
      await db.database.pool.query('DELETE FROM test_applied');
      await db.database.pool.query('DELETE FROM test_totals');
      expectedTotal = 0;
      expectedEvents = 0;
      await db.database.pool.query(
        'INSERT INTO subscription_checkpoints (subscription_id, position) VALUES ($1, $2)',
        [name, (await store.headPosition()).toString()],
      );
      const a = subscriptionOn(
        db.database.pool,
        store,
        notifier,
        { kind: 'projection', handler: new TotalsProjection(name) },
        { lock: lockA },
      );
      const b = subscriptionOn(
        db.database.pool,
        store,
        notifier,
        { kind: 'projection', handler: new TotalsProjection(name) },
        { lock: lockB, pollMs: 20 },
      );
      a.start();
      await eventually(
        () => Promise.resolve(a.status().active),
        (active) => active,
      );
      b.start();
      await appendCounted(30);
      await eventually(readTotals, caughtUp);
      expect([a.status().active, b.status().active]).toEqual([true, false]);

      await a.stop(); // releases the lock: b takes over
      await appendCounted(30);
      await eventually(readTotals, caughtUp);
      expect(b.status().active).toBe(true);
      expect((await readTotals()).applied).toBe(60);
      await b.stop();
      await Promise.all([lockA.close(), lockB.close()]);
      await sleep(0);
    });
  }
});
