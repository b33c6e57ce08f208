import { WebSocket } from 'ws';
import { isRecord } from '../shared/fake-venue-server';
import { FaultController } from '../shared/fault-controller';
import { BookDiff, Level, MarketDataSet, MarketEvent, MINUTE_MS, Trade } from '../shared/market-data-set';
import { coinbaseProductId } from './coinbase-market-rest';

/** The public market-data channels this fake serves (`candles`, `status`, `ticker_batch`, `user` are not). */
const CHANNELS = ['market_trades', 'level2', 'ticker', 'heartbeats'] as const;
type Channel = (typeof CHANNELS)[number];

/** How many recent trades the `market_trades` snapshot carries (the fake's choice; the docs give none). */
const TRADES_SNAPSHOT = 50;
const DAY_MS = 1_440 * MINUTE_MS;

/**
 * RFC 3339 with nanoseconds, as the feed writes its envelope `timestamp`
 * ("2023-02-09T20:19:35.39625135Z" in the docs); the fake's clock has milliseconds.
 */
const nanoTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '000000Z');

type Send = (socket: WebSocket, payload: unknown) => void;

interface SocketState {
  /** Per connection and across channels: a jump means a message was missed. */
  sequence: number;
  /** Product ids by channel (`heartbeats` takes none: an empty set). */
  readonly channels: Map<Channel, Set<string>>;
  heartbeat?: NodeJS.Timeout;
  heartbeatCounter: number;
}

/**
 * The Advanced Trade market-data websocket (`wss://advanced-trade-ws.coinbase.com`): one
 * `{type: 'subscribe' | 'unsubscribe', product_ids, channel}` message per channel; every server
 * message is an envelope `{channel, timestamp, sequence_num, events: [...]}`, where `sequence_num`
 * counts the connection's messages. Each (un)subscribe is answered by a `subscriptions` message
 * listing what the connection is still subscribed to (ccxt's unWatch waits for it to be empty).
 * - `market_trades`: a `snapshot` event of recent trades on subscribe, then an `update` per trade,
 *   trades newest first: `{trade_id, product_id, price, size, side: BUY|SELL, time}`.
 * - `level2`: received as channel `l2_data`; a `snapshot` of the whole book, then `update` events of
 *   `{side: bid|offer, event_time, price_level, new_quantity}` (the new size, "0" removes the level).
 * - `ticker`: a `snapshot` on subscribe and an `update` on every trade ("every time a match happens"):
 *   `{type: 'ticker', product_id, price, volume_24_h, low_24_h, high_24_h, low_52_w, high_52_w,
 *   price_percent_chg_24_h, best_bid, best_bid_quantity, best_ask, best_ask_quantity}`.
 * - `heartbeats`: `{current_time, heartbeat_counter}` every second.
 * A book gap (`faults.gapNextBookDiff()`) loses one l2_data update: its `sequence_num` is skipped.
 * Sources: docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-overview and
 * …/websocket-channels; the AsyncAPI spec api-reference/advanced-trade-api/advanced-trade-asyncapi.json
 * ("verified against the production feed": no `client_id`, `heartbeat_counter` an integer); ccxt
 * `pro/coinbase.js` (handleTrade, handleOrderBook, handleTickers, handleSubscriptionStatus).
 */
export class CoinbaseStreams {
  private readonly sockets = new Map<WebSocket, SocketState>();

  constructor(
    private readonly data: MarketDataSet,
    private readonly faults: FaultController,
    private readonly send: Send,
  ) {
    data.subscribe((event) => this.publish(event));
  }

  /** `channel:product` pairs (`heartbeats` alone) over every open connection, for readiness checks. */
  get subscribedTopics(): string[] {
    return [...this.sockets.values()].flatMap((state) =>
      [...state.channels].flatMap(([channel, products]) =>
        products.size === 0 ? [channel] : [...products].map((product) => `${channel}:${product}`),
      ),
    );
  }

