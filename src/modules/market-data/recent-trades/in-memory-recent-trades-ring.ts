import type { Trade } from '../../../infrastructure/exchanges/market-data.types';
import {
  DEFAULT_RING_LIMITS,
  RecentTradesRing,
  type RecentTradesRingLimits,
  type RingCoverage,
} from './recent-trades-ring';

interface TopicRing {
  /** Ascending by timestamp; ties keep the order received. */
  trades: Trade[];
  ids: Set<string>;
  /** Every trade with timestamp >= this is held; null = nothing continuous (never fed, or a gap). */
  continuousSince: number | null;
}

/** The ring of one process (REDIS_URL unset): per topic, an ascending array trimmed on each record. */
export class InMemoryRecentTradesRing extends RecentTradesRing {
  private readonly topics = new Map<string, TopicRing>();

  constructor(
    private readonly limits: RecentTradesRingLimits = DEFAULT_RING_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  record(exchange: string, symbol: string, trades: readonly Trade[]): Promise<void> {
    if (trades.length === 0) return Promise.resolve();
    const key = topicKey(exchange, symbol);
    let ring = this.topics.get(key);
    if (ring === undefined) {
      ring = { trades: [], ids: new Set(), continuousSince: null };
      this.topics.set(key, ring);
    }
    if (ring.continuousSince === null) {
      // A run starts after its first trade's millisecond: others of that ms may have come before.
      ring.continuousSince = Math.min(...trades.map((t) => t.timestamp)) + 1;
    }
    for (const trade of trades) {
      if (ring.ids.has(trade.id)) continue;
      ring.ids.add(trade.id);
      insertSorted(ring.trades, trade);
    }
    this.trim(ring);
    return Promise.resolve();
  }

  markGap(exchange: string, symbol: string): Promise<void> {
    this.topics.delete(topicKey(exchange, symbol));
    return Promise.resolve();
  }

  read(exchange: string, symbol: string, since?: number, limit?: number): Promise<Trade[] | null> {
    const ring = this.topics.get(topicKey(exchange, symbol));
    if (ring === undefined || ring.continuousSince === null) return Promise.resolve(null);
    this.trim(ring);
    const from = ring.continuousSince;
    const held = ring.trades.filter((t) => t.timestamp >= from);
    if (since === undefined) {
      // The latest `limit`: covered only when the continuous run holds that many.
      if (limit !== undefined && held.length < limit) return Promise.resolve(null);
      return Promise.resolve(limit === undefined ? held : held.slice(-limit));
    }
    if (since < from) return Promise.resolve(null);
    const window = held.filter((t) => t.timestamp >= since);
    return Promise.resolve(limit === undefined ? window : window.slice(0, limit));
  }

  coverage(exchange: string, symbol: string): Promise<RingCoverage | null> {
    const ring = this.topics.get(topicKey(exchange, symbol));
    if (ring === undefined || ring.continuousSince === null) return Promise.resolve(null);
    this.trim(ring);
    const newest = ring.trades[ring.trades.length - 1]?.timestamp ?? ring.continuousSince;
    return Promise.resolve({
      continuousSince: ring.continuousSince,
      newest,
      count: ring.trades.length,
    });
  }

  /** Drops trades past the age or count bound; the run then starts after the newest one dropped. */
  private trim(ring: TopicRing): void {
    const cutoff = this.now() - this.limits.maxAgeMs;
    let drop = 0;
    while (drop < ring.trades.length && (ring.trades[drop] as Trade).timestamp < cutoff) drop += 1;
    drop = Math.max(drop, ring.trades.length - this.limits.maxTrades);
    if (drop <= 0) return;
    const dropped = ring.trades.splice(0, drop);
    for (const t of dropped) ring.ids.delete(t.id);
    const newestDropped = (dropped[dropped.length - 1] as Trade).timestamp;
    ring.continuousSince = Math.max(ring.continuousSince ?? 0, newestDropped + 1);
  }
}

export function topicKey(exchange: string, symbol: string): string {
  return `${exchange}:${symbol}`;
}

function insertSorted(trades: Trade[], trade: Trade): void {
  let i = trades.length;
  while (i > 0 && (trades[i - 1] as Trade).timestamp > trade.timestamp) i -= 1;
  trades.splice(i, 0, trade);
}
