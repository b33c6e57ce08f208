import { checkPeriod } from './indicator-period';

/**
 * Wilder's average true range. The true range of the first bar is high - low (no previous close);
 * after it, max(high - low, |high - prevClose|, |low - prevClose|). The first ATR is the mean of
 * the first `period` true ranges (at index period - 1), then atr = (prev * (period - 1) + tr) / period.
 */
export class Atr {
  readonly period: number;
  value = NaN;
  private prevClose = NaN;
  private count = 0;
  private seedSum = 0;

  constructor(period: number) {
    this.period = checkPeriod('atr', period);
  }

  get ready(): boolean {
    return this.count >= this.period;
  }

  update(high: number, low: number, close: number): number {
    const tr = trueRange(high, low, this.prevClose);
    this.prevClose = close;
    const n = this.period;
    this.count++;
    if (this.count < n) this.seedSum += tr;
    else if (this.count === n) this.value = (this.seedSum + tr) / n;
    else this.value = (this.value * (n - 1) + tr) / n;
    return this.value;
  }
}

function trueRange(high: number, low: number, prevClose: number): number {
  const range = high - low;
  if (Number.isNaN(prevClose)) return range;
  return Math.max(range, Math.abs(high - prevClose), Math.abs(low - prevClose));
}

export function atr(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period: number,
): Float64Array {
  const ind = new Atr(period);
  const out = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) {
    out[i] = ind.update(high[i] as number, low[i] as number, close[i] as number);
  }
  return out;
}
