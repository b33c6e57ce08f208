import { subscriptionPosition } from '../observability/metrics';
import type { Log } from '../observability/log';
import type { AppendNotifier } from './append-notifier';
import type { CheckpointStore } from './checkpoint-store';
import type { StoredEvent } from './event-store.types';
import type { LeaderLock } from './leader-lock';
import type { PostgresEventStore } from './postgres-event-store';
import type { SharedAllReader, SharedPage } from './shared-all-reader';
import { inTransaction, type SqlPool } from './sql-client';
import { runKeyed } from '../concurrency/keyed-pipeline';
import type {
  ProjectionHandler,
  ReactorHandler,
  SubscriptionHandler,
  SubscriptionStatus,
} from './subscription.types';

export interface SubscriptionOptions {
  batchSize: number;
  /** Fallback poll for appends made by other processes. */
  pollMs: number;
  /** Wait before retrying a failed batch; doubles up to 30 s. */
  retryMs: number;
  /** How long a position reached without a checkpoint write may wait for one (default 1 s). */
  deferCheckpointMs?: number;
}

class CheckpointMovedError extends Error {}

/**
 * A batch with nothing for the handler, or one a reactor has handled, moves the position in memory
 * only; the stored checkpoint follows with the next projection batch, or once this many events or
 * this long have gone by (so the readiness lag stays small). After a crash, skipped events replay as
 * nothing, and a reactor sees again at most these last events: it is at-least-once, and idempotent.
 */
const DEFERRED_CHECKPOINT_EVENTS = 500;
const DEFERRED_CHECKPOINT_MS = 1_000;

/**
 * A read that stopped at the xid fence (committed events wait behind an older transaction, often a
 * projection's, whose commit wakes nobody) is tried again after this, doubling up to the poll.
 */
const FENCE_RETRY_MS = 2;

/** Events a reactor with an orderingKey handles at once, unless it says (ReactorHandler.concurrency). */
const DEFAULT_REACTOR_CONCURRENCY = 16;

/**
 * Catch-up, then live: reads $all from its checkpoint in batches, and when caught up waits for an
 * in-process wake-up or the poll. Only the instance holding the leader lock for its name runs.
 */
export class CatchUpSubscription {
  private position = 0n;
  /** The checkpoint as stored: behind `position` while skipped batches are not yet written. */
  private stored = 0n;
  private deferredSince: number | null = null;
  private stopped = true;
  private woken = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private lastError: string | null = null;
  private unsubscribe: (() => void) | null = null;
  private reloadRequested = false;

  constructor(
    private readonly subscription: SubscriptionHandler,
    private readonly deps: {
      store: PostgresEventStore;
      /** The process's shared $all reader; without one, the subscription reads the store itself. */
      reader?: Pick<SharedAllReader, 'readPage'>;
      pool: SqlPool;
      checkpoints: CheckpointStore;
      lock: LeaderLock;
      notifier: AppendNotifier;
      log: Log;
    },
    private readonly options: SubscriptionOptions,
  ) {}

  get name(): string {
    return this.subscription.handler.name;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = this.deps.notifier.onAppend(() => this.signal());
    this.loop = this.run().catch((err: unknown) => {
      this.deps.log.error({ err, subscription: this.name }, 'subscription loop ended unexpectedly');
    });
  }

  /** Stops after the batch in flight has committed its checkpoint. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.signal();
    await this.loop;
    this.loop = null;
    if (this.deps.lock.isHeld(this.name)) {
      await this.flushDeferred().catch((err: unknown) => {
        this.deps.log.warn({ err, subscription: this.name }, 'writing the skipped checkpoint failed');
      });
    }
    await this.deps.lock.release(this.name);
  }

  /** Re-reads the stored checkpoint before the next batch (after a rebuild reset it). */
  reload(): void {
    this.reloadRequested = true;
    this.signal();
  }

  status(): SubscriptionStatus {
    return {
      name: this.name,
      kind: this.subscription.kind,
      active: this.deps.lock.isHeld(this.name),
      position: this.position,
      lastError: this.lastError,
    };
  }

