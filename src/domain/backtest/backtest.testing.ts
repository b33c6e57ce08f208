import type { Instrument } from '../matching';
import { Dec } from '../shared/decimal';
import { candleColumns } from './candle-columns';
import type { CandleColumns } from './backtest.types';

export const HOUR = 3_600_000;
export const BTC = 'BTC/USDT:USDT';

export const btc: Instrument = {
  symbol: BTC,
  contractType: 'linear',
  tickSize: new Dec('0.1'),
  lotSize: new Dec('0.001'),
  minQuantity: new Dec('0.001'),
  maxLeverage: 100,
};

/** Hourly bars from [open, high, low, close] rows, the first opening at time 0. */
export function hourly(rows: readonly (readonly [number, number, number, number])[]): CandleColumns {
  return candleColumns(rows.map(([o, h, l, c], i) => [i * HOUR, o, h, l, c, 1]));
}

/** A stand-in digest for tests (FNV-1a, 32 bits): the domain takes sha256 from its caller. */
export function testHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
