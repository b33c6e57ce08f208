import type { Candle, Ticker } from '../../../domain/strategy';
import type { ExchangeAdapter } from '../../../infrastructure/exchanges/exchange-adapter.port';
import type {
  CandleUpdate,
  Ticker as VenueTicker,
  Timeframe,
} from '../../../infrastructure/exchanges/market-data.types';
import { TIMEFRAME_MS } from '../../../infrastructure/exchanges/market-data.types';
import { ReopeningStreams } from './reopening-streams';

export interface MarketInputHandlers {
  candle(candle: Candle): void;
  ticker(ticker: Ticker): void;
  /** A stream broke (it is reopened after a second): for the log, not for the strategy. */
  streamError(what: string, error: unknown): void;
}

/** A confirmed candle in the SDK's shape; open candles never reach a strategy. */
export function toCandle(u: CandleUpdate): Candle | undefined {
  if (!u.closed) return undefined;
  const [openTime, open, high, low, close, volume] = u.candle;
  return {
    symbol: u.symbol,
    openTime,
    closeTime: openTime + TIMEFRAME_MS[u.timeframe],
    open,
    high,
    low,
    close,
    volume,
  };
}

/** A venue ticker in the SDK's shape (the fields strategies read; absent numbers as undefined). */
export function toTicker(t: VenueTicker): Ticker | undefined {
  const last = t.last ?? t.close ?? t.markPrice;
  if (last === null) return undefined;
  const opt = (x: number | null) => (x === null ? undefined : x);
  return {
    symbol: t.symbol,
    timestamp: t.timestamp,
    last,
    high24h: t.high ?? last,
    low24h: t.low ?? last,
    turnover24h: t.quoteVolume ?? 0,
    markPrice: opt(t.markPrice),
    openInterestValue: opt(t.openInterestValue),
    fundingRate: opt(t.fundingRate),
    nextFundingTime: opt(t.nextFundingTime),
  };
}

/**
 * Live market data for one run: confirmed candles (watchOHLCV, closed only) and tickers
 * (watchTicker) of each symbol, each stream reopened after a pause when it breaks, all closed at stop.
 */
export class MarketInputs {
  private readonly streams = new ReopeningStreams();

  constructor(
    private readonly venue: ExchangeAdapter,
    private readonly symbols: readonly string[],
    private readonly timeframe: Timeframe,
    private readonly handlers: MarketInputHandlers,
  ) {}

  open(): void {
    for (const symbol of this.symbols) {
      this.streams.follow(
        () => this.venue.watchOHLCV(symbol, this.timeframe),
        (u: CandleUpdate) => {
          const candle = toCandle(u);
          if (candle !== undefined) this.handlers.candle(candle);
        },
        (error) => this.handlers.streamError(`ohlcv ${symbol}`, error),
      );
      this.streams.follow(
        () => this.venue.watchTicker(symbol),
        (t: VenueTicker) => {
          const ticker = toTicker(t);
          if (ticker !== undefined) this.handlers.ticker(ticker);
        },
        (error) => this.handlers.streamError(`ticker ${symbol}`, error),
      );
    }
  }

  /** Ends every stream without waiting. */
  close(): void {
    this.streams.close();
  }
}
