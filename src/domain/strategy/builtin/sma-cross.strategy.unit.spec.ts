import { StrategySession } from '../strategy-session';
import { createStrategy } from '../strategy-catalog';
import type { Candle, PlaceIntent, StrategySignal } from '../strategy.types';
import { smaCrossTarget } from './sma-cross.strategy';

const SYMBOL = 'BTC/USDT:USDT';
const candle = (i: number, close: number): Candle => ({
  symbol: SYMBOL,
  openTime: i * 60_000,
  closeTime: (i + 1) * 60_000,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
});

/** Feeds closes; fills every market order at the bar's close, as an instantaneous runner would. */
function run(params: object, closes: number[]): { bar: number; signal: StrategySignal }[] {
  const { strategy } = createStrategy('sma-cross', params, { symbols: [SYMBOL] });
  const session = new StrategySession(strategy, [SYMBOL]);
  const out: { bar: number; signal: StrategySignal }[] = [];
  closes.forEach((close, bar) => {
    for (const signal of session.candle(candle(bar, close), (bar + 1) * 60_000)) {
      out.push({ bar, signal });
      const intent = signal.intent as PlaceIntent;
      session.fill(
        {
          ref: intent.ref,
          fillId: `f${bar}`,
          at: 0,
          symbol: SYMBOL,
          side: intent.side,
          price: close,
          quantity: intent.quantity,
          fee: 0,
          remaining: 0,
        },
        (bar + 1) * 60_000,
      );
    }
  });
  return out;
}

// closes        10    11    12    11     10   9      10     12
// SMA2 (fast)    -  10.5  11.5  11.5   10.5  9.5    9.5    11
// SMA3 (slow)    -     -    11  11.33    11   10   9.667  10.333
// bar 3: first bar with both, fast above slow already: no cross, no order
// bar 4: 11.5 >= 11.33 then 10.5 < 11: cross down
// bar 7: 9.5 <= 9.667 then 11 > 10.333: cross up
const closes = [10, 11, 12, 11, 10, 9, 10, 12];

describe('sma-cross decisions', () => {
  it('long-flat: the cross down while flat asks for nothing, the cross up buys the size', () => {
    const signals = run({ fast: 2, slow: 3, quantity: 0.5 }, closes);
    expect(signals.map(({ bar, signal }) => [bar, signal.name, signal.intent])).toEqual([
      [
        7,
        'sma-cross.go-long',
        { kind: 'place', ref: 's1', orderType: 'market', symbol: SYMBOL, side: 'buy', quantity: 0.5 },
      ],
    ]);
    // the inputs an auditor sees: the averages before and after the bar, the close, the position
    expect(signals[0]?.signal.inputs).toEqual({
      close: 12,
      candleOpenTime: 7 * 60_000,
      prevFast: 9.5,
      prevSlow: 29 / 3,
      fast: 11,
      slow: 31 / 3,
      position: 0,
      target: 1,
    });
  });

  it('long-short: short 1 on the cross down, then buy 2 to flip long on the cross up', () => {
    const signals = run({ fast: 2, slow: 3, mode: 'long-short', quantity: 1 }, closes);
    expect(
      signals.map(({ bar, signal }) => [
        bar,
        signal.name,
        (signal.intent as PlaceIntent).side,
        (signal.intent as PlaceIntent).quantity,
      ]),
    ).toEqual([
      [4, 'sma-cross.go-short', 'sell', 1],
      [7, 'sma-cross.go-long', 'buy', 2], // 1 * 1 - (-1) = 2
    ]);
  });

  it('the pure decision: a target only on a cross, nothing while warming up', () => {
    expect(smaCrossTarget(NaN, 10, 11, 10, 'long-flat')).toBeUndefined();
    expect(smaCrossTarget(10, 10, 10.1, 10, 'long-flat')).toBe(1); // from equal to above counts
    expect(smaCrossTarget(11, 10, 12, 10, 'long-flat')).toBeUndefined(); // already above
    expect(smaCrossTarget(10, 10, 9, 10, 'long-flat')).toBe(0);
    expect(smaCrossTarget(10, 10, 9, 10, 'long-short')).toBe(-1);
  });

  it('refuses fast >= slow on create', () => {
    expect(() => createStrategy('sma-cross', { fast: 30, slow: 30 }, { symbols: [SYMBOL] })).toThrow(
      'fast (30) must be below slow (30)',
    );
  });
});
