import { BadSymbolError, VenueBadRequestError } from '../exchange.errors';
import {
  TIMEFRAME_MS,
  TIMEFRAMES,
  type OHLCV,
  type OrderBook,
  type SinceLimit,
  type Ticker,
  type Timeframe,
  type Trade,
} from '../market-data.types';
import { candleSoFar } from './sim-live-candle';
import type { SimMarketGenerator, SimTrade } from './sim-market.generator';
import { decimalsOf, type SimMarket } from './sim-markets';
import { alignDown, alignUp, HOUR_MS, MINUTE_MS } from './sim-timeframes';

/** The most candles one request answers (ExchangeCapabilities.ohlcvPageSize) and the default page. */
export const SIM_OHLCV_PAGE_SIZE = 1500;
export const SIM_OHLCV_DEFAULT_LIMIT = 1000;
export const SIM_TRADES_MAX_LIMIT = 1000;
export const SIM_TRADES_DEFAULT_LIMIT = 500;
/** The deepest book the venue answers (and its default); a shallower one is the same book cut. */
export const SIM_BOOK_LEVELS = 25;

function checkLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new VenueBadRequestError(`limit must be a positive integer, got ${limit}`, { limit });
  }
  return Math.min(limit, max);
}

function checkSince(since: number | undefined): void {
  if (since !== undefined && !Number.isFinite(since)) {
    throw new VenueBadRequestError(`since must be a time in ms, got ${since}`, { since });
  }
}

/**
 * How many candles one slice generates: about SLICE_HOUR_CANDLES hour candles (a candle of an hour
 * or more aggregates its hours) or SLICE_MINUTES minutes (shorter ones read minute blocks), each
 * a few milliseconds on one core.
 */
const SLICE_HOUR_CANDLES = 4_000;
const SLICE_MINUTES = 60_000;

function candlesPerSlice(step: number): number {
  if (step >= HOUR_MS) return Math.max(1, Math.floor((SLICE_HOUR_CANDLES * HOUR_MS) / step));
  return Math.max(1, Math.floor((SLICE_MINUTES * MINUTE_MS) / step));
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function toTrade(trade: SimTrade): Trade {
  return { ...trade, datetime: new Date(trade.timestamp).toISOString() };
}

/**
 * The venue's REST answers at an instant `now`: never a trade, candle or book after it. `since` is
 * inclusive; without it the answer is the latest `limit` items ending at now; ascending always.
 */
export class SimSnapshots {
  constructor(private readonly generator: SimMarketGenerator) {}

  trades(market: SimMarket, options: SinceLimit, now: number): Trade[] {
    checkSince(options.since);
    const limit = checkLimit(options.limit, SIM_TRADES_DEFAULT_LIMIT, SIM_TRADES_MAX_LIMIT);
    const out: SimTrade[] = [];
    if (options.since !== undefined) {
      // Forward from since a minute at a time: every minute prints at least 60 trades, so a page of
      // `limit` draws at most limit / 60 + 1 minutes, however long ago since is.
      for (
        let from = Math.max(0, options.since);
        out.length < limit && from <= now;
        from = alignDown(from, MINUTE_MS) + MINUTE_MS
      ) {
        const to = Math.min(alignDown(from, MINUTE_MS) + MINUTE_MS, now + 1);
        out.push(...this.generator.trades(market.symbol, from, to));
      }
      return out.slice(0, limit).map(toTrade);
    }
    let batches: SimTrade[][] = [];
    let count = 0;
    for (let to = now + 1; count < limit && to > 0; to = alignDown(to - 1, MINUTE_MS)) {
      const batch = this.generator.trades(market.symbol, alignDown(to - 1, MINUTE_MS), to);
      batches = [batch, ...batches];
      count += batch.length;
    }
    return batches.flat().slice(-limit).map(toTrade);
  }

  /**
   * Candles in slices of a few milliseconds of generation each, yielding to the event loop between
   * them: a 1,500-candle page of days never holds the server in one piece. Validation is synchronous
   * (a bad limit rejects before any work).
   */
  async ohlcv(market: SimMarket, timeframe: Timeframe, options: SinceLimit, now: number): Promise<OHLCV[]> {
    const step = timeframeMs(timeframe);
    checkSince(options.since);
    const count = checkLimit(options.limit, SIM_OHLCV_DEFAULT_LIMIT, SIM_OHLCV_PAGE_SIZE);
    const currentOpen = alignDown(now, step);
    const from =
      options.since === undefined
        ? Math.max(0, currentOpen - (count - 1) * step)
        : alignUp(Math.max(0, options.since), step);
    if (from > currentOpen) return [];
    const lastOpen = Math.min(from + (count - 1) * step, currentOpen);
    const closedEnd = Math.min(lastOpen + step, currentOpen);
    const sliceMs = candlesPerSlice(step) * step;
    const rows: OHLCV[] = [];
    for (let t = from; t < closedEnd; t += sliceMs) {
      if (t > from) await nextTurn();
      rows.push(...this.generator.candles(market.symbol, timeframe, t, Math.min(t + sliceMs, closedEnd)));
    }
    if (lastOpen === currentOpen) rows.push(this.candleSoFar(market, currentOpen, now));
    return rows;
  }

  /** The candle opened at openTime as it stands at now. */
  candleSoFar(market: SimMarket, openTime: number, now: number): OHLCV {
    return candleSoFar(this.generator, market.symbol, openTime, now, decimalsOf(market.lotSize));
  }

  book(market: SimMarket, limit: number | undefined, now: number): OrderBook {
    const depth = checkLimit(limit, SIM_BOOK_LEVELS, SIM_BOOK_LEVELS);
    const book = this.generator.book(market.symbol, now, depth);
    return {
      symbol: market.symbol,
      bids: book.bids,
      asks: book.asks,
      timestamp: now,
      datetime: new Date(now).toISOString(),
      nonce: book.nonce,
    };
  }

  ticker(market: SimMarket, now: number): Ticker {
    const generated = this.generator.ticker(market.symbol, now);
    return {
      symbol: market.symbol,
      timestamp: now,
      datetime: new Date(now).toISOString(),
      last: generated.last,
      bid: generated.bid,
      ask: generated.ask,
      high: generated.high,
      low: generated.low,
      open: generated.open,
      close: generated.close,
      baseVolume: generated.baseVolume,
      quoteVolume: generated.quoteVolume,
      percentage: generated.percentage,
      markPrice: generated.markPrice,
      indexPrice: generated.indexPrice,
      openInterest: generated.openInterest,
      openInterestValue: Math.round(generated.openInterest * generated.markPrice * 100) / 100,
      fundingRate: generated.fundingRate,
      nextFundingTime: generated.nextFundingTime,
    };
  }
}

/** The length of a timeframe; an unknown one is a BadSymbolError, as ccxt answers it. */
export function timeframeMs(timeframe: string): number {
  if (!(TIMEFRAMES as readonly string[]).includes(timeframe)) {
    throw new BadSymbolError(`unknown timeframe ${timeframe}`, { timeframe, timeframes: TIMEFRAMES });
  }
  return TIMEFRAME_MS[timeframe as Timeframe];
}
