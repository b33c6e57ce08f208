import { checkPeriod } from './indicator-period';

export interface BollingerValue {
  readonly middle: number;
  readonly upper: number;
  readonly lower: number;
  readonly stdDev: number;
}

/**
 * Bollinger bands: middle = SMA(period), upper/lower = middle +- k * sigma, sigma the population
 * standard deviation of the window. The mean comes from a running sum (relative to the first value
 * seen); the variance is a second pass over the window, O(period), because sum(x^2) - n * mean^2
 * cancels catastrophically for prices far from zero and the bands are not on the per-bar hot path.
 */
export class Bollinger {
  readonly period: number;
  middle = NaN;
  upper = NaN;
  lower = NaN;
  stdDev = NaN;
  private readonly window: Float64Array;
  private origin = NaN;
  private sum = 0;
  private count = 0;
  private next = 0;

  constructor(
    period: number,
    readonly k = 2,
  ) {
    this.period = checkPeriod('bollinger', period);
    this.window = new Float64Array(this.period);
  }

  get ready(): boolean {
    return this.count >= this.period;
  }

  update(x: number): BollingerValue {
    if (Number.isNaN(this.origin)) this.origin = x;
    const d = x - this.origin;
    const slot = this.next;
    if (this.count < this.period) this.count++;
    else this.sum -= this.window[slot] as number;
    this.window[slot] = d;
    this.sum += d;
    this.next = slot + 1 === this.period ? 0 : slot + 1;
    if (this.count >= this.period) {
      const n = this.period;
      const meanD = this.sum / n;
      let squares = 0;
      for (let i = 0; i < n; i++) {
        const dev = (this.window[i] as number) - meanD;
        squares += dev * dev;
      }
      const variance = squares / n;
      this.middle = this.origin + meanD;
      this.stdDev = Math.sqrt(variance);
      this.upper = this.middle + this.k * this.stdDev;
      this.lower = this.middle - this.k * this.stdDev;
    }
    return { middle: this.middle, upper: this.upper, lower: this.lower, stdDev: this.stdDev };
  }
}

export interface BollingerSeries {
  readonly middle: Float64Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
}

export function bollinger(values: ArrayLike<number>, period: number, k = 2): BollingerSeries {
  const ind = new Bollinger(period, k);
  const n = values.length;
  const out = { middle: new Float64Array(n), upper: new Float64Array(n), lower: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    ind.update(values[i] as number);
    out.middle[i] = ind.middle;
    out.upper[i] = ind.upper;
    out.lower[i] = ind.lower;
  }
  return out;
}
