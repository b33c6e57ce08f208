import { bookAround, SIM_BOOK_DEPTH, type SimOrderBook } from './sim-book';
import { CandleSource } from './sim-candle-source';
import { fundingRateAt, indexTicksAt, markTicksAt, nextFundingTime, openInterestAt } from './sim-derivatives';
import { SIM_MARKETS, type SimMarket } from './sim-markets';
import { amountOf, priceOf, symbolModel, type SymbolModel } from './sim-price-path';
import { minuteTrades, type MinuteTrades } from './sim-trades';
import {
  alignUp,
  FUNDING_INTERVAL_MS,
  HOUR_MS,
  MINUTE_MS,
  SIM_TIMEFRAMES,
  type SimTimeframe,
} from './sim-timeframes';

/** ccxt's OHLCV row: [timestamp, open, high, low, close, volume]. */
export type Ohlcv = [number, number, number, number, number, number];

export interface SimTrade {
  readonly id: string;
  readonly timestamp: number;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly price: number;
  readonly amount: number;
  readonly cost: number;
}

export interface SimTicker {
  readonly symbol: string;
  readonly timestamp: number;
  readonly last: number;
  readonly bid: number;
  readonly bidVolume: number;
  readonly ask: number;
  readonly askVolume: number;
  readonly open: number; // rolling 24 hours
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly baseVolume: number;
  readonly quoteVolume: number;
  readonly change: number;
  readonly percentage: number;
  readonly markPrice: number;
  readonly indexPrice: number;
  readonly openInterest: number;
  readonly fundingRate: number; // predicted for the next funding time
  readonly nextFundingTime: number;
}

export interface SimFunding {
  readonly symbol: string;
  readonly timestamp: number;
  readonly fundingRate: number;
}

export class UnknownSimSymbolError extends Error {}

const DAY_MS = 86_400_000;

/**
 * The simulated venue's market data: a pure, deterministic function of (seed, symbol, time). Any
 * past range is generated on demand (nothing is stored, nothing replays from the epoch), and "live"
 * is the same function evaluated at now, so live data continues history seamlessly.
 *
 * The path is hierarchical (sim-price-path.ts): each hour's candle is drawn at the hour level, its
 * sixty 1m candles are drawn conditioned on it (sim-hour-block.ts), and trades are derived from
 * their 1m candle, so every level agrees exactly with the one below (first = open, last = close,
 * extremes = high and low, volumes sum) while a 1d candle costs 24 hour candles, not 1,440 minutes.
 */
export class SimMarketGenerator {
  private readonly sources = new Map<string, CandleSource>();
  private tradeCache: { symbol: string; trades: MinuteTrades } | undefined;

  constructor(
    readonly seed: string | number,
    readonly marketList: readonly SimMarket[] = SIM_MARKETS,
  ) {
    for (const market of marketList)
      this.sources.set(market.symbol, new CandleSource(symbolModel(seed, market)));
  }

  markets(): readonly SimMarket[] {
    return this.marketList;
  }

  /**
   * Candles whose open time t is aligned to the timeframe and fromMs <= t < toMs. Timeframes of an
   * hour or more aggregate hour candles (their minutes are never drawn); shorter ones read minutes.
   */
  candles(symbol: string, timeframe: SimTimeframe, fromMs: number, toMs: number): Ohlcv[] {
    const source = this.source(symbol);
    const step = SIM_TIMEFRAMES[timeframe];
    const out: Ohlcv[] = [];
    const first = alignUp(Math.max(0, fromMs), step);
    if (step % HOUR_MS === 0) {
      for (let t = first; t < toMs; t += step) out.push(hourCandles(source, t, step / HOUR_MS));
    } else {
      for (let t = first; t < toMs; t += step) out.push(minuteCandles(source, t, step / MINUTE_MS));
    }
    return out;
  }

