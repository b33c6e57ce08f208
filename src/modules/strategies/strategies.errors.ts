import { DomainError } from '../../domain/shared/domain-error';

/** A configuration that cannot run (copy-trader without a leader, ...): 400 naming each problem. */
export class InvalidStrategyConfigurationError extends DomainError {
  readonly code = 'INVALID_STRATEGY_CONFIGURATION';
  readonly kind = 'validation' as const;
}

/** Paper trading runs on sim accounts (the matching engine against the sim venue's live book). */
export class PaperTradingUnavailableError extends DomainError {
  readonly code = 'PAPER_TRADING_UNAVAILABLE';
  readonly kind = 'refused' as const;
}
