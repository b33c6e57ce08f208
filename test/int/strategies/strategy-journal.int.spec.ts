import { AggregateRepository } from '../../../src/infrastructure/event-store/aggregate-repository';
import { CheckpointStore } from '../../../src/infrastructure/event-store/checkpoint-store';
import type { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres-event-store';
import { rebuildProjection } from '../../../src/infrastructure/event-store/projection-rebuild';
import { SnapshotStore } from '../../../src/infrastructure/event-store/snapshot-store';
import type { StrategySignal } from '../../../src/domain/strategy';
import { StrategiesProjection } from '../../../src/modules/strategies/projections/strategies.projection';
import { StrategiesRepository } from '../../../src/modules/strategies/strategies.repository';
import { StrategyJournal, runOf } from '../../../src/modules/strategies/strategy-journal';
import { storeOn } from '../../support/event-store-fixture';
import { AppendNotifier, eventually, subscriptionOn } from '../../support/subscription-fixture';
import { databaseTargets, openTestDatabase, type TestDatabase } from '../../support/test-databases';

const AT = '2026-01-01T00:00:00.000Z';
const configuration = {
  strategy: 'sma-cross',
  params: { fast: 5, slow: 20 },
  symbols: ['BTC/USDT:USDT'],
  accountId: 'acc_1',
  timeframe: '1m',
  leader: null,
};
const signal = (n: number): StrategySignal => ({
  at: n,
  name: 'test.signal',
  inputs: { n },
  intent: { kind: 'cancel', ref: `r${n}` },
});

describe.each(databaseTargets())('the strategy journal and read model on %s', (target) => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let journal: StrategyJournal;

  beforeAll(async () => {
    db = await openTestDatabase(target);
    store = storeOn(db.database.pool, new AppendNotifier());
    journal = new StrategyJournal(new AggregateRepository(store, new SnapshotStore(db.database.pool)), store);
  });
  afterAll(() => db.drop());

  it('keeps every signal of concurrent writers in one stream, and nothing from a stopped run', async () => {
    await journal.handle('stg_a', {
      type: 'RegisterStrategy',
      strategyId: 'stg_a',
      name: 'a',
      configuration,
      at: AT,
    });
    await journal.handle('stg_a', { type: 'StartStrategy', mode: 'paper', at: AT });
    // writers of one stream at once (the runner, a stop, a failure report): conflicts are re-decided
    for (let round = 0; round < 10; round++) {
      await Promise.all(
        [0, 1, 2].map((w) =>
          journal.handle('stg_a', {
            type: 'RecordSignals',
            run: 1,
            signals: [signal(round * 3 + w)],
            at: AT,
          }),
        ),
      );
    }
    // past the snapshot interval (100 events): loads start from the snapshot and agree with a full fold
    for (let i = 30; i < 130; i++)
      await journal.handle('stg_a', { type: 'RecordSignals', run: 1, signals: [signal(i)], at: AT });
    expect(await journal.load('stg_a')).toMatchObject({ status: 'running', run: 1, signals: 130 });

    await journal.handle('stg_a', {
      type: 'StopStrategy',
      run: 1,
      reason: 'requested',
      closePositions: false,
      cancelledOrderIds: [],
      closingOrderIds: [],
      snapshot: null,
      at: AT,
    });
    const late = await journal.handle('stg_a', {
      type: 'RecordSignals',
      run: 1,
      signals: [signal(999)],
      at: AT,
    });
    expect(late.events).toEqual([]);
    await journal.handle('stg_a', { type: 'StartStrategy', mode: 'live', at: AT });

    const events = await journal.events('stg_a');
    const signalled = events.filter((e) => e.type === 'StrategySignalled');
    expect(signalled).toHaveLength(130);
    expect(new Set(signalled.map((e) => (e.data as { inputs: { n: number } }).inputs.n)).size).toBe(130);
    expect(events.filter((e) => runOf(e) === 2).map((e) => e.type)).toEqual(['StrategyStarted']);
    expect(await journal.load('stg_a')).toMatchObject({
      status: 'running',
      run: 2,
      mode: 'live',
      signals: 0,
    });
  });

  it('projects one row per strategy, and a rebuild from position 0 gives the same rows', async () => {
    await journal.handle('stg_b', {
      type: 'RegisterStrategy',
      strategyId: 'stg_b',
      name: 'b',
      configuration,
      at: AT,
    });
    await journal.handle('stg_b', { type: 'StartStrategy', mode: 'paper', at: AT });
    await journal.handle('stg_b', { type: 'FailStrategy', run: 1, hook: 'onTimer', message: 'boom', at: AT });
    await journal.handle('stg_b', {
      type: 'StopStrategy',
      run: 1,
      reason: 'failed',
      closePositions: false,
      cancelledOrderIds: ['ord_1'],
      closingOrderIds: [],
      snapshot: { columns: ['ticks'], rows: [{ ticks: 2 }] },
      at: AT,
    });
    const projection = new StrategiesProjection();
    const sub = subscriptionOn(db.database.pool, store, new AppendNotifier(), {
      kind: 'projection',
      handler: projection,
    });
    sub.start();
    const repository = new StrategiesRepository(db.database.pool);
    const rows = async () => repository.list({ limit: 10 });
    try {
      const projected = await eventually(
        rows,
        (r) => r.length === 2 && r.some((x) => x.status === 'stopped'),
      );
      expect(projected.find((r) => r.strategyId === 'stg_a')).toMatchObject({
        status: 'running',
        run: 2,
        mode: 'live',
      });
      expect(projected.find((r) => r.strategyId === 'stg_b')).toMatchObject({
        status: 'stopped',
        lastFailure: { hook: 'onTimer', message: 'boom' },
        lastStop: { reason: 'failed', cancelledOrderIds: ['ord_1'], snapshot: { rows: [{ ticks: 2 }] } },
      });
      expect((await repository.list({ status: 'running', limit: 10 })).map((r) => r.strategyId)).toEqual([
        'stg_a',
      ]);
    } finally {
      await sub.stop();
    }
    const before = await rows();
    await rebuildProjection(db.database.pool, new CheckpointStore(db.database.pool), projection);
    const again = subscriptionOn(db.database.pool, store, new AppendNotifier(), {
      kind: 'projection',
      handler: projection,
    });
    again.start();
    try {
      const rebuilt = await eventually(rows, (r) => r.length === 2 && r.some((x) => x.status === 'stopped'));
      expect(rebuilt).toEqual(before);
    } finally {
      await again.stop();
    }
  });
});
