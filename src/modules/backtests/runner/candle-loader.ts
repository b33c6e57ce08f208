import { Injectable } from '@nestjs/common';
import { BadSymbolError } from '../../../infrastructure/exchanges/exchange.errors';
import {
  TIMEFRAME_MS,
  type Market,
  type OHLCV,
  type Timeframe,
} from '../../../infrastructure/exchanges/market-data.types';
import { alignDown, alignUp } from '../../../domain/market-data';
import { ExchangeRegistry } from '../../exchanges';
import { CandleStore } from '../../market-data';

export interface LoadedMarket {
  readonly market: Market;
  readonly timeframeMs: number;
}

/**
 * Candles for a backtest, read through the market-data candle store: what the store already holds
 * comes from the database, and the venue is asked (page by page) only for the ranges it has not
 * covered yet, which are stored on the way (the warmup of missing candles). Only closed candles in
 * [from, to).
 */
@Injectable()
export class CandleLoader {
  constructor(
    private readonly exchanges: ExchangeRegistry,
    private readonly store: CandleStore,
  ) {}

  /** The symbol's market (tick, lot, minimum): a clear 400 for an unknown exchange or symbol. */
  async market(exchange: string, symbol: string, timeframe: Timeframe): Promise<LoadedMarket> {
    const adapter = this.exchanges.get(exchange);
    const market = (await adapter.loadMarkets()).find((m) => m.symbol === symbol);
    if (market === undefined)
      throw new BadSymbolError(`${exchange} has no market ${symbol}`, { exchange, symbol });
    return { market, timeframeMs: TIMEFRAME_MS[timeframe] };
  }

  async candles(
    exchange: string,
    symbol: string,
    timeframe: Timeframe,
    from: number,
    to: number,
    now: number,
  ): Promise<readonly OHLCV[]> {
    const adapter = this.exchanges.get(exchange);
    const tf = TIMEFRAME_MS[timeframe];
    const first = alignUp(from, tf);
    // the last candle that opens before `to` and has closed by `now` (the one in progress is not)
    const last = Math.min(alignUp(to, tf) - tf, alignDown(now, tf) - tf);
    if (last < first) return [];
    const range = { from: first, to: last };
    const window = { range, closed: range, openCandle: null };
    return this.store.fetch(adapter, { exchange: adapter.id, symbol, timeframe, stepMs: tf }, window, now);
  }
}
