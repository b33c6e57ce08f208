import type { AppendNotifier } from './append-notifier';
import type { StoredEvent } from './event-store.types';
import type { AllPage, PostgresEventStore } from './postgres-event-store';

interface InFlight {
  /** The append count when the read started: a later append needs a later read. */
  appends: number;
  maxCount: number;
  result: Promise<AllPage>;
}

/** What a subscription gets: the events, and whether they are all it can read now. */
export interface SharedPage extends AllPage {
  /**
   * True when this answer is a read of the store made after every local append the caller could have
   * been woken by: a short page then means caught up. False for an answer from the tail, which ends
   * where an earlier read ended.
   */
  fresh: boolean;
}

/** Events kept after the last read, so subscriptions a little behind are served without a query. */
const TAIL_CAPACITY = 5_000;

/**
 * One $all reader for all the subscriptions of a process. Without it, every append woke each
 * subscription into its own identical read. Two things make sharing safe:
 * - a read behind the xid fence returns a prefix of what any later read from the same cursor
 *   returns, so the tail of earlier reads is final and can answer a later request;
 * - a request joins a read in flight only if no local append happened since it started, so a
 *   subscription woken by an append never gets an answer older than that append (the tail answers
 *   only when it holds events after the cursor; "nothing new" always comes from a fresh read).
 */
export class SharedAllReader {
  private appends = 0;
  private readonly inFlight = new Map<bigint, InFlight>();
  /** tail[i] follows tailBase (i = 0) or tail[i - 1] in $all order. */
  private tail: StoredEvent[] = [];
  private tailBase = 0n;
  private readonly indexOf = new Map<bigint, number>();
  private tailOffset = 0;

  constructor(
    private readonly store: Pick<PostgresEventStore, 'readAllPage'>,
    notifier: AppendNotifier,
  ) {
    notifier.onAppend(() => {
      this.appends += 1;
    });
  }

  async readPage(options: { after: bigint; maxCount: number }): Promise<SharedPage> {
    const cached = this.fromTail(options.after, options.maxCount);
    if (cached.length > 0) return { events: cached, fenced: false, fresh: false };
    const flight = this.inFlight.get(options.after);
    if (flight !== undefined && flight.appends === this.appends && flight.maxCount >= options.maxCount) {
      const page = await flight.result;
      const events = page.events.slice(0, options.maxCount);
      // a cut page is not all there is; a whole one is as fresh as the caller's own read would be
      return { events, fenced: page.fenced, fresh: events.length === page.events.length };
    }
    const result = this.store.readAllPage(options);
    const entry: InFlight = { appends: this.appends, maxCount: options.maxCount, result };
    this.inFlight.set(options.after, entry);
    try {
      const page = await result;
      this.remember(options.after, page.events);
      return { ...page, fresh: true };
    } finally {
      if (this.inFlight.get(options.after) === entry) this.inFlight.delete(options.after);
    }
  }

  private fromTail(after: bigint, maxCount: number): StoredEvent[] {
    let start: number;
    if (after === this.tailBase) start = 0;
    else {
      const at = this.indexOf.get(after);
      if (at === undefined) return [];
      start = at - this.tailOffset + 1;
    }
    return this.tail.slice(start, start + maxCount);
  }

  /** Extends the tail when the read continued it, otherwise starts a new one there. */
  private remember(after: bigint, events: StoredEvent[]): void {
    if (events.length === 0) return;
    const last = this.tail[this.tail.length - 1];
    const continues = last !== undefined && last.position === after;
    if (!continues) {
      this.tail = [];
      this.tailBase = after;
      this.indexOf.clear();
      this.tailOffset = 0;
    }
    for (const event of events) {
      this.indexOf.set(event.position, this.tailOffset + this.tail.length);
      this.tail.push(event);
    }
    const excess = this.tail.length - TAIL_CAPACITY;
    if (excess > 0) {
      const dropped = this.tail.splice(0, excess);
      for (const event of dropped) this.indexOf.delete(event.position);
      this.tailOffset += excess;
      this.tailBase = dropped[dropped.length - 1]?.position ?? this.tailBase;
    }
  }
}
