import { DomainError } from '../shared/domain-error';
import type { OrderStatus } from './order.types';

/** A command that the order's current status does not allow (409). */
export class InvalidOrderTransitionError extends DomainError {
  readonly code = 'INVALID_ORDER_TRANSITION';
  readonly kind = 'conflict';

  constructor(orderId: string, status: OrderStatus, command: string, reason?: string) {
    super(
      `Order ${orderId} is ${status}: ${command} is not allowed${reason === undefined ? '' : ` (${reason})`}`,
      {
        orderId,
        status,
        command,
        ...(reason === undefined ? {} : { reason }),
      },
    );
  }
}

export type OrderFieldProblem =
  | 'REQUIRED'
  | 'NOT_ALLOWED'
  | 'NOT_A_DECIMAL'
  | 'NOT_POSITIVE'
  | 'TOO_LARGE'
  | 'NEGATIVE'
  | 'TOO_MANY_DECIMALS'
  | 'PRICE_OFF_TICK'
  | 'QUANTITY_OFF_LOT'
  | 'BELOW_MIN_QUANTITY'
  | 'SYMBOL_MISMATCH'
  | 'WRONG_SIDE_OF_ENTRY'
  | 'INVALID_TIMESTAMP'
  | 'NOT_IN_FUTURE'
  | 'NOTHING_TO_AMEND';

export interface OrderFieldViolation {
  readonly field: string;
  readonly problem: OrderFieldProblem;
  readonly message: string;
}

/** Bad input on a place or amend command (400): details name every offending field. */
export class InvalidOrderError extends DomainError {
  readonly code = 'INVALID_ORDER';
  readonly kind = 'validation';

  constructor(readonly violations: readonly OrderFieldViolation[]) {
    const first = violations[0];
    super(first === undefined ? 'Invalid order' : `${first.field}: ${first.message}`, {
      field: first?.field ?? null,
      problem: first?.problem ?? null,
      violations: violations.map((v) => ({ ...v })),
    });
  }
}

/** A venue report that would fill more than the order's quantity (409): never applied. */
export class FillExceedsQuantityError extends DomainError {
  readonly code = 'FILL_EXCEEDS_QUANTITY';
  readonly kind = 'conflict';

  constructor(orderId: string, fillId: string, quantity: string, filled: string, fillQuantity: string) {
    super(`Fill ${fillId} of ${fillQuantity} would take order ${orderId} past its quantity ${quantity}`, {
      orderId,
      fillId,
      quantity,
      filled,
      fillQuantity,
    });
  }
}

/** An amend to a quantity that does not exceed what is already filled (422). */
export class AmendBelowFilledError extends DomainError {
  readonly code = 'AMEND_QUANTITY_BELOW_FILLED';
  readonly kind = 'refused';

  constructor(orderId: string, quantity: string, filled: string) {
    super(`Order ${orderId}: new quantity ${quantity} must exceed the filled ${filled}`, {
      orderId,
      field: 'quantity',
      quantity,
      filled,
    });
  }
}

/** ExpireOrder before the order's good-till-date, or on an order without one (409). */
export class OrderNotExpiredError extends DomainError {
  readonly code = 'ORDER_NOT_EXPIRED';
  readonly kind = 'conflict';

  constructor(orderId: string, expiresAt: string | null, at: string) {
    super(`Order ${orderId} does not expire at ${at} (expiresAt ${expiresAt ?? 'none'})`, {
      orderId,
      expiresAt,
      at,
    });
  }
}

/** No order with this id (404). */
export class OrderNotFoundError extends DomainError {
  readonly code = 'ORDER_NOT_FOUND';
  readonly kind = 'not_found';

  constructor(orderId: string) {
    super(`No order ${orderId}`, { orderId });
  }
}

/** A clientOrderId reused for a different order on the same account (409): the first one stands. */
export class ClientOrderIdConflictError extends DomainError {
  readonly code = 'CLIENT_ORDER_ID_CONFLICT';
  readonly kind = 'conflict';

  constructor(accountId: string, clientOrderId: string, orderId: string, differences: readonly string[]) {
    super(`clientOrderId ${clientOrderId} was used for another order on account ${accountId}`, {
      accountId,
      clientOrderId,
      orderId,
      differences: [...differences],
    });
  }
}
