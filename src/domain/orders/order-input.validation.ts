import type { Instrument } from '../matching';
import { Dec, decimalPlaces, isDecimalString, isMultipleOf } from '../shared/decimal';
import type { OrderFieldViolation } from './order.errors';

/** Collects field violations so one refusal names every bad field, not just the first. */
export class Violations {
  readonly list: OrderFieldViolation[] = [];

  add(field: string, problem: OrderFieldViolation['problem'], message: string): void {
    this.list.push({ field, problem, message });
  }
}

export type StepKind = 'price' | 'quantity';

/**
 * Prices and quantities below 10^15: with the step's decimals they stay far inside Dec's 40
 * significant digits, so filled + fill and remaining stay exact (past 40 digits Dec rounds).
 */
const MAX_STEPPED = new Dec('1e15');

/**
 * A decimal string that must be positive and sit on the instrument's tick (prices) or lot (quantities).
 * Returns the parsed value, or null after recording why not.
 */
export function parseStepped(
  violations: Violations,
  field: string,
  value: string,
  kind: StepKind,
  instrument: Instrument,
): Dec | null {
  if (!isDecimalString(value)) {
    violations.add(field, 'NOT_A_DECIMAL', `${JSON.stringify(value)} is not a decimal string`);
    return null;
  }
  const parsed = new Dec(value);
  if (!parsed.gt(0)) {
    violations.add(field, 'NOT_POSITIVE', `${value} must be greater than 0`);
    return null;
  }
  if (parsed.gte(MAX_STEPPED)) {
    violations.add(
      field,
      'TOO_LARGE',
      `${value.slice(0, 24)}${value.length > 24 ? '...' : ''} is 10^15 or more`,
    );
    return null;
  }
  const step = kind === 'price' ? instrument.tickSize : instrument.lotSize;
  if (decimalPlaces(value) > step.decimalPlaces() && !isMultipleOf(parsed, step)) {
    violations.add(field, 'TOO_MANY_DECIMALS', `${value} has more decimals than the step ${step.toFixed()}`);
    return null;
  }
  if (!isMultipleOf(parsed, step)) {
    const problem = kind === 'price' ? 'PRICE_OFF_TICK' : 'QUANTITY_OFF_LOT';
    violations.add(field, problem, `${value} is not a multiple of ${step.toFixed()}`);
    return null;
  }
  if (kind === 'quantity' && parsed.lt(instrument.minQuantity)) {
    violations.add(
      field,
      'BELOW_MIN_QUANTITY',
      `${value} is below the minimum ${instrument.minQuantity.toFixed()}`,
    );
    return null;
  }
  return parsed;
}

/** A decimal string of any sign (fees can be rebates). */
export function parseSigned(violations: Violations, field: string, value: string): Dec | null {
  if (!isDecimalString(value)) {
    violations.add(field, 'NOT_A_DECIMAL', `${JSON.stringify(value)} is not a decimal string`);
    return null;
  }
  return new Dec(value);
}

/** A decimal string > 0, no step (venue fill prices and quantities are taken as reported). */
export function parsePositive(violations: Violations, field: string, value: string): Dec | null {
  const parsed = parseSigned(violations, field, value);
  if (parsed !== null && !parsed.gt(0)) {
    violations.add(field, 'NOT_POSITIVE', `${value} must be greater than 0`);
    return null;
  }
  return parsed;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an ISO-8601 instant, or null when it is not one. */
export function instantOf(value: string): number | null {
  if (!ISO_INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
