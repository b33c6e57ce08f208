import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import {
  FakeRequest,
  FakeResponse,
  FakeVenueServer,
  FakeVenueUrls,
  isRecord,
} from '../shared/fake-venue-server';
import { Candle, MarketDataSet, MarketEvent } from '../shared/market-data-set';
import { Subscriptions } from '../shared/subscriptions';
import { bybitIntervalToMs, bybitSymbolId, rateLimited } from './bybit-fixtures';
import { BybitMarketRest, bybitTicker } from './bybit-market-rest';
import { fakeOrderId } from './bybit-account-shapes';
import { BybitPrivateStream, privateTopicOf } from './bybit-private-stream';
import { BybitTrading } from './bybit-trading';

/**
 * Bybit v5 (linear) on 127.0.0.1: `/v5/market/*` REST and the public linear websocket.
 * `restUrl` is the `https://api.bybit.com` equivalent, `wsUrl` the `wss://stream.bybit.com` one
 * (ccxt appends `/v5/public/linear`). Topics: `publicTrade.S`, `kline.<interval>.S`,
 * `orderbook.<depth>.S` (snapshot on subscribe, then deltas), `tickers.S` (snapshot, then deltas with
 * only the changed fields).
 * Sources: https://bybit-exchange.github.io/docs/v5/ws/connect and .../v5/websocket/public/{trade,kline,orderbook,ticker}.
 */
export class BybitFakeServer extends FakeVenueServer {
  readonly trading: BybitTrading;
  private readonly privateStream: BybitPrivateStream;
  private readonly subscriptions = new Subscriptions();
  private readonly market: BybitMarketRest;
  /** Per-coin `u` of the orderbook topics; a gap fault skips one. */
  private readonly bookSequence = new Map<string, number>();
  private readonly connectionIds = new Map<WebSocket, string>();

  constructor(readonly data: MarketDataSet = new MarketDataSet()) {
    super();
    this.market = new BybitMarketRest(data, this.faults);
    this.trading = new BybitTrading(data);
    this.privateStream = new BybitPrivateStream(this.trading.account, data, (socket, payload) =>
      this.send(socket, payload),
    );
    data.subscribe((event) => this.publish(event));
  }

  get subscribedTopics(): string[] {
    return [...this.openSockets].flatMap((socket) => this.subscriptions.topicsOf(socket));
  }

  /** Private topics (order, execution, position, wallet) subscribed by authenticated sockets. */
  get privateTopics(): string[] {
    return [...this.openSockets].flatMap((socket) => this.privateStream.subscriptions.topicsOf(socket));
  }

  /** Test control: a counterparty takes `quantity` of a resting order (Bybit UUID order id). */
  fillPartially(orderId: string, quantity: string): void {
    this.trading.account.fillPartially(fakeOrderId(orderId), quantity);
  }

  /** Sends `u=1` snapshots, as Bybit does after a service restart: clients must reset their book. */
  restartBookStreams(): void {
    for (const [socket, topic] of this.subscriptions.matching((t) => t.startsWith('orderbook.'))) {
      const coin = this.coinOf(topic);
      if (coin === undefined) continue;
      this.bookSequence.set(coin, 1);
      this.send(socket, this.bookSnapshot(topic, coin));
    }
  }

  protected urlsFor(httpRoot: string, wsRoot: string): FakeVenueUrls {
    return { restUrl: httpRoot, wsUrl: wsRoot };
  }

  protected route(request: FakeRequest): FakeResponse {
    return (
      this.market.route(request) ??
      this.trading.route(request) ?? { status: 404, body: { retCode: 404, retMsg: 'Not Found' } }
    );
  }

  protected rateLimitedResponse(): FakeResponse {
    const { body, headers } = rateLimited(this.data.now);
    return { status: 200, body, headers };
  }

  protected override onSocketClosed(socket: WebSocket): void {
    this.subscriptions.forget(socket);
    this.privateStream.forget(socket);
    this.connectionIds.delete(socket);
  }

  protected onSocketMessage(socket: WebSocket, message: unknown): void {
    if (!isRecord(message)) return;
    const connId = this.connectionIds.get(socket) ?? randomUUID();
    this.connectionIds.set(socket, connId);
    const reqId =
      typeof message.req_id === 'string' || typeof message.req_id === 'number'
        ? String(message.req_id)
        : undefined;
    const ack = (op: string, retMsg = ''): void =>
      this.send(socket, { success: true, ret_msg: retMsg, conn_id: connId, req_id: reqId, op });
    const args = Array.isArray(message.args)
      ? message.args.filter((a): a is string => typeof a === 'string')
      : [];
    if (this.privateStream.authenticate(socket, message, connId)) return;
    switch (message.op) {
      case 'ping':
        return ack('ping', 'pong');
      case 'subscribe': {
        const isPrivate = args.some((topic) => privateTopicOf(topic) !== undefined);
        if (isPrivate) {
          const allowed = args.every((topic) => this.privateStream.subscribe(socket, topic));
          return allowed ? ack('subscribe') : this.refuse(socket, connId, reqId, 'Request not authorized');
        }
        for (const topic of args) this.subscriptions.add(socket, topic);
        ack('subscribe');
        for (const topic of args) this.sendInitialSnapshot(socket, topic);
        return;
      }
      case 'unsubscribe':
        for (const topic of args) this.subscriptions.remove(socket, topic);
        return ack('unsubscribe');
      default:
        return this.refuse(socket, connId, reqId, 'error:handler not found', message.op);
    }
  }

