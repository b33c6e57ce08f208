import fc from 'fast-check';
import type { BacktestTrade } from './backtest.types';
import { sumNetPnl } from './net-pnl-sums';
import { scaledToWire } from './scaled-money';

const trade = (netPnl: string): BacktestTrade => ({ netPnl }) as unknown as BacktestTrade;

describe('net PnL sums: exact in 10^-8 units whatever the size', () => {
  it('equals bigint sums for small, huge and mixed net PnL strings', () => {
    const units = fc.oneof(
      fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
      fc.constantFrom(2n ** 53n, -(2n ** 53n), 2n ** 53n - 1n, 4_503_599_627_370_496n),
    );
    fc.assert(
      fc.property(fc.array(units, { maxLength: 60 }), (values) => {
        let wins = 0;
        let grossWin = 0n;
        let grossLoss = 0n;
        for (const v of values) {
          if (v > 0n) {
            wins++;
            grossWin += v;
          } else if (v < 0n) grossLoss -= v;
        }
        const sums = sumNetPnl(values.map((v) => trade(scaledToWire(v, 8))));
        expect(sums).toEqual({ count: values.length, wins, grossWin, grossLoss });
      }),
      { numRuns: 500 },
    );
  });

  it('reads the forms a decimal string can take', () => {
    const sums = sumNetPnl(['1.5', '-0.00000001', '-0', '12', '0.1234567891'].map(trade));
    expect(sums).toEqual({ count: 5, wins: 3, grossWin: 1_362_345_679n, grossLoss: 1n });
  });
});