  onMessage(socket: WebSocket, message: unknown): void {
    const state = this.stateOf(socket);
    if (!isRecord(message) || (message.type !== 'subscribe' && message.type !== 'unsubscribe')) {
      return this.send(socket, { type: 'error', message: 'message type must be subscribe or unsubscribe' });
    }
    const channel = CHANNELS.find((name) => name === message.channel);
    if (channel === undefined)
      return this.send(socket, {
        type: 'error',
        message: `channel ${String(message.channel)} is not served by this fake`,
      });
    const productIds = Array.isArray(message.product_ids) ? message.product_ids.map(String) : [];
    const coins = productIds.map((id) => this.coinOf(id));
    if (coins.some((coin) => coin === undefined))
      return this.send(socket, { type: 'error', message: 'ProductID is invalid' });
    if (message.type === 'subscribe') this.subscribe(socket, state, channel, productIds);
    else this.unsubscribe(socket, state, channel, productIds);
    this.envelope(socket, 'subscriptions', [{ subscriptions: this.subscriptionsOf(state) }]);
  }

  forget(socket: WebSocket): void {
    clearInterval(this.sockets.get(socket)?.heartbeat);
    this.sockets.delete(socket);
  }

  private subscribe(socket: WebSocket, state: SocketState, channel: Channel, productIds: string[]): void {
    const products = state.channels.get(channel) ?? new Set<string>();
    state.channels.set(channel, products);
    for (const productId of productIds) {
      products.add(productId);
      const coin = this.coinOf(productId) ?? '';
      if (channel === 'market_trades') this.sendTrades(socket, 'snapshot', coin, this.recentTrades(coin));
      if (channel === 'level2') this.sendBook(socket, 'snapshot', coin, this.snapshotUpdates(coin));
      if (channel === 'ticker') this.sendTicker(socket, 'snapshot', coin);
    }
    if (channel === 'heartbeats' && state.heartbeat === undefined) {
      state.heartbeat = setInterval(() => {
        state.heartbeatCounter += 1;
        this.envelope(socket, 'heartbeats', [
          { current_time: new Date().toISOString(), heartbeat_counter: state.heartbeatCounter },
        ]);
      }, 1_000);
      state.heartbeat.unref();
    }
  }

  /** No product ids: the whole channel ("unsubscribe from a channel entirely"). */
  private unsubscribe(_socket: WebSocket, state: SocketState, channel: Channel, productIds: string[]): void {
    const products = state.channels.get(channel);
    for (const productId of productIds) products?.delete(productId);
    if (productIds.length > 0 && products !== undefined && products.size > 0) return;
    state.channels.delete(channel);
    if (channel === 'heartbeats') {
      clearInterval(state.heartbeat);
      state.heartbeat = undefined;
    }
  }

  private subscriptionsOf(state: SocketState): Record<string, string[]> {
    return Object.fromEntries([...state.channels].map(([channel, products]) => [channel, [...products]]));
  }

  private publish(event: MarketEvent): void {
    const coin = event.kind === 'book' ? event.diff.coin : event.coin;
    const productId = coinbaseProductId(coin);
    if (event.kind === 'candle') return; // candles are not served (no `candles` channel here)
    const gap = event.kind === 'book' && this.hasSubscribers('level2', productId) && this.faults.takeGap();
    for (const [socket, state] of this.sockets) {
      if (event.kind === 'trade') {
        if (state.channels.get('market_trades')?.has(productId) === true)
          this.sendTrades(socket, 'update', coin, [event.trade]);
        if (state.channels.get('ticker')?.has(productId) === true) this.sendTicker(socket, 'update', coin);
      } else if (state.channels.get('level2')?.has(productId) === true) {
        // A lost message: the next one's sequence_num jumps by two.
        if (gap) state.sequence += 1;
        else this.sendBook(socket, 'update', coin, diffUpdates(event.diff));
      }
    }
  }

