/**
 * The warmups' time: which candles a warmup plans and stores as settled (CANDLE_SETTLE_MS), and
 * when it was created, started and finished. Injectable so a test can hold it still (a second
 * warmup then sees the same settled candles as the first); the system clock by default.
 * fetchOHLCV and the topics still read the system clock.
 */
export interface MarketClock {
  now(): number;
}

export const MARKET_CLOCK = Symbol('MARKET_CLOCK');

/** A fresh system clock per app: a test that pins one app's clock leaves the others alone. */
export function systemMarketClock(): MarketClock {
  return { now: () => Date.now() };
}
