import { intervalToMs } from '../shared/candle-window';
import { FaultController } from '../shared/fault-controller';
import { BookDiff, Candle, MarketDataSet, MarketEvent, Trade } from '../shared/market-data-set';
import { binanceSymbolId } from './binanceusdm-fixtures';
import { binanceTicker24hr } from './binanceusdm-market-rest';

/**
 * Renders market events as Binance USDⓈ-M stream payloads, keyed by stream name
 * (`btcusdt@aggTrade`, `btcusdt@kline_1m`, `btcusdt@depth@100ms`, `btcusdt@ticker` and `@miniTicker` on every trade).
 * Sources: https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams
 * (Aggregate-Trade-Streams, Kline-Candlestick-Streams, Diff-Book-Depth-Streams, Individual-Symbol-Ticker-Streams); the `@trade` payload
 * follows nautilus_trader crates/adapters/binance/test_data/futures/market_data_json/trade_stream.json.
 */
export class BinanceUsdmStreams {
  constructor(
    private readonly data: MarketDataSet,
    private readonly faults: FaultController,
  ) {}

  /** Payloads for one event, for every stream name that could carry it; `wants` filters names. */
  render(event: MarketEvent, wants: (stream: string) => boolean): Map<string, unknown> {
    const out = new Map<string, unknown>();
    switch (event.kind) {
      case 'trade': {
        const id = binanceSymbolId(event.coin).toLowerCase();
        out.set(`${id}@trade`, this.trade(event.coin, event.trade));
        out.set(`${id}@aggTrade`, this.aggTrade(event.coin, event.trade));
        // The 24hr window walks a day of candles: only rendered when somebody listens.
        if (wants(`${id}@ticker`)) out.set(`${id}@ticker`, this.ticker(event.coin));
        // ccxt.pro binanceusdm's watchTicker listens to the mini ticker by default.
        if (wants(`${id}@miniTicker`)) out.set(`${id}@miniTicker`, this.miniTicker(event.coin));
        break;
      }
      case 'candle': {
        const id = binanceSymbolId(event.coin).toLowerCase();
        const prefix = `${id}@kline_`;
        // Only render the intervals somebody listens to: aggregation walks the whole series.
        for (const stream of this.knownKlineStreams(prefix, wants)) {
          const kline = this.kline(event.coin, stream.slice(prefix.length), event.candle);
          if (kline) out.set(stream, kline);
        }
        break;
      }
      case 'book': {
        const id = binanceSymbolId(event.diff.coin).toLowerCase();
        const payload = this.depthUpdate(event.diff);
        for (const stream of [
          `${id}@depth`,
          `${id}@depth@100ms`,
          `${id}@depth@250ms`,
          `${id}@depth@500ms`,
          `${id}@depth@0ms`,
        ]) {
          out.set(stream, payload);
        }
        break;
      }
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
      }
    }
    return out;
  }

  private knownKlineStreams(prefix: string, wants: (stream: string) => boolean): string[] {
    const intervals = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w'];
    return intervals.map((interval) => prefix + interval).filter(wants);
  }

  private trade(coin: string, trade: Trade): Record<string, unknown> {
    return {
      e: 'trade',
      E: trade.time + 2,
      T: trade.time,
      s: binanceSymbolId(coin),
      t: trade.id,
      p: trade.price,
      q: trade.qty,
      X: 'MARKET',
      m: trade.side === 'sell',
    };
  }

  private aggTrade(coin: string, trade: Trade): Record<string, unknown> {
    return {
      e: 'aggTrade',
      E: trade.time + 2,
      a: trade.id,
      s: binanceSymbolId(coin),
      p: trade.price,
      q: trade.qty,
      f: trade.id,
      l: trade.id,
      T: trade.time,
      m: trade.side === 'sell',
    };
  }

  /**
   * Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Individual-Symbol-Ticker-Streams
   * (futures carry no best bid/ask here: that is `@bookTicker`).
   */
  private ticker(coin: string): Record<string, unknown> {
    const t = binanceTicker24hr(this.data, coin);
    return {
      e: '24hrTicker',
      E: this.data.now,
      s: t.symbol,
      p: t.priceChange,
      P: t.priceChangePercent,
      w: t.weightedAvgPrice,
      c: t.lastPrice,
      Q: t.lastQty,
      o: t.openPrice,
      h: t.highPrice,
      l: t.lowPrice,
      v: t.volume,
      q: t.quoteVolume,
      O: t.openTime,
      C: t.closeTime,
      F: t.firstId,
      L: t.lastId,
      n: t.count,
    };
  }

  /** Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Individual-Symbol-Mini-Ticker-Stream */
  private miniTicker(coin: string): Record<string, unknown> {
    const t = binanceTicker24hr(this.data, coin);
    return {
      e: '24hrMiniTicker',
      E: this.data.now,
      s: t.symbol,
      c: t.lastPrice,
      o: t.openPrice,
      h: t.highPrice,
      l: t.lowPrice,
      v: t.volume,
      q: t.quoteVolume,
    };
  }

  private kline(coin: string, interval: string, pushed: Candle): Record<string, unknown> | undefined {
    const intervalMs = intervalToMs(interval);
    if (intervalMs === undefined) return undefined;
    const bucket = Math.floor(pushed.openTime / intervalMs) * intervalMs;
    const candle = this.data.candles(coin, intervalMs).find((c) => c.openTime === bucket);
    if (!candle) return undefined;
    const symbol = binanceSymbolId(coin);
    return {
      e: 'kline',
      E: this.data.now,
      s: symbol,
      k: {
        t: candle.openTime,
        T: candle.openTime + intervalMs - 1,
        s: symbol,
        i: interval,
        f: 100,
        L: 100 + candle.trades,
        o: candle.open,
        c: candle.close,
        h: candle.high,
        l: candle.low,
        v: candle.volume,
        n: candle.trades,
        x: candle.closed,
        q: candle.quoteVolume,
        V: (Number(candle.volume) / 2).toFixed(3),
        Q: (Number(candle.quoteVolume) / 2).toFixed(4),
        B: '0',
      },
    };
  }

  private depthUpdate(diff: BookDiff): Record<string, unknown> {
    // A gap: `pu` no longer equals the previous event's `u`, which a client must treat as lost data.
    const pu = this.faults.takeGap() ? diff.previousUpdateId - 1 : diff.previousUpdateId;
    return {
      e: 'depthUpdate',
      E: diff.time,
      T: diff.time - 2,
      s: binanceSymbolId(diff.coin),
      U: diff.firstUpdateId,
      u: diff.lastUpdateId,
      pu,
      b: diff.bids,
      a: diff.asks,
    };
  }
}
