import fc from 'fast-check';
import { computeMetrics } from './backtest-metrics';

/** The textbook running-peak drawdown, one division per bar. */
function naiveMaxDrawdown(initial: number, equity: Float64Array): number {
  let peak = initial;
  let max = 0;
  for (const e of equity) {
    if (e > peak) peak = e;
    else if (peak > 0 && (peak - e) / peak > max) max = (peak - e) / peak;
  }
  return max;
}

describe('backtest metrics', () => {
  it('max drawdown: only a new low since the peak is divided, the same figure as every bar', () => {
    const curve = fc.array(fc.double({ min: 0, max: 2e6, noNaN: true }), { maxLength: 300 });
    fc.assert(
      fc.property(fc.double({ min: 1, max: 2e6, noNaN: true }), curve, (initial, values) => {
        const equity = Float64Array.from(values);
        const m = computeMetrics({
          initialEquity: initial,
          equity,
          timeframeMs: 60_000,
          barsInMarket: 0,
          trades: [],
          fees: '0',
          funding: '0',
          slippageCost: 0,
        });
        expect(m.maxDrawdown).toBe(naiveMaxDrawdown(initial, equity));
      }),
      { numRuns: 500 },
    );
  });
});
