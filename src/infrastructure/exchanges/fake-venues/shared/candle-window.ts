import { Candle, MINUTE_MS } from './market-data-set';

export interface CandleWindow {
  readonly start?: number;
  readonly end?: number;
  readonly limit: number;
}

/**
 * Binance semantics: with a start, the first `limit` candles from it; otherwise the newest `limit`
 * candles up to `end`. Oldest first.
 */
export function candlesFromStart(candles: readonly Candle[], window: CandleWindow): Candle[] {
  const inRange = candles.filter(
    (c) =>
      (window.start === undefined || c.openTime >= window.start) &&
      (window.end === undefined || c.openTime <= window.end),
  );
  return window.start === undefined ? inRange.slice(-window.limit) : inRange.slice(0, window.limit);
}

/**
 * Bybit semantics, newest first: with only a start, the `limit` candles from it; otherwise the newest
 * `limit` candles in [start, end].
 */
export function candlesNewestFirst(candles: readonly Candle[], window: CandleWindow): Candle[] {
  const inRange = candles.filter(
    (c) =>
      (window.start === undefined || c.openTime >= window.start) &&
      (window.end === undefined || c.openTime <= window.end),
  );
  const fromStartOnly = window.start !== undefined && window.end === undefined;
  return (fromStartOnly ? inRange.slice(0, window.limit) : inRange.slice(-window.limit)).reverse();
}

/** `1m`, `4h`, `1d`, `1w` as milliseconds (Binance and Hyperliquid interval names). */
export function intervalToMs(interval: string): number | undefined {
  const match = /^(\d+)([mhdw])$/.exec(interval);
  if (!match) return undefined;
  const unit = { m: MINUTE_MS, h: 60 * MINUTE_MS, d: 1_440 * MINUTE_MS, w: 10_080 * MINUTE_MS }[
    match[2] as 'm' | 'h' | 'd' | 'w'
  ];
  return Number(match[1]) * unit;
}

export function optionalInt(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? Math.trunc(parsed) : undefined;
}
