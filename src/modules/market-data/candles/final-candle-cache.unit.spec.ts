import type { OHLCV } from '../../../infrastructure/exchanges/market-data.types';
import { FinalCandleCache } from './final-candle-cache';

const series = { exchange: 'sim', symbol: 'BTC/USDT:USDT', timeframe: '1m', stepMs: 60_000 };
const candles = (n: number): OHLCV[] => Array.from({ length: n }, (_, i) => [i * 60_000, 1, 2, 0.5, 1.5, 3]);
const range = (from: number) => ({ from, to: from + 1 });

describe('FinalCandleCache', () => {
  it('answers the same frozen array for the same range', () => {
    const cache = new FinalCandleCache(100);
    cache.set(series, range(0), candles(10));
    const hit = cache.get(series, range(0));
    expect(hit).toHaveLength(10);
    expect(Object.isFrozen(hit)).toBe(true);
    expect(cache.get(series, range(0))).toBe(hit);
    expect(cache.get({ ...series, timeframe: '5m' }, range(0))).toBeUndefined();
  });

  it('drops the least recently used ranges past its candle bound', () => {
    const cache = new FinalCandleCache(25);
    cache.set(series, range(1), candles(10));
    cache.set(series, range(2), candles(10));
    cache.get(series, range(1)); // range 2 is now the least recently used
    cache.set(series, range(3), candles(10)); // 30 > 25: range 2 goes
    expect(cache.get(series, range(2))).toBeUndefined();
    expect(cache.get(series, range(1))).toHaveLength(10);
    expect(cache.get(series, range(3))).toHaveLength(10);
    // A range larger than the whole bound is not kept at all.
    cache.set(series, range(4), candles(26));
    expect(cache.get(series, range(4))).toBeUndefined();
  });
});
