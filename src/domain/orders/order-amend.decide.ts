import { toWire } from '../shared/decimal';
import type { AmendOrder, RecordVenueAmend, RecordVenueAmendRejected } from './order.commands';
import { AmendBelowFilledError, InvalidOrderError, InvalidOrderTransitionError } from './order.errors';
import type { OrderAmended, OrderAmendRejected, OrderAmendRequested } from './order.events';
import { Violations, parseStepped } from './order-input.validation';
import type { OrderState } from './order.state';
import { isLimitPriced, isTriggered } from './order.types';

function base(state: OrderState, at: string) {
  return { orderId: state.orderId, accountId: state.accountId, symbol: state.symbol, at };
}

function assertAmendable(state: OrderState, command: string): void {
  const live =
    state.status === 'accepted' || state.status === 'working' || state.status === 'partially_filled';
  if (!live) throw new InvalidOrderTransitionError(state.orderId, state.status, command);
  if (state.cancelRequested)
    throw new InvalidOrderTransitionError(state.orderId, state.status, command, 'cancel pending');
}

/** An amend goes to the venue first; the terms change only when the venue confirms (OrderAmended). */
export function decideAmend(command: AmendOrder, state: OrderState): OrderAmendRequested[] {
  assertAmendable(state, command.type);
  if (state.pendingAmend !== null) {
    throw new InvalidOrderTransitionError(state.orderId, state.status, command.type, 'amend pending');
  }
  const v = new Violations();
  const rawPrice = command.price ?? null;
  const rawQuantity = command.quantity ?? null;
  const rawTrigger = command.triggerPrice ?? null;
  if (rawPrice === null && rawQuantity === null && rawTrigger === null) {
    v.add('quantity', 'NOTHING_TO_AMEND', 'give a price, a quantity or a triggerPrice');
  }
  if (rawPrice !== null && !isLimitPriced(state.orderType)) {
    v.add('price', 'NOT_ALLOWED', `a ${state.orderType} order takes no price`);
  }
  if (rawTrigger !== null && !isTriggered(state.orderType)) {
    v.add('triggerPrice', 'NOT_ALLOWED', `a ${state.orderType} order takes no triggerPrice`);
  }
  const price =
    rawPrice === null || v.list.length > 0
      ? null
      : parseStepped(v, 'price', rawPrice, 'price', command.instrument);
  const trigger =
    rawTrigger === null || v.list.length > 0
      ? null
      : parseStepped(v, 'triggerPrice', rawTrigger, 'price', command.instrument);
  const quantity =
    rawQuantity === null ? null : parseStepped(v, 'quantity', rawQuantity, 'quantity', command.instrument);
  if (v.list.length > 0) throw new InvalidOrderError(v.list);
  if (quantity !== null && !quantity.gt(state.filled)) {
    throw new AmendBelowFilledError(state.orderId, toWire(quantity), toWire(state.filled));
  }
  return [
    {
      type: 'OrderAmendRequested',
      ...base(state, command.at),
      price: price === null ? null : toWire(price),
      quantity: quantity === null ? null : toWire(quantity),
      triggerPrice: trigger === null ? null : toWire(trigger),
    },
  ];
}

export function decideVenueAmend(command: RecordVenueAmend, state: OrderState): OrderAmended[] {
  const pending = state.pendingAmend;
  if (pending === null) {
    throw new InvalidOrderTransitionError(state.orderId, state.status, command.type, 'no amend pending');
  }
  const quantity = pending.quantity ?? state.quantity;
  // Fills may have raced the amend: a quantity they overtook can never be confirmed.
  if (!quantity.gt(state.filled))
    throw new AmendBelowFilledError(state.orderId, toWire(quantity), toWire(state.filled));
  const price = pending.price ?? state.price;
  const triggerPrice = pending.triggerPrice ?? state.triggerPrice;
  return [
    {
      type: 'OrderAmended',
      ...base(state, command.at),
      price: price === null ? null : toWire(price),
      quantity: toWire(quantity),
      triggerPrice: triggerPrice === null ? null : toWire(triggerPrice),
      remaining: toWire(quantity.minus(state.filled)),
    },
  ];
}

export function decideVenueAmendRejected(
  command: RecordVenueAmendRejected,
  state: OrderState,
): OrderAmendRejected[] {
  if (state.pendingAmend === null) {
    throw new InvalidOrderTransitionError(state.orderId, state.status, command.type, 'no amend pending');
  }
  return [{ type: 'OrderAmendRejected', ...base(state, command.at), reason: command.reason }];
}
