import type { Logger } from 'pino';
import type { ExchangeRegistry } from '../../exchanges';
import type {
  CandleUpdate,
  OrderBook,
  Ticker,
  Timeframe,
  Trade,
} from '../../../infrastructure/exchanges/market-data.types';
import { TIMEFRAME_MS } from '../../../infrastructure/exchanges/market-data.types';
import type { RecentTradesRing } from '../recent-trades/recent-trades-ring';
import type { AuthenticatedKey } from '../../auth';
import type { ParsedTopic, TopicSource } from '../../realtime';
import { mayReadMarketData, parseMarketTopic, type MarketTopicParams } from './market-topic.parser';

type MarketTopic = ParsedTopic<MarketTopicParams>;

/** How many recent trades a new `trades:` subscriber gets as its snapshot. */
export const TRADES_SNAPSHOT_LIMIT = 100;

abstract class MarketTopicSource<T> implements TopicSource<MarketTopicParams, T> {
  abstract readonly conflation: 'latest' | 'sequence';
  protected readonly withTimeframe: boolean = false;

  constructor(protected readonly registry: ExchangeRegistry) {}

  parse(topic: string) {
    return parseMarketTopic(this.registry, topic, this.withTimeframe);
  }

  authorize(_topic: MarketTopic, key: AuthenticatedKey): boolean {
    return mayReadMarketData(key);
  }

  abstract open(topic: MarketTopic): AsyncIterable<T>;
}

/** `orderbook:{exchange}:{symbol}`: the full book on every update; a slow client gets the newest. */
export class OrderBookTopicSource extends MarketTopicSource<OrderBook> {
  readonly conflation = 'latest';

  snapshot({ params }: MarketTopic): Promise<OrderBook> {
    return this.registry.get(params.exchange).fetchOrderBook(params.symbol);
  }

  open({ params }: MarketTopic): AsyncIterable<OrderBook> {
    return this.registry.get(params.exchange).watchOrderBook(params.symbol);
  }
}

/** `ticker:{exchange}:{symbol}`: last, bid/ask, mark and index price, open interest and funding. */
export class TickerTopicSource extends MarketTopicSource<Ticker> {
  readonly conflation = 'latest';

  snapshot({ params }: MarketTopic): Promise<Ticker> {
    return this.registry.get(params.exchange).fetchTicker(params.symbol);
  }

  open({ params }: MarketTopic): AsyncIterable<Ticker> {
    return this.registry.get(params.exchange).watchTicker(params.symbol);
  }
}

/** `ohlcv:{exchange}:{symbol}:{timeframe}`: the current candle, and each candle once more when it closes. */
export class OhlcvTopicSource extends MarketTopicSource<CandleUpdate> {
  readonly conflation = 'latest';
  protected override readonly withTimeframe = true;

  async snapshot({ params }: MarketTopic): Promise<CandleUpdate | undefined> {
    const timeframe = params.timeframe as Timeframe;
    const candles = await this.registry
      .get(params.exchange)
      .fetchOHLCV(params.symbol, timeframe, { limit: 1 });
    const candle = candles.at(-1);
    if (candle === undefined) return undefined;
    return {
      symbol: params.symbol,
      timeframe,
      candle,
      closed: candle[0] + TIMEFRAME_MS[timeframe] <= Date.now(),
    };
  }

  open({ params }: MarketTopic): AsyncIterable<CandleUpdate> {
    return this.registry.get(params.exchange).watchOHLCV(params.symbol, params.timeframe as Timeframe);
  }
}

/**
 * `trades:{exchange}:{symbol}`: every batch of trades, none conflated (a slow client gets a gap
 * notice). The one upstream per topic also feeds the recent-trades ring, in order, and marks a gap
 * there whenever continuity is lost (the stream broke, or it closed with its last subscriber).
 */
export class TradesTopicSource extends MarketTopicSource<Trade[]> {
  readonly conflation = 'sequence';
  private recording: Promise<void> = Promise.resolve();

  constructor(
    registry: ExchangeRegistry,
    private readonly ring: RecentTradesRing,
    private readonly log: Logger,
  ) {
    super(registry);
  }

  async snapshot({ params }: MarketTopic): Promise<Trade[]> {
    await this.recording;
    // The latest trades as fetchTrades asks the ring for them, so both ring stores answer alike.
    const held = await this.ring.read(params.exchange, params.symbol, undefined, TRADES_SNAPSHOT_LIMIT);
    if (held !== null) return held;
    return this.registry.get(params.exchange).fetchTrades(params.symbol, { limit: TRADES_SNAPSHOT_LIMIT });
  }

  open(topic: MarketTopic): AsyncIterable<Trade[]> {
    const { exchange, symbol } = topic.params;
    const record = (trades: Trade[]) => this.inOrder(() => this.ring.record(exchange, symbol, trades));
    // Closed with its last subscriber, or broken: the ring is no longer fed from here on.
    const markGap = () => this.inOrder(() => this.ring.markGap(exchange, symbol));
    return {
      [Symbol.asyncIterator]: (): AsyncIterator<Trade[]> => {
        const upstream = this.registry.get(exchange).watchTrades(symbol)[Symbol.asyncIterator]();
        return {
          async next() {
            try {
              const next = await upstream.next();
              if (next.done === true) markGap();
              else record(next.value);
              return next;
            } catch (error: unknown) {
              markGap();
              throw error;
            }
          },
          // Forwarded at once (an async generator would wait for the pending next()).
          async return() {
            markGap();
            await upstream.return?.();
            return { done: true, value: undefined };
          },
        };
      },
    };
  }

  onDiscontinuity(topic: MarketTopic): void {
    this.inOrder(() => this.ring.markGap(topic.params.exchange, topic.params.symbol));
  }

  /** Ring writes are chained, so they land in stream order without the fanout waiting for them. */
  private inOrder(write: () => Promise<void> | undefined): void {
    this.recording = this.recording.then(write).catch((error: unknown) => {
      this.log.warn({ err: error }, 'the recent-trades ring refused a write');
    });
  }
}
