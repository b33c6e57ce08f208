import type { BacktestJobResult } from './backtest-job';
import { MAX_CURVE_POINTS, sampleCurve } from './backtest-result.view';

const result = (equity: number[]): BacktestJobResult =>
  ({
    equity: { time: Float64Array.from(equity, (_, i) => i), equity: Float64Array.from(equity) },
  }) as unknown as BacktestJobResult;

describe('equity curve sampling', () => {
  it('keeps every bar of a short run, with the drawdown below the running peak', () => {
    // peak 110 at bar 1; bar 2: (110 - 99) / 110 = 0.1
    expect(sampleCurve(result([100, 110, 99, 120]), 100)).toEqual([
      { time: 0, equity: 100, drawdown: 0 },
      { time: 1, equity: 110, drawdown: 0 },
      { time: 2, equity: 99, drawdown: 0.1 },
      { time: 3, equity: 120, drawdown: 0 },
    ]);
  });

  it('samples a long run to at most MAX_CURVE_POINTS without losing the deepest drawdown or the last bar', () => {
    const equity = Array.from({ length: 100_001 }, () => 1000);
    equity[54_321] = 500; // one bar at -50 %, in the middle of a bucket
    const curve = sampleCurve(result(equity), 1000);
    expect(curve.length).toBeLessThanOrEqual(MAX_CURVE_POINTS + 1);
    expect(Math.max(...curve.map((p) => p.drawdown))).toBe(0.5);
    expect(curve.at(-1)).toEqual({ time: 100_000, equity: 1000, drawdown: 0 });
  });
});
