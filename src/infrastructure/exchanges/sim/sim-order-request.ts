import type { OrderAmendment, OrderRequest, RejectCode } from '../../../domain/matching';
import { assertNever } from '../../../domain/shared/decider';
import { Dec, isDecimalString } from '../../../domain/shared/decimal';
import {
  BadSymbolError,
  InsufficientFundsError,
  OrderNotFoundError,
  OrderRejectedByVenueError,
  VenueBadRequestError,
} from '../exchange.errors';
import type { AmendRequest, VenueOrderRequest } from '../trading.types';

function decimal(value: string | undefined, field: string): Dec {
  if (!isDecimalString(value)) {
    throw new VenueBadRequestError(`${field} must be a decimal string, got ${JSON.stringify(value)}`, {
      field,
    });
  }
  return new Dec(value);
}

/** The venue request as the engine's order, or a VenueBadRequestError when a field is missing or malformed. */
export function toEngineOrder(request: VenueOrderRequest, symbol: string): OrderRequest {
  const base = {
    symbol,
    side: request.side,
    quantity: decimal(request.quantity, 'quantity'),
    reduceOnly: request.reduceOnly === true,
    clientOrderId: request.clientOrderId,
  };
  const limitTif = request.timeInForce ?? 'gtc';
  switch (request.type) {
    case 'market':
      return { ...base, type: 'market' };
    case 'limit':
      return { ...base, type: 'limit', price: decimal(request.price, 'price'), timeInForce: limitTif };
    case 'stop_market':
    case 'take_profit_market':
      return { ...base, type: request.type, triggerPrice: decimal(request.triggerPrice, 'triggerPrice') };
    case 'stop_limit':
    case 'take_profit_limit':
      return {
        ...base,
        type: request.type,
        price: decimal(request.price, 'price'),
        triggerPrice: decimal(request.triggerPrice, 'triggerPrice'),
        timeInForce: limitTif,
      };
    default:
      return assertNever(request.type);
  }
}

export function toEngineAmendment(amend: AmendRequest): OrderAmendment {
  if (amend.price === undefined && amend.quantity === undefined) {
    throw new VenueBadRequestError('an amendment changes price or quantity', {});
  }
  return {
    ...(amend.price === undefined ? {} : { price: decimal(amend.price, 'price') }),
    ...(amend.quantity === undefined ? {} : { quantity: decimal(amend.quantity, 'quantity') }),
  };
}

/**
 * How an engine rejection reaches the caller. Business outcomes of a valid order (post-only would
 * cross, reduce-only would increase, FOK not fillable) are an order with status 'rejected' and the
 * reason, as venues report them; everything else is an error: a malformed request (off tick or lot,
 * below the minimum) a VenueBadRequestError (400), missing margin an InsufficientFundsError (422).
 */
export function isOrderOutcome(code: RejectCode): boolean {
  return (
    code === 'POST_ONLY_WOULD_CROSS' || code === 'REDUCE_ONLY_WOULD_INCREASE' || code === 'FOK_NOT_FILLABLE'
  );
}

export function rejectionError(code: RejectCode, message: string, details: Record<string, unknown>): Error {
  const withCode = { ...details, reason: code };
  switch (code) {
    case 'INSUFFICIENT_MARGIN':
      return new InsufficientFundsError(message, withCode);
    case 'UNKNOWN_SYMBOL':
      return new BadSymbolError(message, withCode);
    case 'UNKNOWN_ORDER':
      return new OrderNotFoundError(message, withCode);
    case 'BELOW_MIN_QUANTITY':
    case 'PRICE_OFF_TICK':
    case 'QUANTITY_OFF_LOT':
    case 'INVALID_PRICE':
    case 'QUANTITY_BELOW_FILLED':
    case 'LEVERAGE_OUT_OF_RANGE':
      return new VenueBadRequestError(message, withCode);
    case 'POST_ONLY_WOULD_CROSS':
    case 'REDUCE_ONLY_WOULD_INCREASE':
    case 'FOK_NOT_FILLABLE':
      // Only reached for an amendment: the order stays as it was, the change is refused.
      return new OrderRejectedByVenueError(message, withCode);
    default:
      return assertNever(code);
  }
}
