import type { EngineCore } from './engine-core';
import { rejected } from './engine-events';
import type { EngineEvent } from './matching.types';
import type { MarketState } from './market-state';
import { reducibleLots } from './position';
import type { WorkingOrder } from './resting-order';

/**
 * Runs an order that is live now (new, amended through the book, or just triggered): venue checks,
 * then taker fills level by level, then the remainder rests or is cancelled by its time in force.
 */
export function execute(
  core: EngineCore,
  m: MarketState,
  order: WorkingOrder,
  now: number,
  events: EngineEvent[],
  announce: boolean,
): void {
  const opposite = order.isBuy ? m.asks : m.bids;
  const limit = order.limitTicks;
  const wanted = order.totalLots - order.filledLots;
  if (order.timeInForce === 'post_only' && limit !== undefined && opposite.crosses(limit)) {
    events.push(
      rejected(
        order.id,
        order.symbol,
        'POST_ONLY_WOULD_CROSS',
        'a post-only order would take liquidity',
        now,
      ),
    );
    return;
  }
  if (order.timeInForce === 'fok') {
    const cap = order.reduceOnly ? Math.min(wanted, reducibleLots(m.position, order.isBuy)) : wanted;
    if (cap < wanted || opposite.available(limit, wanted) < wanted) {
      events.push(
        rejected(order.id, order.symbol, 'FOK_NOT_FILLABLE', 'the book cannot fill the whole quantity', now),
      );
      return;
    }
  }
  const priceTicks = limit ?? opposite.worstPriceFor(wanted) ?? 0;
  const required = core.marginFor(m, order, priceTicks, wanted);
  if (required > 0n && required > core.available()) {
    events.push(
      rejected(
        order.id,
        order.symbol,
        'INSUFFICIENT_MARGIN',
        'available balance is below the initial margin',
        now,
      ),
    );
    return;
  }
  if (announce)
    events.push({ type: 'accepted', at: now, orderId: order.id, symbol: order.symbol, order: order.request });
  takeLiquidity(core, m, order, now, events);
  finish(core, m, order, now, events);
}

/** Fills as taker against the venue's book, up to the order's limit. */
export function takeLiquidity(
  core: EngineCore,
  m: MarketState,
  order: WorkingOrder,
  now: number,
  events: EngineEvent[],
): void {
  const opposite = order.isBuy ? m.asks : m.bids;
  const wanted = order.totalLots - order.filledLots;
  const before = events.length;
  opposite.take(order.limitTicks, wanted, (ticks, lots) =>
    core.fill(m, order, ticks, lots, 'taker', now, events),
  );
  if (events.length > before) core.sweepReduceOnly(m, now, events);
}

/** After taking: rest the remainder of a GTC limit, cancel what an IOC, FOK or market order left. */
export function finish(
  core: EngineCore,
  m: MarketState,
  order: WorkingOrder,
  now: number,
  events: EngineEvent[],
): void {
  if (order.filledLots >= order.totalLots) return;
  if (order.reduceOnly && reducibleLots(m.position, order.isBuy) === 0) {
    core.cancel(m, order, 'reduce_only', now, events);
  } else if (order.limitTicks === undefined) {
    core.cancel(m, order, 'no_liquidity', now, events);
  } else if (order.timeInForce === 'gtc' || order.timeInForce === 'post_only') {
    core.rest(m, order);
  } else {
    core.cancel(m, order, 'ioc_remainder', now, events);
  }
}

/** A stop or take-profit whose price came: announce it, then run it as a market or limit order. */
export function fire(
  core: EngineCore,
  m: MarketState,
  order: WorkingOrder,
  now: number,
  events: EngineEvent[],
): void {
  const spec = m.spec;
  const triggerTicks = order.triggerTicks ?? 0;
  events.push({
    type: 'triggered',
    at: now,
    orderId: order.id,
    symbol: order.symbol,
    triggerPrice: spec.instrument.tickSize.mul(triggerTicks),
    triggerBy: order.triggerBy,
  });
  order.triggerTicks = undefined;
  if (order.reduceOnly && reducibleLots(m.position, order.isBuy) === 0) {
    events.push(
      rejected(order.id, order.symbol, 'REDUCE_ONLY_WOULD_INCREASE', 'no position left to reduce', now),
    );
    return;
  }
  execute(core, m, order, now, events, false);
}
