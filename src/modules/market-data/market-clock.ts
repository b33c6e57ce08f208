/**
 * The market-data module's time: which candles have closed and settled (CANDLE_SETTLE_MS), and
 * when a warmup was created, started and finished. Injectable so a test can hold it still (a
 * second warmup then sees the same settled candles as the first); the system clock by default.
 */
export interface MarketClock {
  now(): number;
}

export const MARKET_CLOCK = Symbol('MARKET_CLOCK');

/** A fresh system clock per app: a test that pins one app's clock leaves the others alone. */
export function systemMarketClock(): MarketClock {
  return { now: () => Date.now() };
}
