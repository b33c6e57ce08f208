import { MatchingEngine, type EngineEvent } from '../../../domain/matching';
import { Dec, toWire } from '../../../domain/shared/decimal';
import type { TradingAccount, TradingSession } from '../exchange-adapter.port';
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
import { SimEngineFeed } from './sim-engine-feed';
import type { SimMarketGenerator } from './sim-market.generator';
import type { SimMarket } from './sim-markets';
import { SimOrderLedger, type LedgerChanges } from './sim-order-ledger';
import { isOrderOutcome, rejectionError, toEngineAmendment, toEngineOrder } from './sim-order-request';
import type { SimSnapshots } from './sim-snapshots';
import type { SimSymbols } from './sim-symbols';

export const SIM_DEFAULT_BALANCE = '100000';
export const SIM_SETTLE_CURRENCY = 'USDT';
/** Binance USDⓈ-M's regular tier, and a venue-like default leverage. */
export const SIM_FEES = { maker: '0.0002', taker: '0.0005' } as const;
export const SIM_DEFAULT_LEVERAGE = 10;
/** While orders or positions are open, the engine follows the market this often. */
export const SIM_FEED_INTERVAL_MS = 250;

export interface SimTradingDeps {
  account: TradingAccount;
  generator: SimMarketGenerator;
  snapshots: SimSnapshots;
  symbols: SimSymbols;
  markets: readonly SimMarket[];
  now: () => number;
}

/**
 * One simulated account: a MatchingEngine fed with the sim venue's market. The engine catches up on
 * every call (so a test with a pinned clock sees exact results) and on a timer while the account
 * has open orders or positions (so fills and funding arrive on the watch streams as time passes).
 */