  private sendTrades(
    socket: WebSocket,
    type: 'snapshot' | 'update',
    coin: string,
    trades: readonly Trade[],
  ): void {
    const rows = [...trades].reverse().map((trade) => ({
      trade_id: String(trade.id),
      product_id: coinbaseProductId(coin),
      price: trade.price,
      size: trade.qty,
      side: trade.side === 'buy' ? 'BUY' : 'SELL',
      time: new Date(trade.time).toISOString(),
    }));
    this.envelope(socket, 'market_trades', [{ type, trades: rows }]);
  }

  private sendBook(socket: WebSocket, type: 'snapshot' | 'update', coin: string, updates: unknown[]): void {
    this.envelope(socket, 'l2_data', [{ type, product_id: coinbaseProductId(coin), updates }]);
  }

  private snapshotUpdates(coin: string): unknown[] {
    const book = this.data.book(coin);
    // Snapshot levels carry no event time of their own (the docs show the zero time).
    const at = '1970-01-01T00:00:00Z';
    return [...levels('bid', book.bids, at), ...levels('offer', book.asks, at)];
  }

  private sendTicker(socket: WebSocket, type: 'snapshot' | 'update', coin: string): void {
    const minutes = this.data.candles(coin);
    const day = minutes.filter((c) => c.openTime >= this.data.now - DAY_MS);
    const seed = this.data.seed(coin);
    const price = this.data.trades(coin).at(-1)?.price ?? this.data.lastPrice(coin);
    const open = Number(day[0]?.open ?? price);
    const book = this.data.book(coin);
    const extreme = (rows: typeof minutes, pick: 'high' | 'low'): string =>
      rows
        .map((c) => c[pick])
        .reduce((a, b) => ((pick === 'high' ? Number(b) > Number(a) : Number(b) < Number(a)) ? b : a), price);
    this.envelope(socket, 'ticker', [
      {
        type,
        tickers: [
          {
            type: 'ticker',
            product_id: coinbaseProductId(coin),
            price,
            volume_24_h: day.reduce((sum, c) => sum + Number(c.volume), 0).toFixed(seed.qtyDecimals),
            low_24_h: extreme(day, 'low'),
            high_24_h: extreme(day, 'high'),
            low_52_w: extreme(minutes, 'low'),
            high_52_w: extreme(minutes, 'high'),
            price_percent_chg_24_h: (((Number(price) - open) / open) * 100).toFixed(8),
            best_bid: book.bids[0]?.[0] ?? '',
            best_bid_quantity: book.bids[0]?.[1] ?? '',
            best_ask: book.asks[0]?.[0] ?? '',
            best_ask_quantity: book.asks[0]?.[1] ?? '',
          },
        ],
      },
    ]);
  }

  private envelope(socket: WebSocket, channel: string, events: unknown[]): void {
    const state = this.stateOf(socket);
    this.send(socket, { channel, timestamp: nanoTime(this.data.now), sequence_num: state.sequence, events });
    state.sequence += 1;
  }

  private recentTrades(coin: string): Trade[] {
    return this.data.trades(coin).slice(-TRADES_SNAPSHOT);
  }

  private hasSubscribers(channel: Channel, productId: string): boolean {
    return [...this.sockets.values()].some((state) => state.channels.get(channel)?.has(productId) === true);
  }

  private coinOf(productId: string): string | undefined {
    return this.data.coinNames.find((coin) => coinbaseProductId(coin) === productId);
  }

  private stateOf(socket: WebSocket): SocketState {
    let state = this.sockets.get(socket);
    if (state === undefined) {
      state = { sequence: 0, channels: new Map(), heartbeatCounter: 0 };
      this.sockets.set(socket, state);
    }
    return state;
  }
}

function levels(side: 'bid' | 'offer', rows: readonly Level[], eventTime: string): unknown[] {
  return rows.map(([price, size]) => ({
    side,
    event_time: eventTime,
    price_level: price,
    new_quantity: size,
  }));
}

function diffUpdates(diff: BookDiff): unknown[] {
  const at = new Date(diff.time).toISOString();
  return [...levels('bid', diff.bids, at), ...levels('offer', diff.asks, at)];
}
