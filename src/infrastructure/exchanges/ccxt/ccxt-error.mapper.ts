import ccxt, { type Exchange } from 'ccxt';
import { DomainError } from '../../../domain/shared/domain-error';
import {
  BadSymbolError,
  InsufficientFundsError,
  OrderRejectedByVenueError,
  RateLimitedError,
  VenueBadRequestError,
  VenueDataError,
  VenueUnavailableError,
} from '../exchange.errors';
import type { VenueProfile } from './venue-profile';

/** Replaces every secret value (and any `signature=` query value) in a text: errors get logged. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(/(signature=)[^&\s"]+/gi, '$1[redacted]');
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out;
}

/**
 * ccxt's error classes mapped once onto the port's typed errors. Order matters: ccxt's hierarchy
 * has RateLimitExceeded under NetworkError and InsufficientFunds/InvalidOrder under BadRequest's
 * siblings, so the more specific classes are tested first.
 */
export function toVenueError(
  error: unknown,
  context: { exchange: Exchange; profile: VenueProfile; secrets?: readonly string[] },
): Error {
  if (error instanceof DomainError) return error;
  const secrets = context.secrets ?? [];
  const message = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
  const details = { exchange: context.profile.id };
  if (error instanceof ccxt.BadSymbol) return new BadSymbolError(message, details);
  if (error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection) {
    return new RateLimitedError(message, { ...details, retryAfterSeconds: retryAfter(context) });
  }
  if (error instanceof ccxt.InsufficientFunds) return new InsufficientFundsError(message, details);
  if (error instanceof ccxt.OrderNotFillable || error instanceof ccxt.OrderImmediatelyFillable) {
    return new OrderRejectedByVenueError(message, details);
  }
  if (error instanceof ccxt.InvalidOrder || error instanceof ccxt.BadRequest) {
    return new VenueBadRequestError(message, details);
  }
  if (
    error instanceof ccxt.NetworkError ||
    error instanceof ccxt.ExchangeNotAvailable ||
    error instanceof ccxt.RequestTimeout
  ) {
    return new VenueUnavailableError(message, details);
  }
  if (error instanceof ccxt.BadResponse || error instanceof ccxt.NullResponse) {
    return new VenueDataError(message, details);
  }
  if (error instanceof ccxt.AuthenticationError || error instanceof ccxt.PermissionDenied) {
    return new VenueBadRequestError(message, { ...details, reason: 'authentication' });
  }
  if (error instanceof ccxt.NotSupported) return new VenueBadRequestError(message, details);
  return new VenueUnavailableError(message, details);
}

function retryAfter(context: { exchange: Exchange; profile: VenueProfile }): number {
  const raw: unknown = (context.exchange as unknown as { last_response_headers?: unknown })
    .last_response_headers;
  const headers: Record<string, string> = {};
  if (typeof raw === 'object' && raw !== null) {
    for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') headers[key] = value;
  }
  return context.profile.retryAfterSeconds?.(headers, Date.now()) ?? context.profile.defaultRetryAfterSeconds;
}
