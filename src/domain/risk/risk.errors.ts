import { DomainError } from '../shared/domain-error';
import type { RiskViolation } from './risk-violation';

/** The pre-trade check refused the order (422): details name each rule, its limit and the value. */
export class RiskRejectedError extends DomainError {
  readonly code = 'RISK_REJECTED';
  readonly kind = 'refused';

  constructor(readonly violations: readonly RiskViolation[]) {
    super(`Refused by risk: ${violations.map((v) => v.rule).join(', ')}`, {
      violations: violations.map((v) => ({ ...v })),
    });
  }
}

export interface RiskFieldViolation {
  readonly field: string;
  readonly message: string;
}

/** A risk policy or sizing input that is malformed (400). */
export class InvalidRiskInputError extends DomainError {
  readonly code = 'INVALID_RISK_INPUT';
  readonly kind = 'validation';

  constructor(readonly violations: readonly RiskFieldViolation[]) {
    const first = violations[0];
    super(first === undefined ? 'Invalid risk input' : `${first.field}: ${first.message}`, {
      field: first?.field ?? null,
      violations: violations.map((v) => ({ ...v })),
    });
  }
}

/** A kill-switch or risk-mode command the account's risk state does not allow (409). */
export class InvalidRiskStateTransitionError extends DomainError {
  readonly code = 'INVALID_RISK_STATE_TRANSITION';
  readonly kind = 'conflict';

  constructor(accountId: string, status: string, command: string, reason: string) {
    super(`Account ${accountId} is ${status}: ${command} refused (${reason})`, {
      accountId,
      status,
      command,
      reason,
    });
  }
}

/** The sized quantity rounds down below the instrument's minimum (422). */
export class PositionSizeTooSmallError extends DomainError {
  readonly code = 'POSITION_SIZE_TOO_SMALL';
  readonly kind = 'refused';

  constructor(quantity: string, minQuantity: string, unrounded: string) {
    super(`Sized quantity ${quantity} is below the minimum ${minQuantity}`, {
      quantity,
      minQuantity,
      unrounded,
    });
  }
}
