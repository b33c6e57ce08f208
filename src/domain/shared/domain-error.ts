/**
 * The base of every typed error that domain code raises. The code is SNAKE_CASE and stable: the one
 * exception filter maps each kind to an HTTP status and puts the code on the wire.
 */
export type DomainErrorKind =
  | 'validation' // 400
  | 'not_found' // 404
  | 'conflict' // 409: version conflict, invalid transition
  | 'refused' // 422: a business rule refused the command (risk, insufficient funds)
  | 'rate_limited' // 429
  | 'unavailable'; // 503

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;

  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
