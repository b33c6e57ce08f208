import { DomainError } from '../../domain/shared/domain-error';

export class InvalidAuditQueryError extends DomainError {
  readonly code = 'INVALID_AUDIT_QUERY';
  readonly kind = 'validation';
}

export class StreamNotFoundError extends DomainError {
  readonly code = 'STREAM_NOT_FOUND';
  readonly kind = 'not_found';

  constructor(streamId: string) {
    super(`No events in stream ${streamId}`, { streamId });
  }
}
