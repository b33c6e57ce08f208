import type { EngineCore } from './engine-core';
import { rejected } from './engine-events';
import { priceToTicks, quantityToLots } from './instrument-spec';
import type { EngineEvent, OrderAmendment } from './matching.types';
import type { MarketState } from './market-state';
import { finish, fire, takeLiquidity } from './order-execution';
import { isTriggered } from './trigger-book';
import type { WorkingOrder } from './resting-order';

/**
 * Changes price, quantity or trigger of an open order. A refused amendment leaves the order as it
 * was. A limit moved through the book trades at once (as taker) like a new order would.
 */
export function amendOrder(
  core: EngineCore,
  m: MarketState,
  order: WorkingOrder,
  changes: OrderAmendment,
  now: number,
): EngineEvent[] {
  const refuse = (reason: Parameters<typeof rejected>[2], message: string): EngineEvent[] => [
    rejected(order.id, order.symbol, reason, message, now),
  ];
  let limitTicks = order.limitTicks;
  if (changes.price !== undefined) {
    if (order.limitTicks === undefined)
      return refuse('INVALID_PRICE', 'a market order has no price to amend');
    const price = priceToTicks(m.spec, changes.price);
    if (!price.ok) return refuse(price.reason, price.message);
    limitTicks = price.value;
  }
  let totalLots = order.totalLots;
  if (changes.quantity !== undefined) {
    const lots = quantityToLots(m.spec, changes.quantity);
    if (!lots.ok) return refuse(lots.reason, lots.message);
    if (lots.value <= order.filledLots)
      return refuse('QUANTITY_BELOW_FILLED', 'quantity must exceed the filled part');
    totalLots = lots.value;
  }
  const waiting = order.triggerTicks !== undefined;
  let triggerTicks = order.triggerTicks;
  if (changes.triggerPrice !== undefined) {
    if (!waiting) return refuse('INVALID_PRICE', 'only a waiting stop or take-profit has a trigger to amend');
    const trigger = priceToTicks(m.spec, changes.triggerPrice);
    if (!trigger.ok) return refuse(trigger.reason, trigger.message);
    triggerTicks = trigger.value;
  }
  const opposite = order.isBuy ? m.asks : m.bids;
  const crosses = !waiting && limitTicks !== undefined && opposite.crosses(limitTicks);
  if (crosses && order.timeInForce === 'post_only') {
    return refuse('POST_ONLY_WOULD_CROSS', 'the new price would take liquidity');
  }
  if (!waiting) {
    const before = order.lockedMoney;
    const probe: WorkingOrder = { ...order, limitTicks, totalLots };
    const extra = core.lockFor(m, probe) - before;
    if (extra > 0n && extra > core.available())
      return refuse('INSUFFICIENT_MARGIN', 'the larger order needs more margin');
  }

  const events: EngineEvent[] = [];
  if (!waiting) core.unrest(m, order);
  order.limitTicks = limitTicks;
  order.totalLots = totalLots;
  order.triggerTicks = triggerTicks;
  events.push({
    type: 'amended',
    at: now,
    orderId: order.id,
    symbol: order.symbol,
    price: limitTicks === undefined ? undefined : m.spec.instrument.tickSize.mul(limitTicks),
    quantity: m.spec.instrument.lotSize.mul(totalLots),
    triggerPrice: triggerTicks === undefined ? undefined : m.spec.instrument.tickSize.mul(triggerTicks),
  });
  if (waiting) {
    const reference = order.triggerBy === 'mark' ? m.markTicks : m.lastTicks;
    if (reference !== undefined && isTriggered(order, reference)) {
      m.triggers.remove(order);
      core.orders.delete(order.id);
      fire(core, m, order, now, events);
    }
    return events;
  }
  if (crosses) takeLiquidity(core, m, order, now, events);
  finish(core, m, order, now, events);
  return events;
}
