import { Ema } from './ema.indicator';

export interface MacdValue {
  readonly macd: number;
  readonly signal: number;
  readonly histogram: number;
}

/**
 * MACD (default 12/26/9): macd = EMA(fast) - EMA(slow), defined from index slow - 1; signal =
 * EMA(signalPeriod) of the macd line (seeded by its first signalPeriod values, so defined from index
 * slow + signalPeriod - 2); histogram = macd - signal.
 */
export class Macd {
  macd = NaN;
  signal = NaN;
  histogram = NaN;
  private readonly fast: Ema;
  private readonly slow: Ema;
  private readonly signalEma: Ema;

  constructor(fast = 12, slow = 26, signal = 9) {
    this.fast = new Ema(fast);
    this.slow = new Ema(slow);
    this.signalEma = new Ema(signal);
  }

  get ready(): boolean {
    return this.signalEma.ready;
  }

  update(x: number): MacdValue {
    const f = this.fast.update(x);
    const s = this.slow.update(x);
    if (this.slow.ready && this.fast.ready) {
      this.macd = f - s;
      this.signal = this.signalEma.update(this.macd);
      this.histogram = this.macd - this.signal;
    }
    return { macd: this.macd, signal: this.signal, histogram: this.histogram };
  }
}

export interface MacdSeries {
  readonly macd: Float64Array;
  readonly signal: Float64Array;
  readonly histogram: Float64Array;
}

export function macd(values: ArrayLike<number>, fast = 12, slow = 26, signal = 9): MacdSeries {
  const ind = new Macd(fast, slow, signal);
  const n = values.length;
  const out = { macd: new Float64Array(n), signal: new Float64Array(n), histogram: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    ind.update(values[i] as number);
    out.macd[i] = ind.macd;
    out.signal[i] = ind.signal;
    out.histogram[i] = ind.histogram;
  }
  return out;
}
