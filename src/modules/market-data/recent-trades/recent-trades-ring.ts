import type { Trade } from '../../../infrastructure/exchanges/market-data.types';

/**
 * The recent trades of each topic (exchange + ccxt symbol), bounded by count and by age, fed by the
 * one upstream trades stream of that topic (the realtime gateway's topic manager). It lets
 * fetchTrades reach further back than a venue's REST window, but only where it is sure to be
 * complete: it remembers since when it has been fed without a break ("continuous since"), and a
 * read whose window starts before that answers null (the caller falls back to REST).
 *
 * In memory by default; in Redis when REDIS_URL is set, so that several instances share it.
 * Inject it by this class (it is the DI token); the module binds the implementation.
 */
export abstract class RecentTradesRing {
  /**
   * Appends trades received from the upstream stream, in the order received. The first call after a
   * gap (or ever) starts a continuous run at the earliest trade's timestamp. Trades already held
   * (same id) are ignored, so a stream's replay after a reconnect does no harm.
   */
  abstract record(exchange: string, symbol: string, trades: readonly Trade[]): Promise<void>;

  /**
   * The upstream lost continuity (stream closed, reconnected without replay, backpressure dropped
   * trades): what is held stays readable for windows that start after the next record, but the ring
   * no longer claims to cover anything before it.
   */
  abstract markGap(exchange: string, symbol: string): Promise<void>;

  /**
   * Trades with timestamp >= since (the oldest retained when since is absent), ascending, at most
   * `limit` (the oldest first, as ccxt pages forward from since). Null when the ring does not cover
   * the window: nothing recorded, a gap since `since`, or `since` older than the oldest retained trade
   * of the continuous run.
   */
  abstract read(exchange: string, symbol: string, since?: number, limit?: number): Promise<Trade[] | null>;

  /** The coverage of one topic, for diagnostics and tests: null when nothing continuous is held. */
  abstract coverage(exchange: string, symbol: string): Promise<RingCoverage | null>;
}

export interface RingCoverage {
  /** The oldest timestamp from which the ring holds every trade. */
  continuousSince: number;
  /** The newest trade's timestamp. */
  newest: number;
  count: number;
}

/** Bounds of every topic's ring: whichever is reached first trims the oldest trades. */
export interface RecentTradesRingLimits {
  maxTrades: number;
  maxAgeMs: number;
}

export const DEFAULT_RING_LIMITS: RecentTradesRingLimits = { maxTrades: 10_000, maxAgeMs: 60 * 60_000 };
