import { DomainError } from '../../domain/shared/domain-error';
import type { ExpectedVersion } from './event-store.types';

/** The stream moved since the writer read it: reload and decide again, or report a 409. */
export class WrongExpectedVersionError extends DomainError {
  readonly code = 'WRONG_EXPECTED_VERSION';
  readonly kind = 'conflict';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: bigint,
  ) {
    super(`Stream ${streamId} is at version ${actual}, the writer expected ${describe(expected)}`, {
      streamId,
      expected: describe(expected),
      actual: actual.toString(),
    });
  }
}

/** Some of the event ids were already used by different events: a client bug, never retried. */
export class DuplicateEventIdError extends DomainError {
  readonly code = 'DUPLICATE_EVENT_ID';
  readonly kind = 'conflict';

  constructor(streamId: string) {
    super(`Some event ids appended to ${streamId} already belong to other events`, { streamId });
  }
}

function describe(expected: ExpectedVersion): string {
  return expected.kind === 'exact' ? expected.version.toString() : expected.kind;
}

/** Event data holds text PostgreSQL cannot store (a NUL character, a lone surrogate): 400. */
export class UnstorableEventDataError extends DomainError {
  readonly code = 'UNSTORABLE_TEXT';
  readonly kind = 'validation';

  constructor(streamId: string) {
    super('The data holds text that cannot be stored (a NUL character or an unpaired surrogate)', {
      streamId,
    });
  }
}
