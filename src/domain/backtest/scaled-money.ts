/**
 * Money in the backtester's fill path: bigint units of 10^-24 (the matching engine's MONEY_DP), so
 * the ledger is exact without decimal.js per fill. Decimals appear only when a result is written.
 */
export const MONEY_DP = 24;
const POW10N: readonly bigint[] = Array.from({ length: 49 }, (_, i) => 10n ** BigInt(i));
export const MONEY_SCALE = pow10(MONEY_DP);
const WIRE_DP = 8;
const WIRE_SCALE = pow10(WIRE_DP);
const E16 = pow10(MONEY_DP - WIRE_DP); // money units per 10^-8
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

export function pow10(exponent: number): bigint {
  const p = POW10N[exponent];
  if (p === undefined) throw new RangeError(`10^${exponent} is out of range`);
  return p;
}

/** Money units as the nearest float (the same number Dec#toNumber gives: a correctly rounded parse). */
export function moneyToNumber(units: bigint): number {
  if (units === 0n) return 0;
  // At most 8 decimals (fees and PnL at tick and lot sizes usually are): q / 10^8 with q and 10^8
  // both exact doubles is one correctly rounded division, the same double as parsing the decimal.
  const q = units / E16;
  if (q * E16 === units && q <= MAX_SAFE && q >= -MAX_SAFE) return Number(q) / 1e8;
  return Number(`${units}e-${MONEY_DP}`);
}

/** An integer count of 10^-dp as a plain decimal string without trailing zeros (toWire's form). */
export function scaledToWire(units: bigint | number, dp: number): string {
  if (units === 0n || units === 0) return '0';
  if (typeof units === 'number' && dp <= 22 && Number.isSafeInteger(units)) return smallToWire(units, dp);
  // a small bigint writes faster as a number (same digits)
  if (typeof units === 'bigint' && dp <= 22 && units <= MAX_SAFE && units >= -MAX_SAFE) {
    return smallToWire(Number(units), dp);
  }
  const negative = units < 0;
  let digits = (negative ? -units : units).toString();
  if (dp > 0) {
    digits = digits.padStart(dp + 1, '0');
    let fraction = digits.slice(digits.length - dp);
    const whole = digits.slice(0, digits.length - dp);
    let end = fraction.length;
    while (end > 0 && fraction.charCodeAt(end - 1) === 48) end--;
    fraction = fraction.slice(0, end);
    digits = fraction.length === 0 ? whole : `${whole}.${fraction}`;
  }
  return negative ? `-${digits}` : digits;
}

/** scaledToWire for a safe integer and 10^dp exact as a double: whole and fraction by arithmetic. */
function smallToWire(units: number, dp: number): string {
  const abs = units < 0 ? -units : units;
  const scale = POW10[dp] as number;
  let whole = Math.floor(abs / scale);
  let fraction = abs - whole * scale; // exact: both are safe integers
  if (fraction < 0) {
    whole -= 1;
    fraction += scale;
  } else if (fraction >= scale) {
    whole += 1;
    fraction -= scale;
  }
  let text = String(whole);
  if (fraction !== 0) {
    if (dp <= 15) {
      // 10^dp + fraction is exact: "1" then the fraction's dp digits, zero-padded
      const digits = String(scale + fraction);
      let end = digits.length;
      while (digits.charCodeAt(end - 1) === 48) end--;
      text = `${text}.${digits.slice(1, end)}`;
    } else {
      let digits = dp;
      while (fraction % 10 === 0) {
        fraction /= 10;
        digits--;
      }
      text = `${text}.${String(fraction).padStart(digits, '0')}`;
    }
  }
  return units < 0 ? `-${text}` : text;
}

/**
 * num / den rounded half-even to 8 decimals, written as toWire writes Dec#toDecimalPlaces(8): the
 * exact rational, so it equals decimal.js (40 significant digits) on every value a ledger produces.
 */
export function ratioToWire(num: bigint, den: bigint): string {
  if (den < 0n) return ratioToWire(-num, -den);
  if (den === MONEY_SCALE) return moneyToWire(num);
  return roundedToWire(num * WIRE_SCALE, den);
}

/** scaled / den (den > 0) rounded half-even to an integer of 10^-8, written. */
function roundedToWire(scaled: bigint, den: bigint): string {
  let q = scaled / den;
  const r = scaled - q * den;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > den || (twice === den && (q & 1n) !== 0n)) q += r < 0n ? -1n : 1n;
  return scaledToWire(q, WIRE_DP);
}

/** Money units rounded half-even to 8 decimals, as a wire string. */
export function moneyToWire(units: bigint): string {
  if (units === 0n) return '0';
  const q = units / E16;
  if (q * E16 === units) {
    // already on the 10^-8 grid: nothing to round
    return q <= MAX_SAFE && q >= -MAX_SAFE ? smallToWire(Number(q), WIRE_DP) : scaledToWire(q, WIRE_DP);
  }
  return roundedToWire(units * WIRE_SCALE, MONEY_SCALE);
}

/** Money units over `den` (a fraction of a unit, e.g. a flip's share of a fee), as moneyToWire writes it. */
export function moneyRatioToWire(num: bigint, den: bigint): string {
  if (den === 1n) return moneyToWire(num);
  const q = num / den;
  if (q * den === num) return moneyToWire(q); // a whole number of units: the common case
  return ratioToWire(num, den * MONEY_SCALE);
}