  /** Trades with fromMs <= timestamp < toMs, oldest first. Ids are unique and rise with time. */
  trades(symbol: string, fromMs: number, toMs: number): SimTrade[] {
    const model = this.source(symbol).model;
    const out: SimTrade[] = [];
    const lastMinute = Math.ceil(toMs / MINUTE_MS);
    for (let minute = Math.floor(Math.max(0, fromMs) / MINUTE_MS); minute < lastMinute; minute++) {
      const batch = this.minuteTrades(symbol, minute);
      for (let j = 0; j < batch.count; j++) {
        const timestamp = batch.timestamp[j] ?? 0;
        if (timestamp < fromMs || timestamp >= toMs) continue;
        out.push(toTrade(model, batch, j, timestamp));
      }
    }
    return out;
  }

  /** How many hour candles and minute blocks (hours of minutes) a symbol has drawn so far. */
  drawn(symbol: string): { readonly hourCandles: number; readonly minuteBlocks: number } {
    return { ...this.source(symbol).drawn };
  }

  /** The price of the last trade at or before atMs. */
  lastPrice(symbol: string, atMs: number): number {
    return priceOf(this.source(symbol).model, this.lastTicks(symbol, atMs));
  }

  book(symbol: string, atMs: number, depth = SIM_BOOK_DEPTH): SimOrderBook {
    return bookAround(this.source(symbol).model, this.lastTicks(symbol, atMs), atMs, depth);
  }

  markPrice(symbol: string, atMs: number): number {
    const source = this.source(symbol);
    return priceOf(source.model, markTicksAt(source, atMs));
  }

  indexPrice(symbol: string, atMs: number): number {
    const source = this.source(symbol);
    return priceOf(source.model, indexTicksAt(source, atMs));
  }

  openInterest(symbol: string, atMs: number): number {
    const model = this.source(symbol).model;
    const lots = Math.round(
      openInterestAt(model.key, model.market.openInterest, atMs) * (model.lotScale / model.lotUnits),
    );
    return amountOf(model, lots);
  }

  /** Settled funding with fromMs <= time < toMs, at 00:00, 08:00 and 16:00 UTC. */
  fundingHistory(symbol: string, fromMs: number, toMs: number): SimFunding[] {
    const model = this.source(symbol).model;
    const out: SimFunding[] = [];
    for (let t = alignUp(Math.max(0, fromMs), FUNDING_INTERVAL_MS); t < toMs; t += FUNDING_INTERVAL_MS) {
      out.push({ symbol, timestamp: t, fundingRate: fundingRateAt(model.key, t) });
    }
    return out;
  }

  /**
   * The ticker at atMs. Its 24-hour statistics cover the closed minutes since atMs - 24 h and, of
   * the current minute, only the trades printed up to atMs (nothing after the venue's now).
   */
  ticker(symbol: string, atMs: number): SimTicker {
    const source = this.source(symbol);
    const model = source.model;
    const book = this.book(symbol, atMs, 1);
    const last = this.lastPrice(symbol, atMs);
    const minuteStart = Math.floor(atMs / MINUTE_MS) * MINUTE_MS;
    const day = this.candles(symbol, '1m', atMs - DAY_MS, minuteStart);
    let high = Number.NEGATIVE_INFINITY;
    let low = Number.POSITIVE_INFINITY;
    let volume = 0;
    let quoteVolume = 0;
    for (const [, , h, l, c, v] of day) {
      high = Math.max(high, h);
      low = Math.min(low, l);
      volume += v;
      quoteVolume += v * c;
    }
    for (const trade of this.trades(symbol, minuteStart, atMs + 1)) {
      high = Math.max(high, trade.price);
      low = Math.min(low, trade.price);
      volume += trade.amount;
      quoteVolume += trade.cost;
    }
    const open = day[0]?.[1] ?? last;
    const [bid = last, bidVolume = 0] = book.bids[0] ?? [];
    const [ask = last, askVolume = 0] = book.asks[0] ?? [];
    return {
      symbol,
      timestamp: atMs,
      last,
      bid,
      bidVolume,
      ask,
      askVolume,
      open,
      high: Math.max(high, last),
      low: Math.min(low, last),
      close: last,
      baseVolume: Math.round(volume * model.lotScale) / model.lotScale,
      quoteVolume: Math.round(quoteVolume * 100) / 100,
      change: last - open,
      percentage: ((last - open) / open) * 100,
      markPrice: priceOf(model, markTicksAt(source, atMs)),
      indexPrice: priceOf(model, indexTicksAt(source, atMs)),
      openInterest: this.openInterest(symbol, atMs),
      fundingRate: fundingRateAt(model.key, atMs),
      nextFundingTime: nextFundingTime(atMs),
    };
  }

