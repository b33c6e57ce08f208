import fc from 'fast-check';
import { atr, bollinger, ema, macd, rsi, sma } from './index';
import { refAtr, refBollinger, refEma, refMacd, refRsi, refSma } from './reference-indicators.testing';

/** Equal within 1e-9 relative (or absolute near zero); NaN where the reference is NaN. */
function agree(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] ?? NaN;
    const a = actual[i] ?? NaN;
    if (Number.isNaN(e)) {
      expect(a).toBeNaN();
      continue;
    }
    const tolerance = 1e-9 * Math.max(1, Math.abs(e));
    if (Math.abs(a - e) > tolerance) throw new Error(`index ${i}: ${a} != ${e}`);
  }
}

// prices on a 0.01 grid, as venues quote them (sub-ulp noise would only test float rounding)
const price = fc.integer({ min: 100, max: 10_000_000 }).map((cents) => cents / 100);
const series = fc.array(price, { minLength: 0, maxLength: 80 });
const period = fc.integer({ min: 1, max: 20 });
const bars = fc.array(
  fc.tuple(price, fc.double({ min: 0, max: 0.05, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
  { maxLength: 60 },
);

describe('indicators against the naive reference on random series', () => {
  it('SMA', () => fc.assert(fc.property(series, period, (xs, n) => agree(sma(xs, n), refSma(xs, n)))));

  it('EMA', () => fc.assert(fc.property(series, period, (xs, n) => agree(ema(xs, n), refEma(xs, n)))));

  it('RSI', () => fc.assert(fc.property(series, period, (xs, n) => agree(rsi(xs, n), refRsi(xs, n)))));

  it('ATR', () =>
    fc.assert(
      fc.property(bars, period, (raw, n) => {
        // a bar from (low, range fraction, where the close sits in the range)
        const low = raw.map(([l]) => l);
        const high = raw.map(([l, r]) => l * (1 + r));
        const close = raw.map(([l, r, at]) => l + l * r * at);
        agree(atr(high, low, close, n), refAtr(high, low, close, n));
      }),
    ));

  it('Bollinger', () =>
    fc.assert(
      fc.property(series, period, fc.constantFrom(1, 2, 2.5), (xs, n, k) => {
        const b = bollinger(xs, n, k);
        const r = refBollinger(xs, n, k);
        agree(b.middle, r.middle);
        // sigma is a difference of large sums: compare bands at the price's scale
        agree(b.upper, r.upper);
        agree(b.lower, r.lower);
      }),
    ));

  it('MACD 12/26/9 and random periods', () =>
    fc.assert(
      fc.property(
        fc.array(price, { minLength: 0, maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 9 }),
        (xs, f, extra, s) => {
          for (const [fast, slow, signal] of [
            [12, 26, 9],
            [f, f + extra, s],
          ] as const) {
            const m = macd(xs, fast, slow, signal);
            const r = refMacd(xs, fast, slow, signal);
            agree(m.macd, r.macd);
            agree(m.signal, r.signal);
            agree(m.histogram, r.histogram);
          }
        },
      ),
    ));
});
