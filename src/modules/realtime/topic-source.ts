import { Injectable } from '@nestjs/common';
import type { AuthenticatedKey } from '../auth';

/**
 * How the fanout treats a client that cannot keep up with a topic:
 * - `latest` (order book, ticker, candle): each update replaces the previous one, so a slow client
 *   is sent only the newest pending update (the skipped ones are "conflated");
 * - `sequence` (trades, orders, fills): every update is a fact; a slow client is told what it missed
 *   with a `gap` notice `{topic, missed, fromSeq, toSeq}` instead of silently losing it.
 */
export type ConflationKind = 'latest' | 'sequence';

/** A per-topic refusal, listed in the subscribe ack under `errors[topic]`. */
export interface TopicError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** A topic that a source has accepted: its canonical name (used as the room) and its parsed parts. */
export interface ParsedTopic<P = unknown> {
  /** The canonical topic name, e.g. `trades:sim:BTC/USDT` for `trades:sim:BTCUSDT`. */
  topic: string;
  params: P;
}

export type TopicParseResult<P = unknown> =
  { ok: true; topic: ParsedTopic<P> } | { ok: false; error: TopicError };

/**
 * One kind of topic (`trades`, `orders`, `strategy`, ...), named by the prefix before the first `:`.
 * The realtime topic manager opens at most one upstream per canonical topic per instance, whatever
 * the number of subscribers, and stops iterating it (which must release the upstream) after the last
 * subscriber left and the grace period ran out.
 */
export interface TopicSource<P = unknown, T = unknown> {
  readonly conflation: ConflationKind;

  /**
   * Validates a topic (the whole string, prefix included) and answers its canonical form. A bad
   * topic answers `{ok: false, error}` with a SNAKE_CASE code (e.g. UNKNOWN_EXCHANGE); never throws
   * for bad input.
   */
  parse(topic: string): TopicParseResult<P> | Promise<TopicParseResult<P>>;

  /** May this key see this topic? (Roles via roleMayAccess; account ownership for private topics.) */
  authorize(topic: ParsedTopic<P>, key: AuthenticatedKey): boolean | Promise<boolean>;

  /**
   * The state a new subscriber is sent before any update (book, current candle, ticker, recent
   * trades). Absent or answering undefined: no snapshot.
   */
  snapshot?(topic: ParsedTopic<P>): Promise<T | undefined>;

  /**
   * The one upstream of a topic. Each yielded value becomes one message with the next sequence
   * number. The manager calls `return()` on the iterator to close it. When the iterable ends, the
   * topic is complete (its subscribers stay, with no more updates); when it throws, the manager
   * reopens it with backoff while the topic still has subscribers.
   */
  open(topic: ParsedTopic<P>): AsyncIterable<T>;

  /**
   * Optional: the upstream lost continuity (it threw and is being reopened). Sources that feed a
   * store from their upstream (the recent-trades ring) mark the break there.
   */
  onDiscontinuity?(topic: ParsedTopic<P>): void | Promise<void>;
}

/** The first segment of a topic, before `:`. */
export function topicPrefix(topic: string): string {
  const at = topic.indexOf(':');
  return at === -1 ? topic : topic.slice(0, at);
}

/**
 * The registry of topic kinds. Modules register their sources at init:
 *
 * ```ts
 * constructor(private readonly topics: TopicSources, private readonly source: OrdersTopicSource) {}
 * onModuleInit(): void { this.topics.register('orders', this.source); }
 * ```
 */
@Injectable()
export class TopicSources {
  private readonly sources = new Map<string, TopicSource>();

  register<P, T>(prefix: string, source: TopicSource<P, T>): void {
    if (!/^[a-z][a-z0-9-]*$/.test(prefix)) throw new Error(`Invalid topic prefix "${prefix}"`);
    if (this.sources.has(prefix)) throw new Error(`Topic prefix "${prefix}" is already registered`);
    this.sources.set(prefix, source);
  }

  get(prefix: string): TopicSource | undefined {
    return this.sources.get(prefix);
  }

  prefixes(): string[] {
    return [...this.sources.keys()].sort();
  }
}