  private lastTicks(symbol: string, atMs: number): number {
    const minute = Math.floor(atMs / MINUTE_MS);
    const batch = this.minuteTrades(symbol, minute);
    // Binary search for the last trade at or before atMs; before the first, the previous close.
    let lo = 0;
    let hi = batch.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((batch.timestamp[mid] ?? 0) <= atMs) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? this.source(symbol).minute(minute).open : (batch.ticks[lo - 1] ?? 0);
  }

  private minuteTrades(symbol: string, minute: number): MinuteTrades {
    const cached = this.tradeCache;
    if (cached !== undefined && cached.symbol === symbol && cached.trades.minute === minute)
      return cached.trades;
    const source = this.source(symbol);
    const trades = minuteTrades(source.model, minute, source.minute(minute));
    this.tradeCache = { symbol, trades };
    return trades;
  }

  private source(symbol: string): CandleSource {
    const source = this.sources.get(symbol);
    if (source === undefined) throw new UnknownSimSymbolError(`the sim venue has no market ${symbol}`);
    return source;
  }
}

/** The candle of `hours` hour candles from the one opening at t. */
function hourCandles(source: CandleSource, t: number, hours: number): Ohlcv {
  const model = source.model;
  const firstHour = t / HOUR_MS;
  const head = source.hourCandle(firstHour);
  let high = head.high;
  let low = head.low;
  let close = head.close;
  let lots = head.volumeLots;
  for (let h = 1; h < hours; h++) {
    const hour = source.hourCandle(firstHour + h);
    if (hour.high > high) high = hour.high;
    if (hour.low < low) low = hour.low;
    close = hour.close;
    lots += hour.volumeLots;
  }
  return [
    t,
    priceOf(model, head.open),
    priceOf(model, high),
    priceOf(model, low),
    priceOf(model, close),
    amountOf(model, lots),
  ];
}

/** The candle of `minutes` one-minute candles from the one opening at t (all in one hour). */
function minuteCandles(source: CandleSource, t: number, minutes: number): Ohlcv {
  const model = source.model;
  const minute = t / MINUTE_MS;
  const hour = Math.floor(minute / 60);
  const block = source.hour(hour);
  const first = minute - hour * 60;
  let high = 0;
  let low = Number.POSITIVE_INFINITY;
  let lots = 0;
  for (let i = first; i < first + minutes; i++) {
    high = Math.max(high, block.high[i] ?? 0);
    low = Math.min(low, block.low[i] ?? 0);
    lots += block.volumeLots[i] ?? 0;
  }
  return [
    t,
    priceOf(model, block.open[first] ?? 0),
    priceOf(model, high),
    priceOf(model, low),
    priceOf(model, block.close[first + minutes - 1] ?? 0),
    amountOf(model, lots),
  ];
}

function toTrade(model: SymbolModel, batch: MinuteTrades, j: number, timestamp: number): SimTrade {
  const price = priceOf(model, batch.ticks[j] ?? 0);
  const amount = amountOf(model, batch.lots[j] ?? 0);
  return {
    id: String(batch.minute * 10_000 + j),
    timestamp,
    symbol: model.market.symbol,
    side: batch.buy[j] === 1 ? 'buy' : 'sell',
    price,
    amount,
    cost: price * amount,
  };
}
