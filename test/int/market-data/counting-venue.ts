import { CANDLE_SETTLE_MS, candleWindow, type CandleWindow } from '../../../src/domain/market-data';
import { VenueUnavailableError } from '../../../src/infrastructure/exchanges/exchange.errors';
import type {
  ExchangeAdapter,
  TradingAccount,
  TradingSession,
} from '../../../src/infrastructure/exchanges/exchange-adapter.port';
import type {
  CandleUpdate,
  Market,
  OHLCV,
  OrderBook,
  SinceLimit,
  Ticker,
  Timeframe,
  Trade,
} from '../../../src/infrastructure/exchanges/market-data.types';

/**
 * A venue at the edge of the test: delegates to a real adapter (the sim, deterministic) and
 * records every snapshot request, so tests can count what the store asked for. `holes` makes the
 * venue have no candle at those open times, as a venue with a halted market would.
 */
export class CountingVenue implements ExchangeAdapter {
  readonly ohlcvCalls: { symbol: string; timeframe: Timeframe; since?: number; limit?: number }[] = [];
  readonly tradesCalls: SinceLimit[] = [];
  readonly bookCalls: (number | undefined)[] = [];
  holes: (openTime: number) => boolean = () => false;
  /** Symbols whose candle requests fail as an unreachable venue's would. */
  failing: (symbol: string) => boolean = () => false;

  constructor(private readonly inner: ExchangeAdapter) {}

  get id(): string {
    return this.inner.id;
  }
  get capabilities(): ExchangeAdapter['capabilities'] {
    return this.inner.capabilities;
  }

  reset(): void {
    this.ohlcvCalls.length = 0;
    this.tradesCalls.length = 0;
    this.bookCalls.length = 0;
  }

  loadMarkets(): Promise<Market[]> {
    return this.inner.loadMarkets();
  }
  market(symbol: string): Promise<Market> {
    return this.inner.market(symbol);
  }
  fetchTrades(symbol: string, options?: SinceLimit): Promise<Trade[]> {
    this.tradesCalls.push({ ...options });
    return this.inner.fetchTrades(symbol, options);
  }
  async fetchOHLCV(symbol: string, timeframe: Timeframe, options: SinceLimit = {}): Promise<OHLCV[]> {
    this.ohlcvCalls.push({ symbol, timeframe, ...options });
    if (this.failing(symbol)) throw new VenueUnavailableError('venue unreachable', { exchange: this.id });
    return (await this.inner.fetchOHLCV(symbol, timeframe, options)).filter((c) => !this.holes(c[0]));
  }
  fetchOrderBook(symbol: string, limit?: number): Promise<OrderBook> {
    this.bookCalls.push(limit);
    return this.inner.fetchOrderBook(symbol, limit);
  }
  fetchTicker(symbol: string): Promise<Ticker> {
    return this.inner.fetchTicker(symbol);
  }
  watchTrades(symbol: string): AsyncIterable<Trade[]> {
    return this.inner.watchTrades(symbol);
  }
  watchOrderBook(symbol: string): AsyncIterable<OrderBook> {
    return this.inner.watchOrderBook(symbol);
  }
  watchOHLCV(symbol: string, timeframe: Timeframe): AsyncIterable<CandleUpdate> {
    return this.inner.watchOHLCV(symbol, timeframe);
  }
  watchTicker(symbol: string): AsyncIterable<Ticker> {
    return this.inner.watchTicker(symbol);
  }
  trading(account: TradingAccount): TradingSession {
    return this.inner.trading(account);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** candleWindow for a test that knows its window is not empty. */
export function someWindow(q: Parameters<typeof candleWindow>[0]): CandleWindow {
  const window = candleWindow(q);
  if (window === null) throw new Error(`empty candle window ${JSON.stringify(q)}`);
  return window;
}

/**
 * Waits, when needed, until no 1m candle will settle (become final: CANDLE_SETTLE_MS after its
 * close) for `roomMs`: a test that expects a second warmup to find nothing missing must not
 * straddle that moment.
 */
export async function roomInMinute(roomMs = 30_000): Promise<void> {
  const left = 60_000 - ((Date.now() - CANDLE_SETTLE_MS) % 60_000);
  if (left < roomMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
