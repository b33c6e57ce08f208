import { DomainError } from '../shared/domain-error';

export class InvalidIndicatorPeriodError extends DomainError {
  readonly code = 'INVALID_INDICATOR_PERIOD';
  readonly kind = 'validation' as const;
}

/** Periods are whole bars: anything else is a caller's mistake, refused loudly. */
export function checkPeriod(name: string, period: number): number {
  if (!Number.isInteger(period) || period < 1) {
    throw new InvalidIndicatorPeriodError(`${name} period must be an integer >= 1, got ${period}`, {
      indicator: name,
      period,
    });
  }
  return period;
}
