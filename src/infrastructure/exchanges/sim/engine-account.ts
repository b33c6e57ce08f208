import type { EngineEvent, MatchingEngine } from '../../../domain/matching';
import { Dec, toWire } from '../../../domain/shared/decimal';
import { OrderNotFoundError, OrderRejectedByVenueError } from '../exchange.errors';
import type {
  AmendRequest,
  VenueBalance,
  VenueFill,
  VenueFunding,
  VenueOrder,
  VenueOrderRequest,
  VenuePosition,
} from '../trading.types';
import { LiveQueue } from './live-queue';
import { SimOrderLedger, type LedgerChanges } from './sim-order-ledger';
import { isOrderOutcome, rejectionError, toEngineAmendment, toEngineOrder } from './sim-order-request';

/**
 * One account on the pure MatchingEngine, in the port's shapes: orders placed, amended and cancelled
 * as a venue answers them, the order ledger, balances, positions and the watch streams. The sim
 * venue and paper trading on a live venue both trade through it; each feeds the engine its own market.
 * Symbols here are already resolved to the ccxt form; `now` is the caller's clock.
 */
export class EngineAccount {
  private readonly ledger = new SimOrderLedger();
  private readonly watchers = {
    orders: new Set<LiveQueue<VenueOrder>>(),
    fills: new Set<LiveQueue<VenueFill>>(),
    funding: new Set<LiveQueue<VenueFunding>>(),
  };
  private ended = false;

  constructor(readonly engine: MatchingEngine) {}

  get closed(): boolean {
    return this.ended;
  }

  /** The order a client order id already made: a retried request answers it (our idempotency key). */
  placed(clientOrderId: string): VenueOrder | undefined {
    return this.ledger.byClientId(clientOrderId);
  }

  place(request: VenueOrderRequest, symbol: string, now: number): VenueOrder {
    const order = toEngineOrder(request, symbol);
    const events = this.engine.submit(order, now);
    const first = events[0];
    if (first?.type === 'rejected') {
      if (!isOrderOutcome(first.reason)) throw rejectionError(first.reason, first.message, { symbol });
      const rejected = this.ledger.recordRejected(first.orderId, order, first.reason, now);
      this.publish({ orders: [rejected], fills: [], funding: [] });
      return rejected;
    }
    this.apply(events);
    return this.order(first !== undefined && 'orderId' in first ? first.orderId : '', symbol);
  }

  amend(venueOrderId: string, symbol: string, amend: AmendRequest, now: number): VenueOrder {
    const changes = toEngineAmendment(amend);
    this.mustBeOpen(venueOrderId, symbol);
    return this.answer(this.engine.amend(venueOrderId, changes, now), venueOrderId, symbol);
  }

  cancel(venueOrderId: string, symbol: string, now: number): VenueOrder {
    this.mustBeOpen(venueOrderId, symbol);
    return this.answer(this.engine.cancel(venueOrderId, now), venueOrderId, symbol);
  }

  order(venueOrderId: string, symbol: string): VenueOrder {
    const order = this.ledger.get(venueOrderId);
    if (order === undefined || order.symbol !== symbol) {
      throw new OrderNotFoundError(`no order ${venueOrderId} on ${symbol}`, { venueOrderId, symbol });
    }
    return order;
  }

  openOrders(symbol?: string): VenueOrder[] {
    return this.ledger.open(symbol);
  }

  fills(symbol?: string, since?: number): VenueFill[] {
    return this.ledger.fills(symbol, since);
  }

  /** total = equity (wallet + unrealized PnL), free = what new orders may use, used = the rest. */
  settlementBalance(currency: string): VenueBalance {
    const view = this.engine.balance();
    const free = Dec.max(view.available, 0);
    return {
      currency,
      total: toWire(view.equity),
      free: toWire(free),
      used: toWire(view.equity.minus(free)),
    };
  }

  positions(symbols: Iterable<string>): VenuePosition[] {
    const out: VenuePosition[] = [];
    for (const symbol of symbols) {
      const p = this.engine.position(symbol);
      if (p === undefined || p.quantity.isZero()) continue;
      out.push({
        symbol: p.symbol,
        quantity: toWire(p.quantity),
        entryPrice: toWire(p.entryPrice),
        unrealizedPnl: toWire(p.unrealizedPnl),
        leverage: p.leverage,
      });
    }
    return out;
  }

  /** Records what the engine did (fed by the market or by a command) and pushes it to the watchers. */
  apply(events: EngineEvent[]): void {
    if (events.length > 0) this.publish(this.ledger.apply(events));
  }

  watchOrders(): AsyncIterable<VenueOrder> {
    return this.watch(this.watchers.orders);
  }

  watchFills(): AsyncIterable<VenueFill> {
    return this.watch(this.watchers.fills);
  }

  watchFunding(): AsyncIterable<VenueFunding> {
    return this.watch(this.watchers.funding);
  }

  close(): void {
    this.ended = true;
    for (const set of Object.values(this.watchers)) for (const queue of [...set]) queue.end();
  }

  /** The answer to an amend or a cancel: a refusal as the venue's error, else the order as it now is. */
  private answer(events: EngineEvent[], venueOrderId: string, symbol: string): VenueOrder {
    const first = events[0];
    if (first?.type === 'rejected') throw rejectionError(first.reason, first.message, { venueOrderId });
    this.apply(events);
    return this.order(venueOrderId, symbol);
  }

  private mustBeOpen(venueOrderId: string, symbol: string): void {
    const order = this.order(venueOrderId, symbol);
    if (order.status !== 'open' && order.status !== 'partially_filled') {
      throw new OrderRejectedByVenueError(`order ${venueOrderId} is ${order.status}, no longer open`, {
        venueOrderId,
        status: order.status,
      });
    }
  }

  private publish(changes: LedgerChanges): void {
    for (const order of changes.orders) for (const q of this.watchers.orders) q.push(order);
    for (const fill of changes.fills) for (const q of this.watchers.fills) q.push(fill);
    for (const funding of changes.funding) for (const q of this.watchers.funding) q.push(funding);
  }

  private watch<T>(set: Set<LiveQueue<T>>): AsyncIterable<T> {
    return {
      [Symbol.asyncIterator]: () => {
        const queue = new LiveQueue<T>(() => set.delete(queue));
        if (this.ended) queue.end();
        else set.add(queue);
        return queue;
      },
    };
  }
}