export class SimTradingSession implements TradingSession {
  private readonly engine: MatchingEngine;
  private readonly feed: SimEngineFeed;
  private readonly ledger = new SimOrderLedger();
  private readonly watchers = {
    orders: new Set<LiveQueue<VenueOrder>>(),
    fills: new Set<LiveQueue<VenueFill>>(),
    funding: new Set<LiveQueue<VenueFunding>>(),
  };
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly deps: SimTradingDeps) {
    this.engine = new MatchingEngine({
      instruments: deps.markets.map((m) => ({
        symbol: m.symbol,
        contractType: m.contractType,
        tickSize: new Dec(m.tickSize),
        lotSize: new Dec(m.lotSize),
        minQuantity: new Dec(m.minQuantity),
        maxLeverage: m.maxLeverage,
      })),
      makerFeeRate: SIM_FEES.maker,
      takerFeeRate: SIM_FEES.taker,
      initialBalance: deps.account.initialBalances?.[SIM_SETTLE_CURRENCY] ?? SIM_DEFAULT_BALANCE,
      defaultLeverage: SIM_DEFAULT_LEVERAGE,
      idPrefix: 'sim-',
    });
    this.feed = new SimEngineFeed(this.engine, deps.generator, deps.snapshots);
  }

  createOrder(request: VenueOrderRequest): Promise<VenueOrder> {
    return this.run(() => {
      const market = this.deps.symbols.resolve(request.symbol);
      // The client order id is our idempotency key: a retried request answers the order it made.
      const existing = this.ledger.byClientId(request.clientOrderId);
      if (existing !== undefined) return existing;
      const order = toEngineOrder(request, market.symbol);
      const now = this.sync(market);
      const events = this.engine.submit(order, now);
      const first = events[0];
      if (first?.type === 'rejected') {
        if (!isOrderOutcome(first.reason))
          throw rejectionError(first.reason, first.message, { symbol: market.symbol });
        const rejected = this.ledger.recordRejected(first.orderId, order, first.reason, now);
        this.publish({ orders: [rejected], fills: [], funding: [] });
        return rejected;
      }
      this.apply(events);
      this.schedule();
      return this.mustGet(first !== undefined && 'orderId' in first ? first.orderId : '', market.symbol);
    });
  }

  amendOrder(venueOrderId: string, symbol: string, amend: AmendRequest): Promise<VenueOrder> {
    return this.run(() => {
      const market = this.deps.symbols.resolve(symbol);
      const changes = toEngineAmendment(amend);
      const now = this.sync(market);
      this.mustBeOpen(venueOrderId, market.symbol);
      const events = this.engine.amend(venueOrderId, changes, now);
      const first = events[0];
      if (first?.type === 'rejected') throw rejectionError(first.reason, first.message, { venueOrderId });
      this.apply(events);
      return this.mustGet(venueOrderId, market.symbol);
    });
  }

  cancelOrder(venueOrderId: string, symbol: string): Promise<VenueOrder> {
    return this.run(() => {
      const market = this.deps.symbols.resolve(symbol);
      const now = this.sync(market);
      this.mustBeOpen(venueOrderId, market.symbol);
      const events = this.engine.cancel(venueOrderId, now);
      const first = events[0];
      if (first?.type === 'rejected') throw rejectionError(first.reason, first.message, { venueOrderId });
      this.apply(events);
      this.schedule();
      return this.mustGet(venueOrderId, market.symbol);
    });
  }

  fetchOrder(venueOrderId: string, symbol: string): Promise<VenueOrder> {
    return this.run(() => {
      const market = this.deps.symbols.resolve(symbol);
      this.sync();
      return this.mustGet(venueOrderId, market.symbol);
    });
  }

  fetchOpenOrders(symbol?: string): Promise<VenueOrder[]> {
    return this.run(() => {
      const market = symbol === undefined ? undefined : this.deps.symbols.resolve(symbol);
      this.sync();
      return this.ledger.open(market?.symbol);
    });
  }

  fetchFills(options: { symbol?: string; since?: number } = {}): Promise<VenueFill[]> {
    return this.run(() => {
      const market = options.symbol === undefined ? undefined : this.deps.symbols.resolve(options.symbol);
      this.sync();
      return this.ledger.fills(market?.symbol, options.since);
    });
  }

  /**
   * The settlement currency: total = equity (wallet + unrealized PnL), free = what new orders may
   * use, used = the rest (position and order margin). Other starting currencies are carried as is.
   */
  fetchBalances(): Promise<VenueBalance[]> {
    return this.run(() => {
      this.sync();
      const view = this.engine.balance();
      const free = Dec.max(view.available, 0);
      const settle: VenueBalance = {
        currency: SIM_SETTLE_CURRENCY,
        total: toWire(view.equity),
        free: toWire(free),
        used: toWire(view.equity.minus(free)),
      };
      const others = Object.entries(this.deps.account.initialBalances ?? {})
        .filter(([currency]) => currency !== SIM_SETTLE_CURRENCY)
        .map(([currency, amount]) => ({ currency, total: amount, free: amount, used: '0' }));
      return [settle, ...others];
    });
  }

  fetchPositions(): Promise<VenuePosition[]> {
    return this.run(() => {
      this.sync();
      const out: VenuePosition[] = [];
      for (const market of this.deps.markets) {
        const p = this.engine.position(market.symbol);
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
    });
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

  close(): Promise<void> {
    this.closed = true;
    this.stopTimer();
    for (const set of Object.values(this.watchers)) {
      for (const queue of [...set]) queue.end();
    }
    return Promise.resolve();
  }

  /** Runs a synchronous step as the port's promise, a thrown error as a rejection. */
  private run<T>(step: () => T): Promise<T> {
    try {
      if (this.closed) throw new OrderRejectedByVenueError('the trading session is closed', {});
      return Promise.resolve(step());
    } catch (error: unknown) {
      return Promise.reject(error instanceof Error ? error : new Error('sim trading failed'));
    }
  }

  /** Brings the engine up to now for every market in play (and `extra`); returns now. */
  private sync(extra?: SimMarket): number {
    const now = this.deps.now();
    const active = this.activeMarkets();
    if (extra !== undefined) active.add(extra);
    this.apply(this.feed.catchUp(active, now));
    return now;
  }

  private activeMarkets(): Set<SimMarket> {
    const symbols = new Set(this.engine.openOrders().map((o) => o.symbol));
    return new Set(
      this.deps.markets.filter(
        (m) => symbols.has(m.symbol) || !(this.engine.position(m.symbol)?.quantity.isZero() ?? true),
      ),
    );
  }

  private apply(events: EngineEvent[]): void {
    if (events.length > 0) this.publish(this.ledger.apply(events));
  }

  private publish(changes: LedgerChanges): void {
    for (const order of changes.orders) for (const q of this.watchers.orders) q.push(order);
    for (const fill of changes.fills) for (const q of this.watchers.fills) q.push(fill);
    for (const funding of changes.funding) for (const q of this.watchers.funding) q.push(funding);
  }

  /** Follows the market on a timer only while something is open: an idle account costs nothing. */
  private schedule(): void {
    const busy = this.activeMarkets().size > 0;
    if (busy && this.timer === undefined && !this.closed) {
      this.timer = setInterval(() => {
        this.sync();
        this.schedule();
      }, SIM_FEED_INTERVAL_MS);
      this.timer.unref();
    } else if (!busy) {
      this.stopTimer();
    }
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private watch<T>(set: Set<LiveQueue<T>>): AsyncIterable<T> {
    return {
      [Symbol.asyncIterator]: () => {
        const queue = new LiveQueue<T>(() => set.delete(queue));
        if (this.closed) queue.end();
        else set.add(queue);
        return queue;
      },
    };
  }

  private mustGet(venueOrderId: string, symbol: string): VenueOrder {
    const order = this.ledger.get(venueOrderId);
    if (order === undefined || order.symbol !== symbol) {
      throw new OrderNotFoundError(`no order ${venueOrderId} on ${symbol}`, { venueOrderId, symbol });
    }
    return order;
  }

  private mustBeOpen(venueOrderId: string, symbol: string): void {
    const order = this.mustGet(venueOrderId, symbol);
    if (order.status !== 'open' && order.status !== 'partially_filled') {
      throw new OrderRejectedByVenueError(`order ${venueOrderId} is ${order.status}, no longer open`, {
        venueOrderId,
        status: order.status,
      });
    }
  }
}
