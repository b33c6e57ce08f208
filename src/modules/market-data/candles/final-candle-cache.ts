import type { CandleRange } from '../../../domain/market-data';
import type { OHLCV } from '../../../infrastructure/exchanges/market-data.types';
import { seriesKey, type CandleSeries } from './candle-series';

/**
 * The final candles of fully covered ranges, least recently used first out. Safe to keep in memory
 * on every instance: a final candle and a covered range never change, so no entry goes stale.
 * Bounded by candles held, not entries, since a range may hold one candle or thousands.
 */
export class FinalCandleCache {
  private readonly entries = new Map<string, readonly OHLCV[]>();
  private held = 0;

  constructor(private readonly maxCandles = 250_000) {}

  get(s: CandleSeries, range: CandleRange): readonly OHLCV[] | undefined {
    const key = rangeKey(s, range);
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(s: CandleSeries, range: CandleRange, candles: readonly OHLCV[]): void {
    if (candles.length > this.maxCandles) return;
    const key = rangeKey(s, range);
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.entries.delete(key);
      this.held -= previous.length;
    }
    // Frozen: the same array is answered again and again (and its JSON memoised by identity).
    this.entries.set(key, Object.freeze(candles));
    this.held += candles.length;
    for (const [oldest, value] of this.entries) {
      if (this.held <= this.maxCandles) break;
      this.entries.delete(oldest);
      this.held -= value.length;
    }
  }
}

function rangeKey(s: CandleSeries, range: CandleRange): string {
  return `${seriesKey(s)}\u0000${range.from}\u0000${range.to}`;
}
