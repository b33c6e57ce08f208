import { DomainError } from '../shared/domain-error';

export interface AccountFieldViolation {
  readonly field: string;
  readonly message: string;
}

/** Bad input when opening an account (400). */
export class InvalidAccountError extends DomainError {
  readonly code = 'INVALID_ACCOUNT';
  readonly kind = 'validation';

  constructor(readonly violations: readonly AccountFieldViolation[]) {
    const first = violations[0];
    super(first === undefined ? 'Invalid account' : `${first.field}: ${first.message}`, {
      field: first?.field ?? null,
      violations: violations.map((v) => ({ ...v })),
    });
  }
}

/** No account with this id (404; 400 where the account is a field of another request). */
export class AccountNotFoundError extends DomainError {
  readonly code = 'ACCOUNT_NOT_FOUND';
  readonly kind = 'not_found';

  constructor(accountId: string) {
    super(`No account ${accountId}`, { accountId });
  }
}

/** An account id named in a request body that does not exist (400: the request is wrong). */
export class UnknownAccountError extends DomainError {
  readonly code = 'UNKNOWN_ACCOUNT';
  readonly kind = 'validation';

  constructor(accountId: string) {
    super(`No account ${accountId}`, { field: 'accountId', accountId });
  }
}

export class AccountExistsError extends DomainError {
  readonly code = 'ACCOUNT_EXISTS';
  readonly kind = 'conflict';

  constructor(accountId: string) {
    super(`Account ${accountId} exists already`, { accountId });
  }
}
