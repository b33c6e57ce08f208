import fc from 'fast-check';
import { LedgerUnits } from './ledger-units';
import { moneyRatioToWire } from './scaled-money';

describe('ledger units: money as safe-integer numbers, written as the 10^-24 bigints are', () => {
  it('converts money units exactly, and refuses what is not a whole safe number of units', () => {
    const u = new LedgerUnits(1, 3); // 10^-12
    expect(u.of(2_106_170_000_000_000_000_000_000n)).toBe(2_106_170_000_000); // 2.10617
    expect(u.of(1n)).toBeNaN(); // 10^-24: below the unit
    expect(u.of(10n ** 12n * BigInt(Number.MAX_SAFE_INTEGER) * 2n)).toBeNaN();
    expect(u.toMoney(-5)).toBe(-5_000_000_000_000n);
  });

  it('rounds num / den half-even to 8 decimals exactly as moneyRatioToWire does', () => {
    const dps = fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }));
    const num = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });
    const den = fc.integer({ min: 1, max: 400 });
    fc.assert(
      fc.property(dps, num, den, ([tickDp, lotDp], n, d) => {
        const u = new LedgerUnits(tickDp, lotDp);
        const expected = moneyRatioToWire(u.toMoney(n), BigInt(d));
        expect(u.ratioToWire(n, d) ?? expected).toBe(expected);
      }),
    );
    const u = new LedgerUnits(1, 3);
    expect(u.ratioToWire(5_000, 1)).toBe('0'); // 0.000000005: a tie, to even
    expect(u.ratioToWire(15_000, 1)).toBe('0.00000002');
    expect(u.ratioToWire(-15_000, 1)).toBe('-0.00000002');
    expect(u.ratioToWire(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toBeUndefined();
  });
});
