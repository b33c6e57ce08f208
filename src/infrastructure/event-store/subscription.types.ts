import type { StoredEvent } from './event-store.types';
import type { SqlClient } from './sql-client';

/**
 * A read model fed from $all. handle() runs in the transaction that also moves the checkpoint, so
 * each event's effect lands exactly once: a crash before commit replays the batch, after it never.
 */
export interface ProjectionHandler {
  /** The checkpoint key; renaming it rebuilds the projection. */
  readonly name: string;
  /** Only these event types reach handle(); all when omitted. */
  readonly eventTypes?: readonly string[];
  handle(events: readonly StoredEvent[], tx: SqlClient): Promise<void>;
  /**
   * Narrows a batch (after eventTypes) to the events handle() would act on. A batch it empties costs
   * no transaction: the checkpoint follows later, as for a batch with none of the types.
   */
  select?(events: readonly StoredEvent[]): Promise<StoredEvent[]>;
  /** As for reactors: called each time this process becomes the active instance. */
  onActive?(): void;
  /** Empties the read model before a rebuild from position 0 (same transaction as the checkpoint reset). */
  reset(tx: SqlClient): Promise<void>;
  /** Called once the batch's transaction has committed: the changes are now visible to readers. */
  afterCommit?(events: readonly StoredEvent[]): void;
}

/**
 * Reacts to events with side effects (commands, webhooks, pushes). At-least-once: the checkpoint
 * moves after handle() returns, so handle() must be idempotent (see deterministicEventId).
 */
export interface ReactorHandler {
  readonly name: string;
  readonly eventTypes?: readonly string[];
  /** Where a subscription with no checkpoint yet begins: replay history, or only what comes next. */
  readonly startFrom?: 'beginning' | 'head';
  /**
   * Called each time this process becomes the active instance, before the first event: whatever the
   * handler folded from earlier events may have missed those another instance handled meanwhile.
   */
  onActive?(): void;
  handle(event: StoredEvent): Promise<void>;
  /**
   * Lets a batch's events overlap: events with the same key are handled one at a time in $all
   * order, events with different keys together (up to `concurrency`). An event without a key waits
   * for every event before it and holds back every event after it. Without this method each event
   * is handled alone, in order. After a failure the checkpoint passes only the events before the
   * first one not handled, so a retry repeats none that finished before it.
   */
  orderingKey?(event: StoredEvent): string | undefined;
  /** Events handled at once when orderingKey is given (default 16). */
  readonly concurrency?: number;
}

export type SubscriptionHandler =
  { kind: 'projection'; handler: ProjectionHandler } | { kind: 'reactor'; handler: ReactorHandler };

export interface SubscriptionStatus {
  name: string;
  kind: SubscriptionHandler['kind'];
  /** Leader for this name in this process (another instance may be the active one). */
  active: boolean;
  position: bigint;
  lastError: string | null;
}
