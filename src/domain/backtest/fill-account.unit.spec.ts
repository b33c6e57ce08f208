import fc from 'fast-check';
import { roundToScaled } from '../matching/fixed-point';
import { compileInstrument } from '../matching/instrument-spec';
import { decOf } from '../strategy';
import { btc } from './backtest.testing';
import { FillAccount } from './fill-account';

const account = (): FillAccount =>
  new FillAccount(compileInstrument(btc), {
    makerFeeRate: '0.0002',
    takerFeeRate: '0.0005',
    initialBalance: '1000000',
    leverage: 1,
  });

describe('fill account: the engine formulas in integers', () => {
  it('funding equals the engine Dec formula for any position, mark and rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5_000_000, max: 5_000_000 }).filter((l) => l !== 0),
        fc.double({ min: 0.0001, max: 1e7, noNaN: true }),
        fc.double({ min: -0.01, max: 0.01, noNaN: true }),
        (lots, mark, rate) => {
          const a = account();
          // a position of `lots` lots at tick 1000 (100.0)
          a.fill(lots > 0, 1000, Math.abs(lots), 'taker');
          const quantity = btc.lotSize.mul(lots);
          const engine = roundToScaled(quantity.mul(decOf(mark)).mul(decOf(rate)).neg(), 24);
          expect(a.fundingFor(rate, mark)).toBe(engine);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('values the position at the mark as the engine does (margin check), for any mark', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-30, max: 1e9, noNaN: true }), fc.boolean(), (mark, long) => {
        const a = account();
        a.fill(long, 1000, 3, 'taker'); // 0.003 at 100.0
        // available = wallet + unrealized at mark - cost (leverage 1); the engine's mark per lot: decOf(mark) * lot
        const perLot = roundToScaled(decOf(mark).mul(btc.lotSize), 24);
        const cost = 300_000_000_000_000_000_000_000n; // 0.3
        const unrealized = long ? 3n * perLot - cost : cost - 3n * perLot;
        expect(a.available(mark)).toBe(a.wallet + unrealized - cost);
      }),
      { numRuns: 2000 },
    );
  });

  it('fee and realized PnL of a round trip, worked by hand', () => {
    const a = account();
    // buy 2.000 at 100.0: notional 200, taker fee 200 * 0.0005 = 0.1
    expect(a.fill(true, 1000, 2000, 'taker')).toEqual({
      fee: 100_000_000_000_000_000_000_000n,
      realized: 0n,
    });
    // sell 2.000 at 101.5 as maker: fee 203 * 0.0002 = 0.0406, realized 2 * 1.5 = 3
    expect(a.fill(false, 1015, 2000, 'maker')).toEqual({
      fee: 40_600_000_000_000_000_000_000n,
      realized: 3_000_000_000_000_000_000_000_000n,
    });
    // wallet 1,000,000 - 0.1 + 3 - 0.0406 = 1,000,002.8594
    expect(a.wallet).toBe(1_000_002_859_400_000_000_000_000_000_000n);
  });
});
