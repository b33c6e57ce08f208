import { checkPeriod } from './indicator-period';

/**
 * Exponential moving average with alpha = 2 / (period + 1), seeded with the SMA of the first
 * `period` values (the TA-Lib convention): NaN before index period - 1, the SMA at it, then
 * ema = prev + alpha * (x - prev).
 */
export class Ema {
  readonly period: number;
  readonly alpha: number;
  value = NaN;
  private seedSum = 0;
  private count = 0;

  constructor(period: number) {
    this.period = checkPeriod('ema', period);
    this.alpha = 2 / (this.period + 1);
  }

  get ready(): boolean {
    return this.count >= this.period;
  }

  update(x: number): number {
    if (this.count >= this.period) {
      this.value += this.alpha * (x - this.value);
      return this.value;
    }
    this.seedSum += x;
    this.count++;
    if (this.count === this.period) this.value = this.seedSum / this.period;
    return this.value;
  }
}

export function ema(values: ArrayLike<number>, period: number): Float64Array {
  const ind = new Ema(period);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = ind.update(values[i] as number);
  return out;
}
