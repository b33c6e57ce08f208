import type { Dec } from '../shared/decimal';
import type { PlaceOrder } from './order.commands';
import { InvalidOrderError } from './order.errors';
import { Violations, instantOf, parseStepped } from './order-input.validation';
import { isLimitPriced, isTriggered, type BracketLegSpec, type TimeInForce } from './order.types';

export interface ValidPlacement {
  readonly quantity: Dec;
  readonly price: Dec | null;
  readonly triggerPrice: Dec | null;
  readonly timeInForce: TimeInForce;
}

/** Checks a PlaceOrder against its instrument; throws InvalidOrderError (400) naming every bad field. */
export function validatePlaceOrder(command: PlaceOrder): ValidPlacement {
  const v = new Violations();
  const { instrument } = command;
  if (command.clientOrderId.trim() === '') v.add('clientOrderId', 'REQUIRED', 'clientOrderId is required');
  if (command.symbol !== instrument.symbol) {
    v.add('symbol', 'SYMBOL_MISMATCH', `${command.symbol} is not the instrument ${instrument.symbol}`);
  }
  const quantity = parseStepped(v, 'quantity', command.quantity, 'quantity', instrument);

  let price: Dec | null = null;
  const rawPrice = command.price ?? null;
  if (isLimitPriced(command.orderType)) {
    if (rawPrice === null) v.add('price', 'REQUIRED', `a ${command.orderType} order needs a price`);
    else price = parseStepped(v, 'price', rawPrice, 'price', instrument);
  } else if (rawPrice !== null) {
    v.add('price', 'NOT_ALLOWED', `a ${command.orderType} order takes no price`);
  }

  let triggerPrice: Dec | null = null;
  const rawTrigger = command.triggerPrice ?? null;
  if (isTriggered(command.orderType)) {
    if (rawTrigger === null)
      v.add('triggerPrice', 'REQUIRED', `a ${command.orderType} order needs a triggerPrice`);
    else triggerPrice = parseStepped(v, 'triggerPrice', rawTrigger, 'price', instrument);
  } else if (rawTrigger !== null) {
    v.add('triggerPrice', 'NOT_ALLOWED', `a ${command.orderType} order takes no triggerPrice`);
  }

  const timeInForce = command.timeInForce ?? 'gtc';
  if (timeInForce === 'post_only' && command.orderType !== 'limit') {
    v.add('timeInForce', 'NOT_ALLOWED', 'post_only applies to limit orders only');
  }
  const expiresAt = command.expiresAt ?? null;
  if (timeInForce === 'gtd' && expiresAt === null) v.add('expiresAt', 'REQUIRED', 'gtd needs expiresAt');
  if (timeInForce !== 'gtd' && expiresAt !== null)
    v.add('expiresAt', 'NOT_ALLOWED', 'expiresAt needs timeInForce gtd');
  if (timeInForce === 'gtd' && expiresAt !== null) {
    const expiry = instantOf(expiresAt);
    const now = instantOf(command.at);
    if (expiry === null) v.add('expiresAt', 'INVALID_TIMESTAMP', `${expiresAt} is not an ISO-8601 instant`);
    else if (now !== null && expiry <= now)
      v.add('expiresAt', 'NOT_IN_FUTURE', `${expiresAt} is not after ${command.at}`);
  }

  validateBracket(v, command, price ?? triggerPrice);
  if (v.list.length > 0 || quantity === null) throw new InvalidOrderError(v.list);
  return { quantity, price, triggerPrice, timeInForce };
}

function validateBracket(v: Violations, command: PlaceOrder, entryReference: Dec | null): void {
  const legs: [field: 'takeProfit' | 'stopLoss', leg: BracketLegSpec | null][] = [
    ['takeProfit', command.takeProfit ?? null],
    ['stopLoss', command.stopLoss ?? null],
  ];
  for (const [field, leg] of legs) {
    if (leg === null) continue;
    if (command.reduceOnly === true || (command.parent ?? null) !== null) {
      v.add(
        field,
        'NOT_ALLOWED',
        'a reduce-only order or a bracket child takes no attached take-profit / stop-loss',
      );
      continue;
    }
    if (leg.childOrderId.trim() === '')
      v.add(`${field}.childOrderId`, 'REQUIRED', 'childOrderId is required');
    const trigger = parseStepped(v, `${field}.triggerPrice`, leg.triggerPrice, 'price', command.instrument);
    if (leg.price !== null) parseStepped(v, `${field}.price`, leg.price, 'price', command.instrument);
    if (trigger === null || entryReference === null) continue;
    // A long's take-profit sits above its entry and its stop below; a short's the other way round.
    const mustBeAbove = (field === 'takeProfit') === (command.side === 'buy');
    if (mustBeAbove ? !trigger.gt(entryReference) : !trigger.lt(entryReference)) {
      v.add(
        `${field}.triggerPrice`,
        'WRONG_SIDE_OF_ENTRY',
        `${leg.triggerPrice} must be ${mustBeAbove ? 'above' : 'below'} the entry ${entryReference.toFixed()}`,
      );
    }
  }
}