  private refuse(
    socket: WebSocket,
    connId: string,
    reqId: string | undefined,
    retMsg: string,
    op: unknown = 'subscribe',
  ): void {
    this.send(socket, { success: false, ret_msg: retMsg, conn_id: connId, req_id: reqId, op });
  }

  private coinOf(topic: string): string | undefined {
    const id = topic.split('.').at(-1);
    return this.data.coinNames.find((coin) => bybitSymbolId(coin) === id);
  }

  private sendInitialSnapshot(socket: WebSocket, topic: string): void {
    const coin = this.coinOf(topic);
    if (coin === undefined) return;
    if (topic.startsWith('orderbook.')) this.send(socket, this.bookSnapshot(topic, coin));
    if (topic.startsWith('tickers.')) {
      this.send(socket, {
        topic,
        type: 'snapshot',
        data: bybitTicker(this.data, coin),
        cs: this.data.now,
        ts: this.data.now,
      });
    }
  }

  private bookSnapshot(topic: string, coin: string): Record<string, unknown> {
    const depth = Number(topic.split('.')[1] ?? '50');
    const book = this.data.book(coin);
    const u = this.bookSequence.get(coin) ?? book.updateId;
    this.bookSequence.set(coin, u);
    const data = {
      s: bybitSymbolId(coin),
      b: book.bids.slice(0, depth),
      a: book.asks.slice(0, depth),
      u,
      seq: book.updateId,
    };
    return { topic, type: 'snapshot', ts: this.data.now, data, cts: this.data.now - 3 };
  }

  private publish(event: MarketEvent): void {
    switch (event.kind) {
      case 'trade': {
        const { coin, trade } = event;
        const id = bybitSymbolId(coin);
        const data = [
          {
            T: trade.time,
            s: id,
            S: trade.side === 'buy' ? 'Buy' : 'Sell',
            v: trade.qty,
            p: trade.price,
            L: 'PlusTick',
            i: `${trade.id}-fake-exec`,
            BT: false,
          },
        ];
        this.broadcast(`publicTrade.${id}`, {
          topic: `publicTrade.${id}`,
          type: 'snapshot',
          ts: trade.time + 3,
          data,
        });
        // Only the changed fields, as Bybit's ticker deltas carry.
        const delta = { symbol: id, lastPrice: trade.price };
        this.broadcast(`tickers.${id}`, {
          topic: `tickers.${id}`,
          type: 'delta',
          data: delta,
          cs: this.data.now,
          ts: this.data.now,
        });
        return;
      }
      case 'candle':
        for (const [socket, topic] of this.subscriptions.matching(
          (t) => t.startsWith('kline.') && this.coinOf(t) === event.coin,
        )) {
          const payload = this.kline(topic, event.coin, event.candle);
          if (payload) this.send(socket, payload);
        }
        return;
      case 'book': {
        const { diff } = event;
        const previous = this.bookSequence.get(diff.coin) ?? diff.previousUpdateId;
        const u = previous + (this.faults.takeGap() ? 2 : 1);
        this.bookSequence.set(diff.coin, u);
        const id = bybitSymbolId(diff.coin);
        for (const [socket, topic] of this.subscriptions.matching(
          (t) => t.startsWith('orderbook.') && t.endsWith(`.${id}`),
        )) {
          const data = { s: id, b: diff.bids, a: diff.asks, u, seq: diff.lastUpdateId };
          this.send(socket, { topic, type: 'delta', ts: diff.time, data, cts: diff.time - 3 });
        }
        return;
      }
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  private kline(topic: string, coin: string, pushed: Candle): Record<string, unknown> | undefined {
    const interval = topic.split('.')[1] ?? '';
    const intervalMs = bybitIntervalToMs(interval);
    if (intervalMs === undefined) return undefined;
    const bucket = Math.floor(pushed.openTime / intervalMs) * intervalMs;
    const c = this.data.candles(coin, intervalMs).find((candle) => candle.openTime === bucket);
    if (!c) return undefined;
    const data = [
      {
        start: c.openTime,
        end: c.openTime + intervalMs - 1,
        interval,
        open: c.open,
        close: c.close,
        high: c.high,
        low: c.low,
        volume: c.volume,
        turnover: c.quoteVolume,
        confirm: c.closed,
        timestamp: this.data.now,
      },
    ];
    return { topic, type: 'snapshot', ts: this.data.now, data };
  }

  private broadcast(topic: string, payload: unknown): void {
    for (const socket of this.subscriptions.subscribers(topic)) this.send(socket, payload);
  }
}
