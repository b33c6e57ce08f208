import { checkPeriod } from './indicator-period';

/**
 * Wilder's RSI. Changes start at the second value; the first average gain and loss are the plain
 * means of the first `period` changes (so the first RSI is at index `period`), then Wilder's
 * smoothing avg = (prev * (period - 1) + current) / period.
 * RSI = 100 - 100 / (1 + avgGain / avgLoss); 100 when there was no loss, 50 when nothing moved.
 */
export class Rsi {
  readonly period: number;
  value = NaN;
  private prev = NaN;
  private changes = 0;
  private avgGain = 0;
  private avgLoss = 0;

  constructor(period: number) {
    this.period = checkPeriod('rsi', period);
  }

  get ready(): boolean {
    return this.changes >= this.period;
  }

  update(x: number): number {
    const prev = this.prev;
    this.prev = x;
    if (Number.isNaN(prev)) return this.value;
    const change = x - prev;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    const n = this.period;
    this.changes++;
    if (this.changes < n) {
      this.avgGain += gain;
      this.avgLoss += loss;
      return this.value;
    }
    if (this.changes === n) {
      this.avgGain = (this.avgGain + gain) / n;
      this.avgLoss = (this.avgLoss + loss) / n;
    } else {
      this.avgGain = (this.avgGain * (n - 1) + gain) / n;
      this.avgLoss = (this.avgLoss * (n - 1) + loss) / n;
    }
    this.value = rsiOf(this.avgGain, this.avgLoss);
    return this.value;
  }
}

function rsiOf(avgGain: number, avgLoss: number): number {
  if (avgLoss === 0) return avgGain === 0 ? 50 : 100;
  return 100 - 100 / (1 + avgGain / avgLoss);
}

export function rsi(values: ArrayLike<number>, period: number): Float64Array {
  const ind = new Rsi(period);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = ind.update(values[i] as number);
  return out;
}
