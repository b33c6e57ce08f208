import { DomainError } from '../shared/domain-error';

export class ApiKeyNotFoundError extends DomainError {
  readonly code = 'API_KEY_NOT_FOUND';
  readonly kind = 'not_found';

  constructor(keyId: string) {
    super(`No API key ${keyId}`, { keyId });
  }
}

export class ApiKeyAlreadyExistsError extends DomainError {
  readonly code = 'API_KEY_EXISTS';
  readonly kind = 'conflict';

  constructor(keyId: string) {
    super(`API key ${keyId} already exists`, { keyId });
  }
}

export class ApiKeyAlreadyRevokedError extends DomainError {
  readonly code = 'API_KEY_REVOKED';
  readonly kind = 'conflict';

  constructor(keyId: string) {
    super(`API key ${keyId} is already revoked`, { keyId });
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  readonly kind = 'rate_limited';

  constructor(scope: 'key' | 'ip', limitPerMinute: number, retryAfterSeconds: number) {
    super(`Rate limit of ${limitPerMinute} requests per minute per ${scope} exceeded`, {
      scope,
      limitPerMinute,
      retryAfterSeconds,
    });
  }
}
