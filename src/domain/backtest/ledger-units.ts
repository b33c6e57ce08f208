import { MONEY_DP, pow10, scaledToWire } from './scaled-money';

/**
 * Money as a plain number of 10^-dp, for an instrument whose fills are all whole units of it:
 * dp = tickDp + lotDp + 8 (a notional is ticks * lots at 10^-(tickDp + lotDp), a fee that times a
 * rate with 8 decimals). While a figure is a safe integer every sum and product of them is exact
 * (checked, never assumed), at a fraction of a 10^-24 bigint's cost. NaN marks "not exact here".
 */
export class LedgerUnits {
  readonly dp: number;
  private readonly perUnit: bigint; // 10^-24 money units in one unit
  private readonly wireDivisor: number; // units in one 10^-8, exact as a double (at most 10^16)
  private readonly scale: number; // 10^dp, exact while dp <= 22

  constructor(tickDp: number, lotDp: number) {
    this.dp = Math.min(MONEY_DP, tickDp + lotDp + 8);
    this.perUnit = pow10(MONEY_DP - this.dp);
    this.wireDivisor = 10 ** (this.dp - 8);
    this.scale = 10 ** this.dp;
  }

  /** Money units (10^-24) as units, NaN when they are not a whole safe number of them. */
  of(money: bigint): number {
    if (money === 0n) return 0;
    const q = money / this.perUnit;
    if (q * this.perUnit !== money) return NaN;
    const n = Number(q);
    return Number.isSafeInteger(n) ? n : NaN;
  }

  /** Units (a safe integer) back as money units, exactly. */
  toMoney(units: number): bigint {
    return BigInt(units) * this.perUnit;
  }

  /** Units (a safe integer) as the nearest float: one correctly rounded division while 10^dp is exact. */
  toNumber(units: number): number {
    return this.dp <= 22 ? units / this.scale : Number(`${units}e-${this.dp}`);
  }

  /**
   * num / den units (safe integers, den > 0) rounded half-even to 8 decimals and written as
   * moneyRatioToWire writes the same value; undefined when an intermediate would not be exact.
   */
  ratioToWire(num: number, den: number): string | undefined {
    const d = den * this.wireDivisor;
    if (!Number.isSafeInteger(num) || !Number.isSafeInteger(d) || d <= 0) return undefined;
    // For safe integers the float quotient truncates to the exact integer quotient (an error that
    // could cross an integer needs |num| > 2^53), so q and r are exact without fmod's library call.
    let q = Math.trunc(num / d);
    const r = num - q * d;
    if (r !== 0) {
      const twice = 2 * Math.abs(r);
      if (twice > d || (twice === d && q % 2 !== 0)) q += r < 0 ? -1 : 1;
    }
    return scaledToWire(q, 8);
  }
}

/** a + b, NaN unless both and the sum are safe integers (then the sum is exact). */
export function add(a: number, b: number): number {
  const s = a + b;
  return Number.isSafeInteger(s) && Number.isSafeInteger(a) && Number.isSafeInteger(b) ? s : NaN;
}

/** a * b, NaN unless both and the product are safe integers (then the product is exact). */
export function mul(a: number, b: number): number {
  const p = a * b;
  return Number.isSafeInteger(p) && Number.isSafeInteger(a) && Number.isSafeInteger(b) ? p : NaN;
}
