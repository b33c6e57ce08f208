import { DomainError } from '../../domain/shared/domain-error';

/** The venue (or the registry) has no such exchange or symbol, or no such timeframe: 400. */
export class BadSymbolError extends DomainError {
  readonly code = 'BAD_SYMBOL';
  readonly kind = 'validation';
}

export class UnknownExchangeError extends DomainError {
  readonly code = 'UNKNOWN_EXCHANGE';
  readonly kind = 'validation';
}

/** The venue refused the request as malformed (bad parameters): 400. */
export class VenueBadRequestError extends DomainError {
  readonly code = 'BAD_REQUEST';
  readonly kind = 'validation';
}

/** Not enough balance or margin at the venue: 422. */
export class InsufficientFundsError extends DomainError {
  readonly code = 'INSUFFICIENT_FUNDS';
  readonly kind = 'refused';
}

/** The venue refused an order for a business reason (post-only would cross, reduce-only ...): 422. */
export class OrderRejectedByVenueError extends DomainError {
  readonly code = 'VENUE_REJECTED';
  readonly kind = 'refused';
}

/** The venue rate-limited us; details.retryAfterSeconds becomes Retry-After: 429. */
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  readonly kind = 'rate_limited';
}

/** The venue is down, unreachable or timed out: 503. */
export class VenueUnavailableError extends DomainError {
  readonly code = 'VENUE_UNAVAILABLE';
  readonly kind = 'unavailable';
}

/** The venue answered with data we cannot trust (malformed, inconsistent): 503. */
export class VenueDataError extends DomainError {
  readonly code = 'VENUE_DATA_ERROR';
  readonly kind = 'unavailable';
}

/** The venue has no such order (never placed, or placed by another account): 404. */
export class OrderNotFoundError extends DomainError {
  readonly code = 'ORDER_NOT_FOUND';
  readonly kind = 'not_found';
}
