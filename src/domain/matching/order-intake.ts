import { assertNever } from '../shared/decider';
import { priceToTicks, quantityToLots, type InstrumentSpec } from './instrument-spec';
import type { OrderRequest, RejectCode } from './matching.types';
import type { WorkingOrder } from './resting-order';

export type Intake =
  | { readonly ok: true; readonly order: WorkingOrder }
  | { readonly ok: false; readonly reason: RejectCode; readonly message: string };

/** Checks a request against the instrument's steps and turns it into integer units. */
export function intake(spec: InstrumentSpec, request: OrderRequest, id: string): Intake {
  const lots = quantityToLots(spec, request.quantity);
  if (!lots.ok) return lots;
  let limitTicks: number | undefined;
  let triggerTicks: number | undefined;
  let timeInForce: WorkingOrder['timeInForce'] = 'ioc';
  switch (request.type) {
    case 'market':
    case 'stop_market':
    case 'take_profit_market':
      break;
    case 'limit':
    case 'stop_limit':
    case 'take_profit_limit': {
      const price = priceToTicks(spec, request.price);
      if (!price.ok) return price;
      limitTicks = price.value;
      timeInForce = request.timeInForce ?? 'gtc';
      break;
    }
    default:
      return assertNever(request);
  }
  if (request.type !== 'market' && request.type !== 'limit') {
    const trigger = priceToTicks(spec, request.triggerPrice);
    if (!trigger.ok) return trigger;
    triggerTicks = trigger.value;
  }
  const isBuy = request.side === 'buy';
  return {
    ok: true,
    order: {
      id,
      symbol: request.symbol,
      request,
      side: request.side,
      isBuy,
      reduceOnly: request.reduceOnly === true,
      limitTicks,
      timeInForce,
      totalLots: lots.value,
      filledLots: 0,
      triggerTicks,
      triggerBy:
        request.type === 'market' || request.type === 'limit' ? 'last' : (request.triggerBy ?? 'last'),
      takeProfit: request.type === 'take_profit_market' || request.type === 'take_profit_limit',
      lockedMoney: 0n,
    },
  };
}
