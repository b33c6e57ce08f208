import { Dec, isDecimalString } from '../shared/decimal';
import { InvalidRiskInputError, type RiskFieldViolation } from './risk.errors';

/**
 * An account's risk policy as stored and served (`GET/PUT /v1/accounts/{id}/risk-policy`): plain JSON,
 * decimal strings, null = no limit. Notionals are in the account's quote currency.
 */
export interface RiskPolicy {
  readonly maxOrderNotional: string | null;
  readonly maxPositionNotional: string | null; // per symbol, at the mark
  readonly maxGrossExposure: string | null; // sum of |position| * mark over symbols
  readonly maxOpenOrders: number | null;
  readonly maxDailyLoss: string | null; // start-of-day equity - equity
  readonly maxDrawdownPct: string | null; // (peak - equity) / peak * 100
  readonly priceBandPct: string | null; // |price - mark| / mark * 100 (fat finger)
  readonly maxOrdersPerSecond: number | null;
  readonly allowedSymbols: readonly string[] | null;
  readonly flattenOnLossBreach: boolean; // what the loss monitor asks of the kill switch
}

export const UNLIMITED_POLICY: RiskPolicy = {
  maxOrderNotional: null,
  maxPositionNotional: null,
  maxGrossExposure: null,
  maxOpenOrders: null,
  maxDailyLoss: null,
  maxDrawdownPct: null,
  priceBandPct: null,
  maxOrdersPerSecond: null,
  allowedSymbols: null,
  flattenOnLossBreach: false,
};

const DECIMAL_LIMITS = [
  'maxOrderNotional',
  'maxPositionNotional',
  'maxGrossExposure',
  'maxDailyLoss',
  'maxDrawdownPct',
  'priceBandPct',
] as const;
const COUNT_LIMITS = ['maxOpenOrders', 'maxOrdersPerSecond'] as const;

/** Throws InvalidRiskInputError (400) naming every bad field; percentages are at most 100. */
export function validateRiskPolicy(policy: RiskPolicy): RiskPolicy {
  const violations: RiskFieldViolation[] = [];
  for (const field of DECIMAL_LIMITS) {
    const value = policy[field];
    if (value === null) continue;
    if (!isDecimalString(value) || !new Dec(value).gt(0)) {
      violations.push({
        field,
        message: `${JSON.stringify(value)} must be a positive decimal string or null`,
      });
    } else if (field.endsWith('Pct') && new Dec(value).gt(100)) {
      violations.push({ field, message: `${value} is more than 100 percent` });
    }
  }
  for (const field of COUNT_LIMITS) {
    const value = policy[field];
    if (value !== null && (!Number.isSafeInteger(value) || value < 0)) {
      violations.push({
        field,
        message: `${value} must be a non-negative safe integer (at most ${Number.MAX_SAFE_INTEGER}) or null`,
      });
    }
  }
  if (policy.allowedSymbols !== null && policy.allowedSymbols.some((s) => s.trim() === '')) {
    violations.push({ field: 'allowedSymbols', message: 'symbols must not be empty' });
  }
  if (violations.length > 0) throw new InvalidRiskInputError(violations);
  return policy;
}

export function limitOf(value: string | null): Dec | null {
  return value === null ? null : new Dec(value);
}
