import type { Dec } from '../shared/decimal';
import type { EngineCore } from './engine-core';
import { toScaledInt } from './fixed-point';
import { ticksOf, type InstrumentSpec } from './instrument-spec';
import type { BookLevel, BookSnapshot, EngineEvent, MarketTrade } from './matching.types';
import type { MarketState } from './market-state';
import type { WorkingOrder } from './resting-order';

function ticksFloat(spec: InstrumentSpec, price: Dec): number {
  const scaled = toScaledInt(price, spec.tickDp);
  return scaled === undefined ? ticksOf(spec, price) : scaled / spec.tickUnits;
}

/** Whole lots in a venue quantity, rounded down: an off-lot remainder cannot fill an order. */
function lotsFloor(spec: InstrumentSpec, quantity: Dec): number {
  const scaled = toScaledInt(quantity, spec.lotDp);
  if (scaled !== undefined) return Math.floor(scaled / spec.lotUnits);
  return quantity.div(spec.instrument.lotSize).floor().toNumber();
}

function levels(
  spec: InstrumentSpec,
  side: readonly BookLevel[],
  isBid: boolean,
): { ticks: number[]; lots: number[] } {
  const ticks: number[] = [];
  const lots: number[] = [];
  for (const level of side) {
    // An off-tick venue price is rounded against the taker: bids down, asks up.
    const t = ticksFloat(spec, level.price);
    const whole = isBid ? Math.floor(t) : Math.ceil(t);
    const l = lotsFloor(spec, level.quantity);
    if (whole > 0 && l > 0) {
      ticks.push(whole);
      lots.push(l);
    }
  }
  return { ticks, lots };
}

/** Fills resting orders (maker, at their own price) in priority order, up to `budget` lots. */
function fillResting(
  core: EngineCore,
  m: MarketState,
  crossed: readonly WorkingOrder[],
  budget: (order: WorkingOrder) => number,
  onTaken: (lots: number) => void,
  now: number,
  events: EngineEvent[],
): void {
  for (const order of crossed) {
    const ticks = order.limitTicks;
    if (ticks === undefined) continue;
    const can = Math.min(order.totalLots - order.filledLots, budget(order));
    if (can <= 0) continue;
    const got = core.fill(m, order, ticks, can, 'maker', now, events);
    onTaken(got);
    if (order.filledLots >= order.totalLots) core.unrest(m, order);
    else core.relock(m, order);
    if (got > 0) core.sweepReduceOnly(m, now, events);
  }
}

/**
 * Replaces the venue's liquidity. An own order that the new book crosses (the market moved
 * through it) fills as maker at its own price against the crossing levels, which it consumes.
 */
export function reconcileBook(
  core: EngineCore,
  m: MarketState,
  snapshot: BookSnapshot,
  now: number,
  events: EngineEvent[],
): void {
  const bids = levels(m.spec, snapshot.bids, true);
  const asks = levels(m.spec, snapshot.asks, false);
  m.bids.replace(bids.ticks, bids.lots);
  m.asks.replace(asks.ticks, asks.lots);
  const bestAsk = m.asks.best();
  if (bestAsk !== undefined && m.ownBids.best() !== undefined) {
    const crossed = m.ownBids.crossedBy(bestAsk);
    const budget = (o: WorkingOrder): number => m.asks.available(o.limitTicks, o.totalLots - o.filledLots);
    fillResting(core, m, crossed, budget, (lots) => m.asks.consume(lots), now, events);
  }
  const bestBid = m.bids.best();
  if (bestBid !== undefined && m.ownAsks.best() !== undefined) {
    const crossed = m.ownAsks.crossedBy(bestBid);
    const budget = (o: WorkingOrder): number => m.bids.available(o.limitTicks, o.totalLots - o.filledLots);
    fillResting(core, m, crossed, budget, (lots) => m.bids.consume(lots), now, events);
  }
}

/**
 * A venue trade at price p reaches own bids at p or above and own asks at p or below (queue
 * position is not modelled: touching counts). Each side may fill up to the trade's quantity.
 * Returns the trade price in ticks.
 */
export function fillCrossedByTrade(
  core: EngineCore,
  m: MarketState,
  trade: MarketTrade,
  now: number,
  events: EngineEvent[],
): number {
  const ticks = ticksFloat(m.spec, trade.price);
  if (m.ownBids.size === 0 && m.ownAsks.size === 0) return ticks;
  const lots = lotsFloor(m.spec, trade.quantity);
  for (const side of [m.ownBids, m.ownAsks]) {
    const best = side.best();
    if (best === undefined) continue;
    let left = lots;
    fillResting(
      core,
      m,
      side.crossedBy(ticks),
      () => left,
      (got) => (left -= got),
      now,
      events,
    );
  }
  return ticks;
}
