import ccxt, { type Exchange, type MarketInterface as CcxtMarket, type Trade as CcxtTrade } from 'ccxt';
import type {
  ExchangeAdapter,
  ExchangeCapabilities,
  TradingAccount,
  TradingSession,
} from '../exchange-adapter.port';
import { BadSymbolError, VenueBadRequestError } from '../exchange.errors';
import {
  TIMEFRAMES,
  TIMEFRAME_MS,
  type CandleUpdate,
  type Market,
  type OHLCV,
  type OrderBook,
  type SinceLimit,
  type Ticker,
  type Timeframe,
  type Trade,
} from '../market-data.types';
import { venueMalformedRows, type MalformedRowKind } from '../venue.metrics';
import { toVenueError } from './ccxt-error.mapper';
import { createCcxtExchange, type CcxtInstance, type Env } from './ccxt-exchange.factory';
import { toCandle, toMarket, toOrderBook, toTicker, toTrade } from './ccxt-market-data.mapper';
import { fetchOhlcvPaged } from './ccxt-ohlcv.pager';
import { CcxtTradingSession } from './ccxt-trading.session';
import { CandleClosedTap } from './candle-closed.tap';
import { CandleSequence } from './candle-sequence';
import { installMessageTaps } from './message-tap';
import { resilientWatch, type BackoffPolicy } from './resilient-stream';
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
 * The port over any ccxt id (ARCHITECTURE.md §4): REST snapshots through ccxt, streams through
 * ccxt.pro, venue quirks from the id's VenueProfile. One market-data ccxt instance, created on
 * first use; every trading session gets its own instance holding that account's credentials.
 */
