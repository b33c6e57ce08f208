import { AppendNotifier } from '../../src/infrastructure/event-store/append-notifier';
import { CatchUpSubscription } from '../../src/infrastructure/event-store/catch-up-subscription';
import { CheckpointStore } from '../../src/infrastructure/event-store/checkpoint-store';
import { InProcessLeaderLock, type LeaderLock } from '../../src/infrastructure/event-store/leader-lock';
import type { PostgresEventStore } from '../../src/infrastructure/event-store/postgres-event-store';
import type { SharedAllReader } from '../../src/infrastructure/event-store/shared-all-reader';
import type { SqlPool } from '../../src/infrastructure/event-store/sql-client';
import type { SubscriptionHandler } from '../../src/infrastructure/event-store/subscription.types';
import { silentLog } from '../../src/infrastructure/observability/log';
import { sleep } from './event-store-fixture';

export function subscriptionOn(
  pool: SqlPool,
  store: PostgresEventStore,
  notifier: AppendNotifier,
  handler: SubscriptionHandler,
  options: { lock?: LeaderLock; pollMs?: number; batchSize?: number; deferCheckpointMs?: number } = {},
  reader?: Pick<SharedAllReader, 'readPage'>,
): CatchUpSubscription {
  return new CatchUpSubscription(
    handler,
    {
      store,
      ...(reader === undefined ? {} : { reader }),
      pool,
      checkpoints: new CheckpointStore(pool),
      lock: options.lock ?? new InProcessLeaderLock(),
      notifier,
      log: silentLog,
    },
    {
      batchSize: options.batchSize ?? 100,
      pollMs: options.pollMs ?? 50,
      retryMs: 20,
      ...(options.deferCheckpointMs === undefined ? {} : { deferCheckpointMs: options.deferCheckpointMs }),
    },
  );
}

/** Polls until the condition holds, failing after the timeout with the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await sleep(10);
    value = await read();
  }
  return value;
}

export { AppendNotifier };
