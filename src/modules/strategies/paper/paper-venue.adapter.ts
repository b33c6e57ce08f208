import type {
  ExchangeAdapter,
  ExchangeCapabilities,
  TradingAccount,
  TradingSession,
} from '../../../infrastructure/exchanges/exchange-adapter.port';
import type {
  ExchangeAdapterFactory,
  ExchangeRegistry,
} from '../../../infrastructure/exchanges/exchange-registry';
import type {
  CandleUpdate,
  Market,
  OHLCV,
  OrderBook,
  SinceLimit,
  Ticker,
  Timeframe,
  Trade,
} from '../../../infrastructure/exchanges/market-data.types';
import { PaperTradingSession } from './paper-trading.session';

/** The prefix of a paper venue's id: `paperbinanceusdm` paper-trades on binanceusdm's live market. */
export const PAPER_VENUE_PREFIX = 'paper';

/**
 * A live venue's market data with paper trading: every snapshot and stream is the live venue's,
 * trading(account) is a PaperTradingSession (the matching engine against the live book). Accounts
 * opened on `paper<venue>` go through orders and risk like any other; nothing reaches the venue.
 */
export class PaperVenueAdapter implements ExchangeAdapter {
  private readonly sessions = new Map<string, PaperTradingSession>();

  constructor(
    readonly id: string,
    private readonly live: () => ExchangeAdapter,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get capabilities(): ExchangeCapabilities {
    return { ...this.live().capabilities, trading: true };
  }

  loadMarkets(): Promise<Market[]> {
    return this.live().loadMarkets();
  }

  market(symbol: string): Promise<Market> {
    return this.live().market(symbol);
  }

  fetchTrades(symbol: string, options?: SinceLimit): Promise<Trade[]> {
    return this.live().fetchTrades(symbol, options);
  }

  fetchOHLCV(symbol: string, timeframe: Timeframe, options?: SinceLimit): Promise<OHLCV[]> {
    return this.live().fetchOHLCV(symbol, timeframe, options);
  }

  fetchOrderBook(symbol: string, limit?: number): Promise<OrderBook> {
    return this.live().fetchOrderBook(symbol, limit);
  }

  fetchTicker(symbol: string): Promise<Ticker> {
    return this.live().fetchTicker(symbol);
  }

  watchTrades(symbol: string): AsyncIterable<Trade[]> {
    return this.live().watchTrades(symbol);
  }

  watchOrderBook(symbol: string): AsyncIterable<OrderBook> {
    return this.live().watchOrderBook(symbol);
  }

  watchOHLCV(symbol: string, timeframe: Timeframe): AsyncIterable<CandleUpdate> {
    return this.live().watchOHLCV(symbol, timeframe);
  }

  watchTicker(symbol: string): AsyncIterable<Ticker> {
    return this.live().watchTicker(symbol);
  }

  /** The same account always gets the same session (its orders, balances and positions). */
  trading(account: TradingAccount): TradingSession {
    let session = this.sessions.get(account.accountId);
    if (session === undefined) {
      session = new PaperTradingSession(this.live(), account, this.now);
      this.sessions.set(account.accountId, session);
    }
    return session;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.sessions.values()].map((s) => s.close()));
    this.sessions.clear();
  }
}

/** Registers `paper<venue>` for every configured paper id whose live venue is configured too. */
export function registerPaperVenues(registry: ExchangeRegistry): void {
  for (const id of registry.list()) {
    const liveId = id.slice(PAPER_VENUE_PREFIX.length);
    if (!id.startsWith(PAPER_VENUE_PREFIX) || liveId === '' || liveId === 'sim' || !registry.has(liveId))
      continue;
    const factory: ExchangeAdapterFactory = () => new PaperVenueAdapter(id, () => registry.get(liveId));
    registry.registerFactory(id, factory);
  }
}
