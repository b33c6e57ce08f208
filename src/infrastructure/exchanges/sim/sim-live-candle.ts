import type { OHLCV } from '../market-data.types';
import type { SimMarketGenerator } from './sim-market.generator';
import { alignDown, HOUR_MS, MINUTE_MS } from './sim-timeframes';

/** Rounds a summed float volume to the lot's decimals, as the generator rounds candle volumes. */
export function roundVolume(volume: number, lotDecimals: number): number {
  const scale = 10 ** lotDecimals;
  return Math.round(volume * scale) / scale;
}

/**
 * The candle opened at `openTime` as it stands at `now` (openTime <= now): its closed hours and
 * minutes plus the trades printed so far in the current minute. Nothing after `now` leaks in, and once the
 * period has passed this equals the generator's final candle.
 */
export function candleSoFar(
  generator: SimMarketGenerator,
  symbol: string,
  openTime: number,
  now: number,
  lotDecimals: number,
): OHLCV {
  const minuteStart = alignDown(now, MINUTE_MS);
  // Whole hours as hour candles (a day's open candle is not 1,440 minutes), then the minutes.
  const hourStart = openTime % HOUR_MS === 0 ? Math.max(openTime, alignDown(minuteStart, HOUR_MS)) : openTime;
  const minutes = [
    ...generator.candles(symbol, '1h', openTime, hourStart),
    ...generator.candles(symbol, '1m', hourStart, minuteStart),
  ];
  const trades = generator.trades(symbol, Math.max(openTime, minuteStart), now + 1);
  let open: number | undefined;
  let high = Number.NEGATIVE_INFINITY;
  let low = Number.POSITIVE_INFINITY;
  let close = 0;
  let volume = 0;
  for (const [, o, h, l, c, v] of minutes) {
    open ??= o;
    high = Math.max(high, h);
    low = Math.min(low, l);
    close = c;
    volume += v;
  }
  for (const trade of trades) {
    open ??= trade.price;
    high = Math.max(high, trade.price);
    low = Math.min(low, trade.price);
    close = trade.price;
    volume += trade.amount;
  }
  if (open === undefined) {
    // No trade yet in this period: a flat candle at the last price, as venues show it.
    const last = generator.lastPrice(symbol, now);
    return [openTime, last, last, last, last, 0];
  }
  return [openTime, open, high, low, close, roundVolume(volume, lotDecimals)];
}
