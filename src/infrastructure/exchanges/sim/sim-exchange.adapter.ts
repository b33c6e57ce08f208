import type { Logger } from 'pino';
import type {
  ExchangeAdapter,
  ExchangeCapabilities,
  TradingAccount,
  TradingSession,
} from '../exchange-adapter.port';
import { VenueUnavailableError } from '../exchange.errors';
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
import type { EndableStream } from './live-queue';
import { SimMarketGenerator } from './sim-market.generator';
import { SIM_MARKETS, type SimMarket } from './sim-markets';
import { SIM_OHLCV_PAGE_SIZE, SimSnapshots, timeframeMs } from './sim-snapshots';
import { SimStreams } from './sim-streams';
import { SimSymbols, toMarket } from './sim-symbols';
import { SimTradingSession } from './sim-trading.session';

export interface SimExchangeOptions {
  /** SIM_SEED: the same seed gives the same markets, history, books and fills. */
  seed: string | number;
  /** The venue's clock (default Date.now): tests pin it to get exact, repeatable answers. */
  now?: () => number;
  /** The registry id (default 'sim'). */
  id?: string;
  markets?: readonly SimMarket[];
  logger?: Logger;
}

export const SIM_CAPABILITIES: ExchangeCapabilities = {
  trading: true,
  streams: true,
  ohlcvPageSize: SIM_OHLCV_PAGE_SIZE,
  tradesRestWindowMs: null,
  timeframes: TIMEFRAMES,
};

/**
 * The built-in simulated venue (ARCHITECTURE.md §4), the default exchange: market data from the
 * deterministic SimMarketGenerator for any past range and live, and trading through one pure
 * MatchingEngine per account fed with that market. Nothing leaves the process.
 */
export class SimExchangeAdapter implements ExchangeAdapter {
  readonly id: string;
  readonly capabilities = SIM_CAPABILITIES;
  private readonly now: () => number;
  private readonly generator: SimMarketGenerator;
  private readonly symbols: SimSymbols;
  private readonly snapshots: SimSnapshots;
  private readonly streams: SimStreams;
  private readonly sessions = new Map<string, SimTradingSession>();
  private readonly liveStreams = new Set<EndableStream>();
  private closed = false;

  constructor(options: SimExchangeOptions) {
    this.id = options.id ?? 'sim';
    this.now = options.now ?? Date.now;
    this.generator = new SimMarketGenerator(options.seed, options.markets ?? SIM_MARKETS);
    this.symbols = new SimSymbols(this.id, this.generator.markets());
    this.snapshots = new SimSnapshots(this.generator);
    this.streams = new SimStreams(this.generator, this.snapshots, this.now, {
      opened: (stream) => this.liveStreams.add(stream),
      closed: (stream) => this.liveStreams.delete(stream),
    });
  }

  /** Streams being iterated now (each holds a timer until its consumer stops). */
  get openStreams(): number {
    return this.liveStreams.size;
  }

  loadMarkets(): Promise<Market[]> {
    return this.answer(() => this.generator.markets().map(toMarket));
  }

  market(symbol: string): Promise<Market> {
    return this.answer(() => toMarket(this.symbols.resolve(symbol)));
  }

  fetchTrades(symbol: string, options: SinceLimit = {}): Promise<Trade[]> {
    return this.answer(() => this.snapshots.trades(this.symbols.resolve(symbol), options, this.now()));
  }

  fetchOHLCV(symbol: string, timeframe: Timeframe, options: SinceLimit = {}): Promise<OHLCV[]> {
    return this.answer(() =>
      this.snapshots.ohlcv(this.symbols.resolve(symbol), timeframe, options, this.now()),
    );
  }

  fetchOrderBook(symbol: string, limit?: number): Promise<OrderBook> {
    return this.answer(() => this.snapshots.book(this.symbols.resolve(symbol), limit, this.now()));
  }

  fetchTicker(symbol: string): Promise<Ticker> {
    return this.answer(() => this.snapshots.ticker(this.symbols.resolve(symbol), this.now()));
  }

  watchTrades(symbol: string): AsyncIterable<Trade[]> {
    return this.streams.trades(this.live(symbol));
  }

  watchOrderBook(symbol: string): AsyncIterable<OrderBook> {
    return this.streams.book(this.live(symbol));
  }

  watchOHLCV(symbol: string, timeframe: Timeframe): AsyncIterable<CandleUpdate> {
    const market = this.live(symbol);
    timeframeMs(timeframe);
    return this.streams.candles(market, timeframe);
  }

  watchTicker(symbol: string): AsyncIterable<Ticker> {
    return this.streams.ticker(this.live(symbol));
  }

  /** The same accountId always gets the same session (and so the same orders and balances). */
  trading(account: TradingAccount): TradingSession {
    this.assertOpen();
    let session = this.sessions.get(account.accountId);
    if (session === undefined) {
      session = new SimTradingSession({
        account,
        generator: this.generator,
        snapshots: this.snapshots,
        symbols: this.symbols,
        markets: this.generator.markets(),
        now: this.now,
      });
      this.sessions.set(account.accountId, session);
    }
    return session;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const stream of [...this.liveStreams]) stream.end();
    await Promise.all([...this.sessions.values()].map((s) => s.close()));
    this.sessions.clear();
  }

  /** Validates eagerly: a bad symbol fails the watch call itself, not the first next(). */
  private live(symbol: string): SimMarket {
    this.assertOpen();
    return this.symbols.resolve(symbol);
  }

  private answer<T>(produce: () => T | Promise<T>): Promise<T> {
    try {
      this.assertOpen();
      return Promise.resolve(produce());
    } catch (error: unknown) {
      return Promise.reject(error instanceof Error ? error : new Error('sim venue failed'));
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new VenueUnavailableError(`${this.id} is closed`, { exchange: this.id });
  }
}
