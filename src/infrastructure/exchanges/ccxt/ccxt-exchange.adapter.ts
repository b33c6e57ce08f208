import type { Exchange, MarketInterface as CcxtMarket } from 'ccxt';
import type {
  ExchangeAdapter,
  ExchangeCapabilities,
  TradingAccount,
  TradingSession,
} from '../exchange-adapter.port';
import { BadSymbolError, VenueBadRequestError } from '../exchange.errors';
import {
  TIMEFRAMES,
  type CandleUpdate,
  type Market,
  type OHLCV,
  type OrderBook,
  type SinceLimit,
  type Ticker,
  type Timeframe,
  type Trade,
} from '../market-data.types';
import { createCcxtExchange, type CcxtInstance, type Env } from './ccxt-exchange.factory';
import { CcxtMarketResolver } from './ccxt-market-resolver';
import { CcxtSnapshots } from './ccxt-snapshots';
import { CcxtStreams } from './ccxt-streams';
import { CcxtTradingSession } from './ccxt-trading.session';
import { callVenue, type CcxtVenueContext } from './ccxt-venue-context';
import { CandleClosedTap } from './candle-closed.tap';
import { installMessageTaps } from './message-tap';
import type { BackoffPolicy } from './resilient-stream';
import { silentLogger, type VenueLogger } from './venue-logger';
import { profileFor } from './venue-profiles';
import type { VenueProfile } from './venue-profile';

export interface CcxtAdapterOptions {
  /** Where EXCHANGE_<ID>_REST_URL / _WS_URL and account credentials are read (process.env). */
  readonly env?: Env;
  readonly logger?: VenueLogger;
  readonly backoff?: BackoffPolicy;
  readonly profile?: VenueProfile;
}

/**
 * The port over any ccxt id (ARCHITECTURE.md §4): REST snapshots through ccxt (CcxtSnapshots),
 * streams through ccxt.pro (CcxtStreams), venue quirks from the id's VenueProfile. One market-data
 * ccxt instance, created on first use; every trading session gets its own instance holding that
 * account's credentials.
 */
export class CcxtExchangeAdapter implements ExchangeAdapter {
  readonly id: string;
  readonly capabilities: ExchangeCapabilities;
  readonly profile: VenueProfile;
  private readonly env: Env;
  private readonly context: CcxtVenueContext;
  private readonly markets: CcxtMarketResolver;
  private readonly snapshots: CcxtSnapshots;
  private readonly streams: CcxtStreams;
  private instance: Promise<CcxtInstance> | undefined;
  private readonly candleFlags = new CandleClosedTap();
  private readonly sessions = new Set<TradingSession>();
  private closed = false;

  constructor(
    id: string,
    private readonly options: CcxtAdapterOptions = {},
  ) {
    this.id = id;
    this.profile = options.profile ?? profileFor(id);
    this.env = options.env ?? process.env;
    this.capabilities = {
      trading: this.profile.trading,
      streams: this.profile.streams,
      ohlcvPageSize: this.profile.ohlcvPageSize,
      tradesRestWindowMs: this.profile.tradesRestWindowMs,
      timeframes: this.profile.timeframes ?? TIMEFRAMES,
    };
    this.markets = new CcxtMarketResolver(id, this.profile);
    this.context = {
      id,
      profile: this.profile,
      logger: options.logger ?? silentLogger,
      backoff: options.backoff,
      exchange: () => this.exchange(),
      unifiedSymbol: async (exchange, symbol) => (await this.ccxtMarket(exchange, symbol)).symbol,
      isClosed: () => this.closed,
    };
    this.snapshots = new CcxtSnapshots(this.context);
    this.streams = new CcxtStreams(this.context, this.candleFlags);
  }

  /** The ccxt instance (tests reach ccxt internals, e.g. the taps, through it). */
  ccxt(): Promise<CcxtInstance> {
    this.instance ??= createCcxtExchange(this.profile, this.env).then((created) => {
      this.candleFlags.profile = this.profile;
      installMessageTaps(created.exchange, [this.candleFlags]);
      return created;
    });
    return this.instance;
  }

  async loadMarkets(): Promise<Market[]> {
    const exchange = await this.exchange();
    const markets = await callVenue(this.context, exchange, () => exchange.loadMarkets());
    return Object.values(markets)
      .map((market) => (market === undefined ? undefined : this.markets.toMarket(exchange, market)))
      .filter((market): market is Market => market !== undefined);
  }

  async market(symbol: string): Promise<Market> {
    const exchange = await this.exchange();
    const mapped = this.markets.toMarket(exchange, await this.ccxtMarket(exchange, symbol));
    if (mapped === undefined) throw new BadSymbolError(`${this.id} has no market ${symbol}`, { symbol });
    return mapped;
  }

  fetchTrades(symbol: string, options: SinceLimit = {}): Promise<Trade[]> {
    return this.snapshots.fetchTrades(symbol, options);
  }

  async fetchOHLCV(symbol: string, timeframe: Timeframe, options: SinceLimit = {}): Promise<OHLCV[]> {
    this.assertTimeframe(timeframe);
    return this.snapshots.fetchOHLCV(symbol, timeframe, options);
  }

  fetchOrderBook(symbol: string, limit?: number): Promise<OrderBook> {
    return this.snapshots.fetchOrderBook(symbol, limit);
  }

  fetchTicker(symbol: string): Promise<Ticker> {
    return this.snapshots.fetchTicker(symbol);
  }

  watchTrades(symbol: string): AsyncIterable<Trade[]> {
    return this.streams.watchTrades(symbol);
  }

  watchOrderBook(symbol: string): AsyncIterable<OrderBook> {
    return this.streams.watchOrderBook(symbol);
  }

  async *watchOHLCV(symbol: string, timeframe: Timeframe): AsyncIterable<CandleUpdate> {
    this.assertTimeframe(timeframe);
    yield* this.streams.watchOHLCV(symbol, timeframe);
  }

  watchTicker(symbol: string): AsyncIterable<Ticker> {
    return this.streams.watchTicker(symbol);
  }

  trading(account: TradingAccount): TradingSession {
    if (!this.profile.trading)
      throw new VenueBadRequestError(`${this.id} does not trade`, { exchange: this.id });
    const session = new CcxtTradingSession(this.profile, account, {
      env: this.env,
      logger: this.context.logger,
      backoff: this.options.backoff,
      marketData: this,
      onClose: () => this.sessions.delete(session),
    });
    this.sessions.add(session);
    return session;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.sessions].map((session) => session.close()));
    const instance = this.instance;
    this.instance = undefined;
    if (instance) await (await instance).exchange.close();
  }

  /** Resolves a ccxt or native symbol to ccxt's market (markets load once). */
  async ccxtMarket(exchange: Exchange, symbol: string): Promise<CcxtMarket> {
    await callVenue(this.context, exchange, () => exchange.loadMarkets());
    return this.markets.find(exchange, symbol);
  }

  private async exchange(): Promise<Exchange> {
    return (await this.ccxt()).exchange;
  }

  private assertTimeframe(timeframe: Timeframe): void {
    if (!this.capabilities.timeframes.includes(timeframe)) {
      throw new BadSymbolError(`${this.id} has no timeframe ${timeframe}`, { exchange: this.id, timeframe });
    }
  }
}
