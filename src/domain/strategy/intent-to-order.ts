import type { Instrument, OrderRequest } from '../matching';
import { assertNever } from '../shared/decider';
import { Dec, floorToStep } from '../shared/decimal';
import type { PlaceIntent } from './strategy.types';

export type IntentConversion =
  | { readonly ok: true; readonly request: OrderRequest }
  | { readonly ok: false; readonly code: 'BELOW_MIN_QUANTITY' | 'INVALID_PRICE'; readonly message: string };

/** A float from signal maths as a decimal, without the binary tail (0.1 + 0.2 -> 0.3). */
export function decOf(x: number): Dec {
  return new Dec(x.toPrecision(15));
}

function roundToTick(price: number, tick: Dec, mode: 'down' | 'up' | 'nearest'): Dec {
  const ticks = decOf(price).div(tick);
  const whole = mode === 'down' ? ticks.floor() : mode === 'up' ? ticks.ceil() : ticks.round();
  return whole.mul(tick);
}

/**
 * Where float signal maths becomes an order (ARCHITECTURE.md §6): the quantity is floored to the
 * lot size (never more than asked), a limit price is rounded to the tick away from the market (a
 * buy down, a sell up: never more aggressive than asked), a trigger to the nearest tick.
 */
export function toOrderRequest(intent: PlaceIntent, instrument: Instrument): IntentConversion {
  const quantity = Number.isFinite(intent.quantity)
    ? floorToStep(decOf(intent.quantity), instrument.lotSize)
    : new Dec(0);
  if (quantity.lt(instrument.minQuantity) || quantity.lte(0)) {
    return {
      ok: false,
      code: 'BELOW_MIN_QUANTITY',
      message: `quantity ${intent.quantity} is below ${instrument.minQuantity.toString()} once floored to the lot`,
    };
  }
  // each request written out: a spread literal that adds properties is slow in V8 (Node 20)
  const { symbol, side, reduceOnly, ref: clientOrderId } = intent;
  switch (intent.orderType) {
    case 'market':
      return { ok: true, request: { symbol, side, quantity, reduceOnly, clientOrderId, type: 'market' } };
    case 'limit': {
      if (!(intent.price > 0)) return { ok: false, code: 'INVALID_PRICE', message: `price ${intent.price}` };
      const price = roundToTick(intent.price, instrument.tickSize, intent.side === 'buy' ? 'down' : 'up');
      const timeInForce = intent.postOnly === true ? 'post_only' : 'gtc';
      return {
        ok: true,
        request: { symbol, side, quantity, reduceOnly, clientOrderId, type: 'limit', price, timeInForce },
      };
    }
    case 'stop_market':
    case 'take_profit_market': {
      if (!(intent.triggerPrice > 0)) {
        return { ok: false, code: 'INVALID_PRICE', message: `trigger price ${intent.triggerPrice}` };
      }
      const triggerPrice = roundToTick(intent.triggerPrice, instrument.tickSize, 'nearest');
      const type = intent.orderType;
      return {
        ok: true,
        request: { symbol, side, quantity, reduceOnly, clientOrderId, type, triggerPrice },
      };
    }
    default:
      return assertNever(intent);
  }
}
