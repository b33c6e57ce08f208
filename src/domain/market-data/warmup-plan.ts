import {
  candleCount,
  missingRanges,
  planPages,
  unsettledOpen,
  type CandlePage,
  type CandleRange,
} from './candle-ranges';

/** One (symbol, timeframe) series as scanned: the closed candles wanted and what is stored of them. */
export interface ScannedSeries {
  symbol: string;
  timeframe: string;
  stepMs: number;
  wanted: CandleRange;
  covered: readonly CandleRange[];
}

/** One scheduled item: a series with missing candles and the venue requests that fetch them. */
export interface WarmupItem {
  symbol: string;
  timeframe: string;
  stepMs: number;
  gaps: CandleRange[];
  missingCandles: number;
  pages: CandlePage[];
}

/**
 * The warmup schedule: only the series with gaps, largest timeframe first (a few requests give the
 * long view at once; the fine timeframes, which take most requests, come last), then in the order
 * the symbols were asked.
 */
export function planWarmup(series: readonly ScannedSeries[], pageSize: number): WarmupItem[] {
  const order = [...series].sort((a, b) => b.stepMs - a.stepMs);
  const items: WarmupItem[] = [];
  for (const s of order) {
    const gaps = missingRanges(s.wanted, s.covered, s.stepMs);
    if (gaps.length === 0) continue;
    items.push({
      symbol: s.symbol,
      timeframe: s.timeframe,
      stepMs: s.stepMs,
      gaps,
      missingCandles: gaps.reduce((n, g) => n + candleCount(g, s.stepMs), 0),
      pages: planPages(gaps, s.stepMs, pageSize),
    });
  }
  return items;
}

/** The final candles a warmup of `candles` per series wants: the latest settled ones (CANDLE_SETTLE_MS). */
export function warmupWindow(candles: number, stepMs: number, now: number): CandleRange | null {
  const lastClosed = unsettledOpen(now, stepMs) - stepMs;
  if (lastClosed < 0) return null;
  return { from: Math.max(0, lastClosed - (candles - 1) * stepMs), to: lastClosed };
}
