import type { Exchange } from 'ccxt';
import { VenueBadRequestError } from '../exchange.errors';
import {
  TIMEFRAME_MS,
  type CandleUpdate,
  type OrderBook,
  type Ticker,
  type Timeframe,
  type Trade,
} from '../market-data.types';
import { toVenueError } from './ccxt-error.mapper';
import { toCandle, toOrderBook, toTicker, toTrade } from './ccxt-market-data.mapper';
import { reportMalformedRow, resolveSymbol, type CcxtVenueContext } from './ccxt-venue-context';
import { CandleClosedTap } from './candle-closed.tap';
import { CandleSequence } from './candle-sequence';
import { resilientWatch } from './resilient-stream';

/**
 * ccxt.pro's watchX calls as the port's async iterables: each survives dropped connections
 * (resilientWatch), a book gap resyncs, malformed rows are skipped and counted, and a candle says
 * whether it closed (the venue's flag where it sends one, else the next candle's arrival).
 */
export class CcxtStreams {
  constructor(
    private readonly context: CcxtVenueContext,
    private readonly candleFlags: CandleClosedTap,
  ) {}

  async *watchTrades(symbol: string): AsyncIterable<Trade[]> {
    const { exchange, unified } = await resolveSymbol(this.context, symbol);
    for await (const batch of this.watch(
      exchange,
      `trades ${unified}`,
      () => exchange.watchTrades(unified),
      () => exchange.unWatchTrades(unified),
    )) {
      const trades: Trade[] = [];
      for (const row of batch) {
        const trade = toTrade(row);
        if (trade === undefined) reportMalformedRow(this.context, 'trades', row);
        else trades.push(trade);
      }
      if (trades.length > 0) yield trades;
    }
  }

  async *watchOrderBook(symbol: string): AsyncIterable<OrderBook> {
    const { exchange, unified } = await resolveSymbol(this.context, symbol);
    const books = this.watch(
      exchange,
      `book ${unified}`,
      () => exchange.watchOrderBook(unified),
      () => exchange.unWatchOrderBook(unified),
      // Binance: ccxt dropped its subscription with the ChecksumError, so watching again refetches
      // the REST snapshot. Bybit: the tap rejected the watch; unsubscribing first makes the next
      // subscribe answer a fresh snapshot.
      async () => {
        if (this.context.profile.id === 'bybit')
          await exchange.unWatchOrderBook(unified).catch(() => undefined);
      },
    );
    for await (const book of books) yield toOrderBook(book, unified);
  }

  async *watchOHLCV(symbol: string, timeframe: Timeframe): AsyncIterable<CandleUpdate> {
    const { exchange, unified } = await resolveSymbol(this.context, symbol);
    const marketId = String(exchange.market(unified).id);
    const timeframeMs = TIMEFRAME_MS[timeframe];
    const sequence = this.context.profile.candleClosedFlag === undefined ? new CandleSequence() : undefined;
    for await (const rows of this.watch(
      exchange,
      `ohlcv ${unified} ${timeframe}`,
      () => exchange.watchOHLCV(unified, timeframe),
      () => exchange.unWatchOHLCV(unified, timeframe),
    )) {
      for (const row of rows) {
        const candle = toCandle(row);
        if (candle === undefined) {
          reportMalformedRow(this.context, 'klines', row);
          continue;
        }
        if (sequence !== undefined) {
          for (const update of sequence.accept(candle)) yield { symbol: unified, timeframe, ...update };
          continue;
        }
        const flag = this.candleFlags.closed(marketId, candle[0]);
        yield { symbol: unified, timeframe, candle, closed: flag ?? candle[0] + timeframeMs <= Date.now() };
      }
    }
  }

  async *watchTicker(symbol: string): AsyncIterable<Ticker> {
    const { exchange, unified } = await resolveSymbol(this.context, symbol);
    for await (const ticker of this.watch(
      exchange,
      `ticker ${unified}`,
      () => exchange.watchTicker(unified),
      () => exchange.unWatchTicker(unified),
    )) {
      yield toTicker(ticker, unified);
    }
  }

  private watch<T>(
    exchange: Exchange,
    name: string,
    watch: () => Promise<T>,
    unwatch: () => Promise<unknown>,
    resync?: () => Promise<void>,
  ): AsyncGenerator<T> {
    const { id, profile } = this.context;
    if (!profile.streams) throw new VenueBadRequestError(`${id} has no streams`, { exchange: id });
    return resilientWatch({
      name: `${id} ${name}`,
      watch,
      unwatch: async () => {
        await unwatch();
      },
      resync,
      isClosed: () => this.context.isClosed(),
      mapError: (error) => toVenueError(error, { exchange, profile }),
      logger: this.context.logger,
      backoff: this.context.backoff,
    });
  }
}
