import fc from 'fast-check';
import { Dec } from '../shared/decimal';
import { ceilDiv, fromScaled, roundToScaled, toScaledInt } from './fixed-point';

describe('fixed-point', () => {
  it.each([
    ['61234.5', 1, 612345],
    ['61234.5', 3, 61234500],
    ['0.001', 3, 1],
    ['-0.25', 2, -25],
    ['0', 8, 0],
    ['123456789.1234567', 7, 1234567891234567],
    ['12000000', 0, 12000000],
  ])('toScaledInt(%s, %i) = %i', (value, dp, expected) => {
    expect(toScaledInt(new Dec(value), dp)).toBe(expected);
  });

  it.each([
    ['0.05', 1],
    ['1.0005', 3],
    ['123456789012345678', 2],
  ])('toScaledInt(%s, %i) is undefined: not exact or not safe', (value, dp) => {
    expect(toScaledInt(new Dec(value), dp)).toBeUndefined();
  });

  it('agrees with decimal.js for any decimal', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 8 }), (units, dp) => {
        const value = new Dec(units).div(new Dec(10).pow(dp));
        expect(toScaledInt(value, dp)).toBe(units);
        expect(fromScaled(units, dp).eq(value)).toBe(true);
        expect(fromScaled(BigInt(units), dp).eq(value)).toBe(true);
      }),
    );
  });

  it('rounds half to even when scaling a finer Dec', () => {
    expect(roundToScaled(new Dec('0.125'), 2)).toBe(12n);
    expect(roundToScaled(new Dec('-0.135'), 2)).toBe(-14n);
  });

  it('ceilDiv rounds up positive quotients only', () => {
    expect(ceilDiv(7n, 2n)).toBe(4n);
    expect(ceilDiv(6n, 2n)).toBe(3n);
    expect(ceilDiv(0n, 5n)).toBe(0n);
  });
});
