import { checkPeriod } from './indicator-period';

/**
 * Simple moving average over the last `period` values, streaming: O(1) per update with a ring
 * buffer and a running sum. NaN until `period` values have been seen.
 *
 * The running sum is rebuilt from the window every `period * 64` updates, so float drift over a
 * year of minute bars stays at the level of one window's rounding.
 */
export class Sma {
  readonly period: number;
  value = NaN;
  private readonly window: Float64Array;
  private sum = 0;
  private count = 0;
  private next = 0;
  private sinceRebuild = 0;
  private readonly rebuildEvery: number;

  constructor(period: number) {
    this.period = checkPeriod('sma', period);
    this.window = new Float64Array(this.period);
    this.rebuildEvery = this.period * 64;
  }

  get ready(): boolean {
    return this.count >= this.period;
  }

  update(x: number): number {
    const w = this.window;
    const slot = this.next;
    // while filling, the slot holds 0 and sum - 0 is sum: the same figures as adding alone
    this.sum = this.sum - (w[slot] as number) + x;
    w[slot] = x;
    this.next = slot + 1 === this.period ? 0 : slot + 1;
    if (++this.sinceRebuild >= this.rebuildEvery) this.rebuild();
    if (this.count < this.period) this.count++;
    this.value = this.count === this.period ? this.sum / this.period : NaN;
    return this.value;
  }

  private rebuild(): void {
    let s = 0;
    for (let i = 0; i < this.count; i++) s += this.window[i] as number;
    this.sum = s;
    this.sinceRebuild = 0;
  }
}

/** Batch SMA: out[i] is the mean of values[i - period + 1 .. i], NaN before index period - 1. */
export function sma(values: ArrayLike<number>, period: number): Float64Array {
  const ind = new Sma(period);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = ind.update(values[i] as number);
  return out;
}
