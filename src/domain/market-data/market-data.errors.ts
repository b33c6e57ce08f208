import { DomainError } from '../shared/domain-error';

/** `since` is not a whole, non-negative number of ms, or lies in the future: 400. */
export class BadSinceError extends DomainError {
  readonly code = 'BAD_SINCE';
  readonly kind = 'validation';
}

/** `limit` is not a whole number within the operation's bounds: 400. */
export class BadLimitError extends DomainError {
  readonly code = 'BAD_LIMIT';
  readonly kind = 'validation';
}

/** The timeframe is malformed, or the venue does not serve it: 400. */
export class BadTimeframeError extends DomainError {
  readonly code = 'BAD_TIMEFRAME';
  readonly kind = 'validation';
}

/** The symbol is not a plausible market symbol at all (the venue is not asked): 400. */
export class MalformedSymbolError extends DomainError {
  readonly code = 'BAD_SYMBOL';
  readonly kind = 'validation';
}

/** No warmup has this id (on this instance): 404. */
export class WarmupNotFoundError extends DomainError {
  readonly code = 'WARMUP_NOT_FOUND';
  readonly kind = 'not_found';
}
