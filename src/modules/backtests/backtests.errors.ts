import { DomainError } from '../../domain/shared/domain-error';

export class InvalidBacktestRequestError extends DomainError {
  readonly code = 'INVALID_BACKTEST_REQUEST';
  readonly kind = 'validation';
}

export class BacktestNotFoundError extends DomainError {
  readonly code = 'BACKTEST_NOT_FOUND';
  readonly kind = 'not_found';
}

export class BacktestNotCompletedError extends DomainError {
  readonly code = 'BACKTEST_NOT_COMPLETED';
  readonly kind = 'conflict';
}