export class CcxtExchangeAdapter implements ExchangeAdapter {
  readonly id: string;
  readonly capabilities: ExchangeCapabilities;
  readonly profile: VenueProfile;
  private readonly env: Env;
  private readonly logger: VenueLogger;
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
    this.logger = options.logger ?? silentLogger;
    this.capabilities = {
      trading: this.profile.trading,
      streams: this.profile.streams,
      ohlcvPageSize: this.profile.ohlcvPageSize,
      tradesRestWindowMs: this.profile.tradesRestWindowMs,
      timeframes: this.profile.timeframes ?? TIMEFRAMES,
    };
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
    const markets = await this.call(exchange, () => exchange.loadMarkets());
    const numberToString = (value: number): string => String(exchange.numberToString(value));
    return Object.values(markets)
      .map((market) => (market === undefined ? undefined : this.toMarket(market, numberToString)))
      .filter((market): market is Market => market !== undefined);
  }

  async market(symbol: string): Promise<Market> {
    const exchange = await this.exchange();
    const market = await this.ccxtMarket(exchange, symbol);
    const mapped = this.toMarket(market, (value) => String(exchange.numberToString(value)));
    if (mapped === undefined) throw new BadSymbolError(`${this.id} has no market ${symbol}`, { symbol });
    return mapped;
  }

  async fetchTrades(symbol: string, options: SinceLimit = {}): Promise<Trade[]> {
    const exchange = await this.exchange();
    const unified = (await this.ccxtMarket(exchange, symbol)).symbol;
    if (this.profile.publicTradesRest === false) return [];
    // A venue that only answers its latest trades would otherwise page from the wrong end.
    const venueLimit =
      options.since !== undefined && this.profile.recentTradesMax !== undefined
        ? this.profile.recentTradesMax
        : options.limit;
    const raw = await this.call(exchange, () =>
      exchange.fetchTrades(unified, options.since, venueLimit).catch((error: unknown) => {
        // ccxt throws on the whole answer when one row cannot be parsed (a plain TypeError, not a
        // ccxt error): parse the rows of the answer it kept one by one instead.
        if (error instanceof Error && !(error instanceof ccxt.BaseError))
          return this.parseRowsOneByOne(exchange, unified);
        throw error;
      }),
    );
    const trades: Trade[] = [];
    for (const row of raw) {
      const trade = toTrade(row);
      if (trade === undefined) this.malformed('trades', row);
      else if (options.since === undefined || trade.timestamp >= options.since) trades.push(trade);
    }
    trades.sort((a, b) => a.timestamp - b.timestamp);
    if (options.limit === undefined) return trades;
    return options.since === undefined ? trades.slice(-options.limit) : trades.slice(0, options.limit);
  }

  async fetchOHLCV(symbol: string, timeframe: Timeframe, options: SinceLimit = {}): Promise<OHLCV[]> {
    this.assertTimeframe(timeframe);
    const exchange = await this.exchange();
    const unified = (await this.ccxtMarket(exchange, symbol)).symbol;
    return fetchOhlcvPaged(
      (since, limit, until) =>
        this.call(exchange, () =>
          // With the limit sent raw, ccxt must not slice: it would hide a malformed row.
          exchange.fetchOHLCV(
            unified,
            timeframe,
            since,
            this.ccxtOhlcvLimit(limit),
            this.ohlcvParams(limit, until),
          ),
        ),
      {
        pageSize: this.profile.ohlcvPageSize,
        timeframeMs: TIMEFRAME_MS[timeframe],
        latestWithoutLimit: this.profile.latestOhlcvWithoutLimit === true,
        onMalformed: (row) => this.malformed('klines', row),
      },
      options,
    );
  }

  private parseRowsOneByOne(exchange: Exchange, symbol: string): CcxtTrade[] {
    const json: unknown = (exchange as unknown as { last_json_response?: unknown }).last_json_response;
    const market = exchange.market(symbol);
    const trades: CcxtTrade[] = [];
    for (const row of rowsOf(json)) {
      try {
        trades.push(exchange.parseTrade(row as Record<string, unknown>, market));
      } catch {
        this.malformed('trades', row);
      }
    }
    return trades;
  }

  /**
   * The limit ccxt is told. ccxt slices its sorted, parsed answer to it, which would drop a malformed
   * row before the pager can count it; so it is given only where ccxt must turn it into the request
   * (no raw limit param), and Hyperliquid, whose candleSnapshot takes no limit, gets none.
   */
  private ccxtOhlcvLimit(limit: number | undefined): number | undefined {
    if (this.profile.latestOhlcvWithoutLimit === true) return undefined;
    // With the venue's limit sent raw, no local cap: ccxt keeps every row the venue sent.
    return this.profile.rawOhlcvLimit === true && limit !== undefined ? Number.MAX_SAFE_INTEGER : limit;
  }

  private ohlcvParams(limit: number | undefined, until: number | undefined): Record<string, unknown> {
    const params: Record<string, unknown> = {};
    if (until !== undefined) params.until = until;
    if (this.profile.rawOhlcvLimit === true && limit !== undefined) params.limit = limit;
    return params;
  }

  async fetchOrderBook(symbol: string, limit?: number): Promise<OrderBook> {
    const exchange = await this.exchange();
    const unified = (await this.ccxtMarket(exchange, symbol)).symbol;
    const venueLimit =
      limit === undefined ? undefined : (this.profile.orderBookLimits?.find((l) => l >= limit) ?? limit);
    const book = await this.call(exchange, () => exchange.fetchOrderBook(unified, venueLimit));
    return toOrderBook(book, unified, limit);
  }

  async fetchTicker(symbol: string): Promise<Ticker> {
    const exchange = await this.exchange();
    const unified = (await this.ccxtMarket(exchange, symbol)).symbol;
    return toTicker(await this.call(exchange, () => exchange.fetchTicker(unified)), unified);
  }

  async *watchTrades(symbol: string): AsyncIterable<Trade[]> {
    const exchange = await this.exchange();
    const unified = (await this.ccxtMarket(exchange, symbol)).symbol;
    for await (const batch of this.watch(
      exchange,
      `trades ${unified}`,
      () => exchange.watchTrades(unified),
      () => exchange.unWatchTrades(unified),
    )) {
      const trades: Trade[] = [];
      for (const row of batch) {
        const trade = toTrade(row);
        if (trade === undefined) this.malformed('trades', row);
        else trades.push(trade);
      }
      if (trades.length > 0) yield trades;
    }
  }

  async *watchOrderBook(symbol: string): AsyncIterable<OrderBook> {
    const exchange = await this.exchange();
    const unified = (await this.ccxtMarket(exchange, symbol)).symbol;
    const books = this.watch(
      exchange,
      `book ${unified}`,
      () => exchange.watchOrderBook(unified),
      () => exchange.unWatchOrderBook(unified),
      // Binance: ccxt dropped its subscription with the ChecksumError, so watching again refetches
      // the REST snapshot. Bybit: the tap rejected the watch; unsubscribing first makes the next
      // subscribe answer a fresh snapshot.
      async () => {
        if (this.profile.id === 'bybit') await exchange.unWatchOrderBook(unified).catch(() => undefined);
      },
    );
    for await (const book of books) yield toOrderBook(book, unified);
  }

  async *watchOHLCV(symbol: string, timeframe: Timeframe): AsyncIterable<CandleUpdate> {
    this.assertTimeframe(timeframe);
    const exchange = await this.exchange();
    const market = await this.ccxtMarket(exchange, symbol);
    const unified = market.symbol;
    const timeframeMs = TIMEFRAME_MS[timeframe];
    const sequence = this.profile.candleClosedFlag === undefined ? new CandleSequence() : undefined;
    for await (const rows of this.watch(
      exchange,
      `ohlcv ${unified} ${timeframe}`,
      () => exchange.watchOHLCV(unified, timeframe),
      () => exchange.unWatchOHLCV(unified, timeframe),
    )) {
      for (const row of rows) {
        const candle = toCandle(row);
        if (candle === undefined) {
          this.malformed('klines', row);
          continue;
        }
        if (sequence !== undefined) {
          for (const update of sequence.accept(candle)) yield { symbol: unified, timeframe, ...update };
          continue;
        }
        const flag = this.candleFlags.closed(String(market.id), candle[0]);
        yield { symbol: unified, timeframe, candle, closed: flag ?? candle[0] + timeframeMs <= Date.now() };
      }
    }
  }

  async *watchTicker(symbol: string): AsyncIterable<Ticker> {
    const exchange = await this.exchange();
    const unified = (await this.ccxtMarket(exchange, symbol)).symbol;
    for await (const ticker of this.watch(
      exchange,
      `ticker ${unified}`,
      () => exchange.watchTicker(unified),
      () => exchange.unWatchTicker(unified),
    )) {
      yield toTicker(ticker, unified);
    }
  }

  trading(account: TradingAccount): TradingSession {
    if (!this.profile.trading)
      throw new VenueBadRequestError(`${this.id} does not trade`, { exchange: this.id });
    const session = new CcxtTradingSession(this.profile, account, {
      env: this.env,
      logger: this.logger,
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
    await this.call(exchange, () => exchange.loadMarkets());
    const markets = exchange.markets as Record<string, CcxtMarket | undefined>;
    const byId = exchange.markets_by_id as Record<string, CcxtMarket[] | undefined> | undefined;
    const market =
      markets[symbol] ??
      byId?.[symbol]?.[0] ??
      byId?.[symbol.toUpperCase()]?.[0] ??
      this.byNativeId(markets, symbol);
    if (market === undefined)
      throw new BadSymbolError(`${this.id} has no market ${symbol}`, { exchange: this.id, symbol });
    return market;
  }

  /** Market.id is the venue's user-facing native symbol (the profile's nativeId, else ccxt's id). */
  private toMarket(market: CcxtMarket, numberToString: (value: number) => string): Market | undefined {
    const mapped = toMarket(market, numberToString);
    const nativeId = this.profile.nativeId?.(market);
    return mapped === undefined || nativeId === undefined ? mapped : { ...mapped, id: nativeId };
  }

  private byNativeId(
    markets: Record<string, CcxtMarket | undefined>,
    symbol: string,
  ): CcxtMarket | undefined {
    const profile = this.profile;
    if (profile.nativeId === undefined) return undefined;
    const wanted = symbol.toUpperCase();
    return Object.values(markets).find(
      (market) => market !== undefined && profile.nativeId?.(market)?.toUpperCase() === wanted,
    );
  }

  private async exchange(): Promise<Exchange> {
    return (await this.ccxt()).exchange;
  }

  private watch<T>(
    exchange: Exchange,
    name: string,
    watch: () => Promise<T>,
    unwatch: () => Promise<unknown>,
    resync?: () => Promise<void>,
  ): AsyncGenerator<T> {
    if (!this.profile.streams)
      throw new VenueBadRequestError(`${this.id} has no streams`, { exchange: this.id });
    return resilientWatch({
      name: `${this.id} ${name}`,
      watch,
      unwatch: async () => {
        await unwatch();
      },
      resync,
      isClosed: () => this.closed,
      mapError: (error) => toVenueError(error, { exchange, profile: this.profile }),
      logger: this.logger,
      backoff: this.options.backoff,
    });
  }

  private async call<T>(exchange: Exchange, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error: unknown) {
      throw toVenueError(error, { exchange, profile: this.profile });
    }
  }

  private malformed(kind: MalformedRowKind, row: unknown): void {
    venueMalformedRows.inc({ exchange: this.id, kind });
    this.logger.warn({ exchange: this.id, kind, row: preview(row) }, 'venue sent a malformed row: skipped');
  }

  private assertTimeframe(timeframe: Timeframe): void {
    if (!this.capabilities.timeframes.includes(timeframe)) {
      throw new BadSymbolError(`${this.id} has no timeframe ${timeframe}`, { exchange: this.id, timeframe });
    }
  }
}

/** The row list of a venue answer: a top-level array, or `result.list` / `data` (Bybit, others). */
function rowsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (typeof json !== 'object' || json === null) return [];
  const record = json as Record<string, unknown>;
  const result = record.result as Record<string, unknown> | undefined;
  if (Array.isArray(result?.list)) return result.list;
  return Array.isArray(record.data) ? record.data : [];
}

function preview(row: unknown): string {
  try {
    return JSON.stringify(row).slice(0, 200);
  } catch {
    return String(row);
  }
}
