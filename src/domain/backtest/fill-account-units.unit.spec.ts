import fc from 'fast-check';
import { compileInstrument } from '../matching/instrument-spec';
import { btc } from './backtest.testing';
import { FillAccount } from './fill-account';

const account = (): FillAccount =>
  new FillAccount(compileInstrument(btc), {
    makerFeeRate: '-0.0001', // a rebate: negative fees stay exact too
    takerFeeRate: '0.0005',
    initialBalance: '1000000',
    leverage: 1,
  });

describe('fill account in units: the same figures as the bigint formulas', () => {
  it('books any fill sequence as fill() does (or declines it, and fill() books it)', () => {
    const fillArb = fc.record({
      isBuy: fc.boolean(),
      ticks: fc.integer({ min: 1, max: 2_000_000 }),
      lots: fc.integer({ min: 1, max: 50_000 }),
      maker: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(fillArb, { maxLength: 40 }), (fills) => {
        const big = account();
        const small = account();
        for (const f of fills) {
          const liquidity = f.maker ? 'maker' : 'taker';
          const expected = big.fill(f.isBuy, f.ticks, f.lots, liquidity);
          if (small.fillInUnits(f.isBuy, f.ticks, f.lots, liquidity)) {
            expect(small.units.toMoney(small.lastFee)).toBe(expected.fee);
            expect(small.units.toMoney(small.lastRealized)).toBe(expected.realized);
          } else {
            expect(small.fill(f.isBuy, f.ticks, f.lots, liquidity)).toEqual(expected);
          }
          expect(small.position.lots).toBe(big.position.lots);
          expect(small.wallet).toBe(big.wallet);
          expect(small.fees).toBe(big.fees);
          expect(small.available(123.4)).toBe(big.available(123.4));
        }
      }),
      { numRuns: 500 },
    );
  });
});
