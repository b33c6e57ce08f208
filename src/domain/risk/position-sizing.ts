import type { Instrument } from '../matching';
import { Dec, floorToStep, toWire } from '../shared/decimal';
import { InvalidRiskInputError, PositionSizeTooSmallError, type RiskFieldViolation } from './risk.errors';

export interface SizingInput {
  readonly equity: Dec;
  readonly riskPct: Dec; // of equity lost if the stop is hit, e.g. 1 = 1%
  readonly entryPrice: Dec;
  readonly stopPrice: Dec;
  readonly instrument: Instrument;
}

export interface SizingResult {
  readonly quantity: Dec; // rounded DOWN to the lot size
  readonly riskAmount: Dec; // equity * riskPct / 100
  readonly stopDistance: Dec;
  readonly riskAtStop: Dec; // quantity * stopDistance <= riskAmount
}

/**
 * Position sizing: risk % of equity over the stop distance, rounded down to the lot so the loss at
 * the stop never exceeds the budget; refused (422) when that rounds below the minimum quantity.
 */
export function sizePosition(input: SizingInput): SizingResult {
  const violations: RiskFieldViolation[] = [];
  if (!input.equity.gt(0)) violations.push({ field: 'equity', message: 'must be positive' });
  if (!input.riskPct.gt(0) || input.riskPct.gt(100))
    violations.push({ field: 'riskPct', message: 'must be in (0, 100]' });
  if (!input.entryPrice.gt(0)) violations.push({ field: 'entryPrice', message: 'must be positive' });
  if (!input.stopPrice.gt(0)) violations.push({ field: 'stopPrice', message: 'must be positive' });
  else if (input.stopPrice.eq(input.entryPrice))
    violations.push({ field: 'stopPrice', message: 'must differ from the entry' });
  if (violations.length > 0) throw new InvalidRiskInputError(violations);

  const riskAmount = input.equity.mul(input.riskPct).div(100);
  const stopDistance = input.entryPrice.minus(input.stopPrice).abs();
  const unrounded = riskAmount.div(stopDistance);
  const quantity = floorToStep(unrounded, input.instrument.lotSize);
  if (quantity.lt(input.instrument.minQuantity) || quantity.isZero()) {
    throw new PositionSizeTooSmallError(
      toWire(quantity),
      toWire(input.instrument.minQuantity),
      toWire(unrounded),
    );
  }
  return { quantity, riskAmount, stopDistance, riskAtStop: quantity.mul(stopDistance) };
}
