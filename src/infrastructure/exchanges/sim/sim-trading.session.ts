import { MatchingEngine } from '../../../domain/matching';
import { Dec } from '../../../domain/shared/decimal';
import type { TradingAccount, TradingSession } from '../exchange-adapter.port';
import { OrderRejectedByVenueError } from '../exchange.errors';
import type {
  AmendRequest,
  VenueBalance,
  VenueFill,
  VenueFunding,
  VenueOrder,
  VenueOrderRequest,
  VenuePosition,
} from '../trading.types';
import { EngineAccount } from './engine-account';
import { SimEngineFeed } from './sim-engine-feed';
import type { SimMarketGenerator } from './sim-market.generator';
import type { SimMarket } from './sim-markets';
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
 * One simulated account: an EngineAccount fed with the sim venue's market. The engine catches up on
 * every call (so a test with a pinned clock sees exact results) and on a timer while the account
 * has open orders or positions (so fills and funding arrive on the watch streams as time passes).
 */
export class SimTradingSession implements TradingSession {
  private readonly account: EngineAccount;
  private readonly feed: SimEngineFeed;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: SimTradingDeps) {
    const engine = new MatchingEngine({
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
    this.account = new EngineAccount(engine);
    this.feed = new SimEngineFeed(engine, deps.generator, deps.snapshots);
  }

  createOrder(request: VenueOrderRequest): Promise<VenueOrder> {
    return this.run(() => {
      const market = this.deps.symbols.resolve(request.symbol);
      const existing = this.account.placed(request.clientOrderId);
      if (existing !== undefined) return existing;
      const order = this.account.place(request, market.symbol, this.sync(market));
      this.schedule();
      return order;
    });
  }

  amendOrder(venueOrderId: string, symbol: string, amend: AmendRequest): Promise<VenueOrder> {
    return this.run(() => {
      const market = this.deps.symbols.resolve(symbol);
      return this.account.amend(venueOrderId, market.symbol, amend, this.sync(market));
    });
  }

  cancelOrder(venueOrderId: string, symbol: string): Promise<VenueOrder> {
    return this.run(() => {
      const market = this.deps.symbols.resolve(symbol);
      const order = this.account.cancel(venueOrderId, market.symbol, this.sync(market));
      this.schedule();
      return order;
    });
  }

  fetchOrder(venueOrderId: string, symbol: string): Promise<VenueOrder> {
    return this.run(() => {
      const market = this.deps.symbols.resolve(symbol);
      this.sync();
      return this.account.order(venueOrderId, market.symbol);
    });
  }

  fetchOpenOrders(symbol?: string): Promise<VenueOrder[]> {
    return this.run(() => {
      const market = symbol === undefined ? undefined : this.deps.symbols.resolve(symbol);
      this.sync();
      return this.account.openOrders(market?.symbol);
    });
  }

  fetchFills(options: { symbol?: string; since?: number } = {}): Promise<VenueFill[]> {
    return this.run(() => {
      const market = options.symbol === undefined ? undefined : this.deps.symbols.resolve(options.symbol);
      this.sync();
      return this.account.fills(market?.symbol, options.since);
    });
  }

  /** The settlement currency from the engine; other starting currencies are carried as they are. */
  fetchBalances(): Promise<VenueBalance[]> {
    return this.run(() => {
      this.sync();
      const others = Object.entries(this.deps.account.initialBalances ?? {})
        .filter(([currency]) => currency !== SIM_SETTLE_CURRENCY)
        .map(([currency, amount]) => ({ currency, total: amount, free: amount, used: '0' }));
      return [this.account.settlementBalance(SIM_SETTLE_CURRENCY), ...others];
    });
  }

  fetchPositions(): Promise<VenuePosition[]> {
    return this.run(() => {
      this.sync();
      return this.account.positions(this.deps.markets.map((m) => m.symbol));
    });
  }

  watchOrders(): AsyncIterable<VenueOrder> {
    return this.account.watchOrders();
  }

  watchFills(): AsyncIterable<VenueFill> {
    return this.account.watchFills();
  }

  watchFunding(): AsyncIterable<VenueFunding> {
    return this.account.watchFunding();
  }

  close(): Promise<void> {
    this.stopTimer();
    this.account.close();
    return Promise.resolve();
  }

  /** Runs a synchronous step as the port's promise, a thrown error as a rejection. */
  private run<T>(step: () => T): Promise<T> {
    try {
      if (this.account.closed) throw new OrderRejectedByVenueError('the trading session is closed', {});
      return Promise.resolve(step());
    } catch (error: unknown) {
      return Promise.reject(error instanceof Error ? error : new Error('sim trading failed'));
    }
  }

  /** Brings the engine up to now for every market in play (and `extra`); returns now. */
  private sync(extra?: SimMarket): number {
    const now = this.deps.now();
    const active = this.activeMarkets();
    if (extra !== undefined && !active.has(extra)) {
      // Nothing of ours in that market: the trades since we last looked met nothing, so none is
      // replayed (an account idle for days would otherwise replay every one on its next order).
      this.feed.restartAt(extra.symbol);
      active.add(extra);
    }
    this.account.apply(this.feed.catchUp(active, now));
    return now;
  }

  private activeMarkets(): Set<SimMarket> {
    const { engine } = this.account;
    const symbols = new Set(engine.openOrders().map((o) => o.symbol));
    return new Set(
      this.deps.markets.filter(
        (m) => symbols.has(m.symbol) || !(engine.position(m.symbol)?.quantity.isZero() ?? true),
      ),
    );
  }

  /** Follows the market on a timer only while something is open: an idle account costs nothing. */
  private schedule(): void {
    const busy = this.activeMarkets().size > 0;
    if (busy && this.timer === undefined && !this.account.closed) {
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
}
