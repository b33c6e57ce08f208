import type { CandleUpdate, OrderBook, Ticker, Timeframe, Trade } from '../market-data.types';
import { pollingStream, type StreamTracker } from './live-queue';
import type { SimMarketGenerator } from './sim-market.generator';
import type { SimMarket } from './sim-markets';
import { SimSnapshots, timeframeMs, toTrade } from './sim-snapshots';
import { alignDown } from './sim-timeframes';

/** How often each live stream looks at the clock: venue-like cadences. */
export const SIM_STREAM_INTERVALS = { trades: 100, book: 200, candles: 250, ticker: 1000 } as const;

/**
 * The sim venue's live streams: the same functions of time as its history, evaluated as the clock
 * moves, so a stream continues exactly where a snapshot taken at its start ends.
 */
export class SimStreams {
  constructor(
    private readonly generator: SimMarketGenerator,
    private readonly snapshots: SimSnapshots,
    private readonly now: () => number,
    private readonly tracker: StreamTracker,
  ) {}

  /** Trades after the stream's start (history up to and including now is fetchTrades' part). */
  trades(market: SimMarket): AsyncIterable<Trade[]> {
    return pollingStream(
      SIM_STREAM_INTERVALS.trades,
      () => {
        let cursor = this.now() + 1;
        return () => {
          const until = this.now() + 1;
          if (until <= cursor) return [];
          const batch = this.generator.trades(market.symbol, cursor, until).map(toTrade);
          cursor = until;
          return batch.length === 0 ? [] : [batch];
        };
      },
      this.tracker,
    );
  }

  /** A full snapshot on every tick (the sim has no diffs to lose, so nothing to resync). */
  book(market: SimMarket, limit?: number): AsyncIterable<OrderBook> {
    return pollingStream(
      SIM_STREAM_INTERVALS.book,
      () => () => [this.snapshots.book(market, limit, this.now())],
      this.tracker,
    );
  }

  /**
   * The current candle on every tick; when its period ends, the final candle once with closed =
   * true, then the next one. A stream paused past several periods closes each of them in order.
   */
  candles(market: SimMarket, timeframe: Timeframe): AsyncIterable<CandleUpdate> {
    const step = timeframeMs(timeframe);
    const update = (candle: CandleUpdate['candle'], closed: boolean): CandleUpdate => ({
      symbol: market.symbol,
      timeframe,
      candle,
      closed,
    });
    return pollingStream(
      SIM_STREAM_INTERVALS.candles,
      () => {
        let open = alignDown(this.now(), step);
        return () => {
          const now = this.now();
          const current = alignDown(now, step);
          const out: CandleUpdate[] = [];
          if (current > open) {
            const closed = this.generator.candles(market.symbol, timeframe, open, current);
            for (const candle of closed) out.push(update(candle, true));
            open = current;
          }
          out.push(update(this.snapshots.candleSoFar(market, open, now), false));
          return out;
        };
      },
      this.tracker,
    );
  }

  ticker(market: SimMarket): AsyncIterable<Ticker> {
    return pollingStream(
      SIM_STREAM_INTERVALS.ticker,
      () => () => [this.snapshots.ticker(market, this.now())],
      this.tracker,
    );
  }
}