  private signal(): void {
    this.woken = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let retryMs = this.options.retryMs;
    const firstFenceRetryMs = Math.min(FENCE_RETRY_MS, this.options.pollMs);
    let fenceRetryMs = firstFenceRetryMs;
    // Whether these reads began with a local append's wake-up: only then does a short page show all
    // there is (appends of other processes wake nobody; their reads keep the confirming empty read).
    let byWake = false;
    while (!this.stopped) {
      try {
        if (!this.deps.lock.isHeld(this.name)) {
          if (!(await this.becomeLeader())) {
            await this.pause(this.options.pollMs * 4); // a standby: appends do not concern it
            continue;
          }
        }
        if (this.reloadRequested) {
          this.reloadRequested = false;
          // init() also recreates a checkpoint row that someone deleted.
          this.position = await this.deps.checkpoints.init(this.name, 0n);
          this.stored = this.position;
          this.deferredSince = null;
        }
        this.woken = false;
        const page = await this.processBatch();
        this.lastError = null;
        retryMs = this.options.retryMs;
        // Caught up: nothing read, or a short page read after the wake-up. A full page, or one from
        // the shared reader's tail, may have more behind it: read again at once.
        const caughtUp =
          page.events.length === 0 || (byWake && page.fresh && page.events.length < this.options.batchSize);
        // the retries back off only while nothing comes and the fence holds
        if (page.events.length > 0 || !page.fenced) fenceRetryMs = firstFenceRetryMs;
        if (!caughtUp) continue;
        if (this.deferredDue()) await this.flushDeferred();
        if (page.fenced) {
          byWake = (await this.idle(fenceRetryMs)) || byWake; // still the same wake-up's reads
          fenceRetryMs = Math.min(fenceRetryMs * 2, this.options.pollMs);
          continue;
        }
        byWake = await this.idle(this.options.pollMs);
      } catch (err) {
        if (err instanceof CheckpointMovedError) {
          this.reloadRequested = true;
          continue;
        }
        this.lastError = err instanceof Error ? err.message : String(err);
        this.deps.log.error(
          { err, subscription: this.name, position: this.position.toString() },
          'subscription batch failed',
        );
        await this.pause(retryMs); // appends must not cut an error backoff short
        retryMs = Math.min(retryMs * 2, 30_000);
      }
    }
  }

  private async becomeLeader(): Promise<boolean> {
    if (!(await this.deps.lock.tryAcquire(this.name))) return false;
    const fromHead = this.subscription.kind === 'reactor' && this.subscription.handler.startFrom === 'head';
    const start = fromHead ? await this.deps.store.headPosition() : 0n;
    this.position = await this.deps.checkpoints.init(this.name, start);
    this.stored = this.position;
    this.deferredSince = null;
    this.subscription.handler.onActive?.();
    this.deps.log.info(
      { subscription: this.name, position: this.position.toString() },
      'subscription active',
    );
    return true;
  }

  /** Reads a page after the position and handles it; returns the page read. */
  private async processBatch(): Promise<SharedPage> {
    const page = await this.read({ after: this.position, maxCount: this.options.batchSize });
    const events = page.events;
    const last = events[events.length - 1];
    if (last === undefined) return page;
    const { checkpoints, pool } = this.deps;
    const from = this.stored;
    const relevant = await this.relevant(events);
    if (relevant.length === 0) {
      this.position = last.position;
      this.deferredSince ??= Date.now();
      if (this.deferredDue()) await this.flushDeferred();
    } else if (this.subscription.kind === 'projection') {
      const handler = this.subscription.handler;
      // Derived rows: the events are durable already, and a batch lost in a crash replays.
      await inTransaction(
        pool,
        async (tx) => {
          await handler.handle(relevant, tx);
          if (!(await checkpoints.advance(tx, this.name, from, last.position)))
            throw new CheckpointMovedError();
        },
        { waitForFlush: false },
      );
      this.afterCommit(handler, relevant);
      this.moved(last.position);
    } else {
      await this.react(this.subscription.handler, events, relevant, from);
      this.position = last.position;
      this.deferredSince ??= Date.now();
      if (this.deferredDue()) await this.flushDeferred();
    }
    subscriptionPosition.set({ subscription: this.name }, Number(this.position));
    return page;
  }

