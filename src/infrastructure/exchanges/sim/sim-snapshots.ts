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
import { alignDown, alignUp, MINUTE_MS } from './sim-timeframes';

/** The most candles one request answers (ExchangeCapabilities.ohlcvPageSize) and the default page. */
export const SIM_OHLCV_PAGE_SIZE = 1500;
export const SIM_OHLCV_DEFAULT_LIMIT = 1000;
export const SIM_TRADES_MAX_LIMIT = 1000;
export const SIM_TRADES_DEFAULT_LIMIT = 500;
/**
 * Always generated at this depth and cut to the asked limit: the generator draws asks after bids,
 * so a shallower generation would show other asks, and two requests of the same instant must agree.
 */
export const SIM_BOOK_LEVELS = 25;
const DAY_MS = 86_400_000;
const TRADE_SCAN_MS = 10 * MINUTE_MS;

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
      // Forward from since in slices: every second trades, so this stops within the first slices.
      for (let from = Math.max(0, options.since); out.length < limit && from <= now; from += TRADE_SCAN_MS) {
        out.push(...this.generator.trades(market.symbol, from, Math.min(from + TRADE_SCAN_MS, now + 1)));
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

  ohlcv(market: SimMarket, timeframe: Timeframe, options: SinceLimit, now: number): OHLCV[] {
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
    const rows: OHLCV[] = this.generator.candles(
      market.symbol,
      timeframe,
      from,
      Math.min(lastOpen + step, currentOpen),
    );
    if (lastOpen === currentOpen) rows.push(this.candleSoFar(market, currentOpen, now));
    return rows;
  }

  /** The candle opened at openTime as it stands at now. */
  candleSoFar(market: SimMarket, openTime: number, now: number): OHLCV {
    return candleSoFar(this.generator, market.symbol, openTime, now, decimalsOf(market.lotSize));
  }

  book(market: SimMarket, limit: number | undefined, now: number): OrderBook {
    const depth = checkLimit(limit, SIM_BOOK_LEVELS, SIM_BOOK_LEVELS);
    const book = this.generator.book(market.symbol, now, SIM_BOOK_LEVELS);
    return {
      symbol: market.symbol,
      bids: book.bids.slice(0, depth),
      asks: book.asks.slice(0, depth),
      timestamp: now,
      datetime: new Date(now).toISOString(),
      nonce: book.nonce,
    };
  }

  ticker(market: SimMarket, now: number): Ticker {
    const generated = this.generator.ticker(market.symbol, now);
    const book = this.book(market, 1, now);
    // The generator's rolling day includes the whole current minute; rebuild it up to now only.
    const day = this.generator.candles(market.symbol, '1m', now - DAY_MS, alignDown(now, MINUTE_MS));
    day.push(this.candleSoFar(market, alignDown(now, MINUTE_MS), now));
    let high = Number.NEGATIVE_INFINITY;
    let low = Number.POSITIVE_INFINITY;
    let baseVolume = 0;
    let quoteVolume = 0;
    for (const [, , h, l, c, v] of day) {
      high = Math.max(high, h);
      low = Math.min(low, l);
      baseVolume += v;
      quoteVolume += v * c;
    }
    const last = generated.last;
    const open = day[0]?.[1] ?? last;
    const lotDecimals = decimalsOf(market.lotSize);
    return {
      symbol: market.symbol,
      timestamp: now,
      datetime: new Date(now).toISOString(),
      last,
      bid: book.bids[0]?.[0] ?? null,
      ask: book.asks[0]?.[0] ?? null,
      high,
      low,
      open,
      close: last,
      baseVolume: Math.round(baseVolume * 10 ** lotDecimals) / 10 ** lotDecimals,
      quoteVolume: Math.round(quoteVolume * 100) / 100,
      percentage: ((last - open) / open) * 100,
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
