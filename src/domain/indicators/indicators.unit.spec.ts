import { atr, bollinger, ema, InvalidIndicatorPeriodError, macd, rsi, Sma, sma } from './index';

const closes = [1, 2, 3, 4, 5, 4, 3];
const expectSeries = (actual: Float64Array, expected: number[]): void => {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    if (Number.isNaN(e)) expect(actual[i]).toBeNaN();
    else expect(actual[i]).toBeCloseTo(e, 9);
  });
};

describe('indicators on a hand-worked series (closes 1 2 3 4 5 4 3)', () => {
  it('SMA(3)', () => {
    // (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+5)/3 = 4, (4+5+4)/3 = 13/3, (5+4+3)/3 = 4
    expectSeries(sma(closes, 3), [NaN, NaN, 2, 3, 4, 13 / 3, 4]);
  });

  it('EMA(3): alpha = 2 / 4 = 0.5, seeded with the SMA', () => {
    // seed 2; 2 + 0.5*(4-2) = 3; 3 + 0.5*(5-3) = 4; 4 + 0.5*(4-4) = 4; 4 + 0.5*(3-4) = 3.5
    expectSeries(ema(closes, 3), [NaN, NaN, 2, 3, 4, 4, 3.5]);
  });

  it("RSI(3), Wilder's smoothing", () => {
    // changes +1 +1 +1 | +1 | -1 | -1
    // i=3: gain (1+1+1)/3 = 1, loss 0 -> 100
    // i=4: gain (1*2+1)/3 = 1, loss 0 -> 100
    // i=5: gain (1*2+0)/3 = 2/3, loss (0*2+1)/3 = 1/3, RS 2 -> 100 - 100/3 = 66.667
    // i=6: gain (2/3*2)/3 = 4/9, loss (1/3*2+1)/3 = 5/9, RS 0.8 -> 100 - 100/1.8 = 44.444
    expectSeries(rsi(closes, 3), [NaN, NaN, NaN, 100, 100, 100 - 100 / 3, 100 - 100 / 1.8]);
  });

  it("ATR(3), Wilder's smoothing", () => {
    const high = [2, 3, 4, 3.5];
    const low = [1, 2, 2, 3];
    const close = [1.5, 2.5, 3, 3.2];
    // TR0 = 2-1 = 1; TR1 = max(1, |3-1.5|, |2-1.5|) = 1.5; TR2 = max(2, |4-2.5|, |2-2.5|) = 2
    // ATR2 = (1 + 1.5 + 2)/3 = 1.5; TR3 = max(0.5, |3.5-3|, |3-3|) = 0.5; ATR3 = (1.5*2 + 0.5)/3 = 7/6
    expectSeries(atr(high, low, close, 3), [NaN, NaN, 1.5, 7 / 6]);
  });

  it('Bollinger(3, 2) with the population standard deviation', () => {
    // window 1 2 3: mean 2, variance (1 + 0 + 1)/3 = 2/3, sigma 0.81650, upper 2 + 2*0.81650 = 3.63299
    const b = bollinger(closes, 3, 2);
    expect(b.middle[2]).toBeCloseTo(2, 9);
    expect(b.upper[2]).toBeCloseTo(2 + 2 * Math.sqrt(2 / 3), 9);
    expect(b.lower[2]).toBeCloseTo(2 - 2 * Math.sqrt(2 / 3), 9);
    // window 5 4 3: the same spread around 4
    expect(b.upper[6]).toBeCloseTo(4 + 2 * Math.sqrt(2 / 3), 9);
  });

  it('MACD(2, 3, 2)', () => {
    // EMA2 (alpha 2/3): 1.5, 2.5, 3.5, 4.5, 4.5 - 2/3*0.5 = 4.16667, 4.16667 - 2/3*1.16667 = 3.38889
    // EMA3: 2, 3, 4, 4, 3.5 from i=2 -> macd 0.5, 0.5, 0.5, 0.16667, -0.11111
    // signal (EMA2 of macd): seed (0.5+0.5)/2 = 0.5 at i=3; 0.5; 0.5 + 2/3*(0.16667-0.5) = 0.27778;
    //   0.27778 + 2/3*(-0.11111-0.27778) = 0.01852; histogram at i=6: -0.11111 - 0.01852 = -0.12963
    const m = macd(closes, 2, 3, 2);
    expectSeries(m.macd, [NaN, NaN, 0.5, 0.5, 0.5, 1 / 6, -1 / 9]);
    expectSeries(m.signal, [NaN, NaN, NaN, 0.5, 0.5, 5 / 18, 1 / 54]);
    expect(m.histogram[6]).toBeCloseTo(-1 / 9 - 1 / 54, 9);
  });

  it('refuses a period that is not a whole number of bars', () => {
    expect(() => new Sma(0)).toThrow(InvalidIndicatorPeriodError);
    expect(() => sma([1], 2.5)).toThrow(InvalidIndicatorPeriodError);
  });

  it('keeps the streaming SMA exact over a long series (the running sum is rebuilt)', () => {
    const s = new Sma(3);
    for (let i = 0; i < 100_000; i++) s.update(60_000 + (i % 7) * 0.1);
    // the last three values: i = 99997, 99998, 99999 -> (i % 7) = 2, 3, 4 -> mean 60000.3
    expect(s.value).toBeCloseTo(60_000.3, 9);
  });
});