  private async read(options: { after: bigint; maxCount: number }): Promise<SharedPage> {
    if (this.deps.reader !== undefined) return this.deps.reader.readPage(options);
    return { ...(await this.deps.store.readAllPage(options)), fresh: true };
  }

  private moved(to: bigint): void {
    this.position = to;
    this.stored = to;
    this.deferredSince = null;
  }

  private deferredDue(): boolean {
    if (this.deferredSince === null || this.stored === this.position) return false;
    return (
      Date.now() - this.deferredSince >= (this.options.deferCheckpointMs ?? DEFERRED_CHECKPOINT_MS) ||
      this.position - this.stored >= BigInt(DEFERRED_CHECKPOINT_EVENTS)
    );
  }

  /** Writes the position reached by skipped batches. */
  private async flushDeferred(): Promise<void> {
    if (this.stored === this.position) return;
    if (!(await this.deps.checkpoints.advance(this.deps.pool, this.name, this.stored, this.position)))
      throw new CheckpointMovedError();
    this.moved(this.position);
  }

  /**
   * Runs a reactor over a batch's relevant events: one at a time in order, or with orderingKey,
   * different keys overlapping. When one fails, the checkpoint first moves past every event before
   * the first one not handled, so a retry does not repeat their side effects.
   */
  private async react(
    handler: ReactorHandler,
    events: StoredEvent[],
    relevant: StoredEvent[],
    from: bigint,
  ): Promise<void> {
    const { done, failure } = await runKeyed(
      relevant,
      (e) => handler.orderingKey?.(e), // none: every event alone, in order
      (e) => handler.handle(e),
      handler.concurrency ?? DEFAULT_REACTOR_CONCURRENCY,
    );
    if (failure === null) return;
    const firstUnhandled = events.indexOf(relevant[done] as StoredEvent);
    const handled = firstUnhandled <= 0 ? from : (events[firstUnhandled - 1] as StoredEvent).position;
    if (handled !== from && (await this.deps.checkpoints.advance(this.deps.pool, this.name, from, handled))) {
      this.moved(handled);
    }
    throw failure.error;
  }

  /** A failing after-commit hook must not replay a batch that is already committed. */
  private afterCommit(handler: ProjectionHandler, events: StoredEvent[]): void {
    try {
      handler.afterCommit?.(events);
    } catch (err) {
      this.deps.log.warn({ err, subscription: this.name }, 'afterCommit hook failed');
    }
  }

  private async relevant(events: StoredEvent[]): Promise<StoredEvent[]> {
    const { handler } = this.subscription;
    const types = handler.eventTypes;
    const typed = types === undefined ? events : events.filter((e) => types.includes(e.type));
    if (this.subscription.kind === 'reactor' || this.subscription.handler.select === undefined) return typed;
    return typed.length === 0 ? typed : this.subscription.handler.select(typed);
  }

  /** Waits for the poll, or less when a local append wakes the subscription; true if one did. */
  private idle(ms: number): Promise<boolean> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve(true);
    }
    return this.wait(ms, true);
  }

  /** Waits the whole time unless the subscription stops. */
  private async pause(ms: number): Promise<void> {
    await this.wait(ms, false);
  }

  /** Resolves true when a wake-up ended the wait, false when the time did. */
  private wait(ms: number, wakeable: boolean): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (bySignal: boolean): void => {
        clearTimeout(timer);
        if (this.wake === onSignal) this.wake = null;
        this.woken = false;
        resolve(bySignal);
      };
      const onSignal = (): void => {
        if (wakeable || this.stopped) done(true);
      };
      const timer = setTimeout(() => done(false), ms);
      this.wake = onSignal;
    });
  }
}
