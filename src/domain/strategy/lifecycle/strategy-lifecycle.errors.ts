import { DomainError } from '../../shared/domain-error';

export class StrategyNotFoundError extends DomainError {
  readonly code = 'STRATEGY_NOT_FOUND';
  readonly kind = 'not_found' as const;

  constructor(strategyId: string) {
    super(`no strategy ${strategyId}`, { strategyId });
  }
}

export class StrategyAlreadyExistsError extends DomainError {
  readonly code = 'STRATEGY_ALREADY_EXISTS';
  readonly kind = 'conflict' as const;
}

/** A command the strategy's status does not allow (start while running, reconfigure while running, ...). */
export class InvalidStrategyTransitionError extends DomainError {
  readonly code = 'INVALID_STRATEGY_TRANSITION';
  readonly kind = 'conflict' as const;
}
