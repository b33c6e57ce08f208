import Decimal from 'decimal.js';

// Money and quantities are decimals in the domain and decimal strings on the wire, never binary floats.
export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Dec = Decimal;

const DECIMAL_STRING = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** True for a plain decimal string such as "12.50" or "-0.001" (no exponent, no leading zeros). */
export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_STRING.test(value);
}

export function dec(value: Decimal.Value): Dec {
  return new Dec(value);
}

/** The wire form: a plain decimal string without exponent or trailing zeros ("1.5", "0", "-0.25"). */
export function toWire(value: Dec): string {
  return value.isZero() ? '0' : value.toFixed();
}

/** Number of digits after the decimal point of a decimal string. */
export function decimalPlaces(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/** Rounds down to a multiple of step (lot size, tick size). */
export function floorToStep(value: Dec, step: Dec): Dec {
  return value.div(step).floor().mul(step);
}

export function isMultipleOf(value: Dec, step: Dec): boolean {
  return value.mod(step).isZero();
}
