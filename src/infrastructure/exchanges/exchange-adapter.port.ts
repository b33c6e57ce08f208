import type {
  CandleUpdate,
  Market,
  OHLCV,
  OrderBook,
  SinceLimit,
  Ticker,
  Timeframe,
  Trade,
} from './market-data.types';
import type {
  AmendRequest,
  VenueBalance,
  VenueFill,
  VenueFunding,
  VenueOrder,
  VenueOrderRequest,
  VenuePosition,
} from './trading.types';

/**
 * The one port to every venue (ARCHITECTURE.md §4): snapshots, streams and trading. Symbols are
 * accepted in ccxt form ('BTC/USDT:USDT') and in the venue's native form ('BTCUSDT'), and answered in
 * ccxt form. `since` is inclusive and `limit` caps the count on every venue; results are ascending.
 *
 * Streams are async iterables: each yields updates in order until the consumer stops iterating
 * (break / return()), which unsubscribes. They reconnect and resubscribe by themselves; a book
 * stream that detects a sequence gap resyncs from a snapshot before yielding again.
 */
export interface ExchangeAdapter {
  readonly id: string;
  readonly capabilities: ExchangeCapabilities;

  loadMarkets(): Promise<Market[]>;
  /** Resolves a ccxt or native symbol; throws BadSymbolError when the venue has no such market. */
  market(symbol: string): Promise<Market>;

  fetchTrades(symbol: string, options?: SinceLimit): Promise<Trade[]>;
  fetchOHLCV(symbol: string, timeframe: Timeframe, options?: SinceLimit): Promise<OHLCV[]>;
  fetchOrderBook(symbol: string, limit?: number): Promise<OrderBook>;
  fetchTicker(symbol: string): Promise<Ticker>;

  watchTrades(symbol: string): AsyncIterable<Trade[]>;
  watchOrderBook(symbol: string): AsyncIterable<OrderBook>;
  watchOHLCV(symbol: string, timeframe: Timeframe): AsyncIterable<CandleUpdate>;
  watchTicker(symbol: string): AsyncIterable<Ticker>;

  /** A trading session for one account; throws when the venue does not trade (capabilities.trading). */
  trading(account: TradingAccount): TradingSession;

  close(): Promise<void>;
}

export interface ExchangeCapabilities {
  trading: boolean;
  streams: boolean;
  /** The most candles one fetchOHLCV request returns (planning warmups in the fewest calls). */
  ohlcvPageSize: number;
  /** The furthest back fetchTrades reaches over REST, in ms (null = no known bound). */
  tradesRestWindowMs: number | null;
  timeframes: readonly Timeframe[];
}

/**
 * Which account trades. Credentials are read from the environment variables the account names
 * (`credentialsEnv` is a prefix: <PREFIX>_API_KEY, <PREFIX>_SECRET, ...), never stored or logged.
 */
export interface TradingAccount {
  accountId: string;
  credentialsEnv?: string;
  /** Starting balances of a simulated account, by currency. */
  initialBalances?: Record<string, string>;
}

export interface TradingSession {
  createOrder(request: VenueOrderRequest): Promise<VenueOrder>;
  amendOrder(venueOrderId: string, symbol: string, amend: AmendRequest): Promise<VenueOrder>;
  cancelOrder(venueOrderId: string, symbol: string): Promise<VenueOrder>;
  fetchOrder(venueOrderId: string, symbol: string): Promise<VenueOrder>;
  fetchOpenOrders(symbol?: string): Promise<VenueOrder[]>;
  /** Fills since a time: reconciliation applies the ones missed while disconnected (by fill id). */
  fetchFills(options?: { symbol?: string; since?: number }): Promise<VenueFill[]>;
  fetchBalances(): Promise<VenueBalance[]>;
  fetchPositions(): Promise<VenuePosition[]>;

  watchOrders(): AsyncIterable<VenueOrder>;
  /** New fills only: a venue's replay of past fills on (re)connect is not yielded again. */
  watchFills(): AsyncIterable<VenueFill>;
  watchFunding(): AsyncIterable<VenueFunding>;

  close(): Promise<void>;
}
