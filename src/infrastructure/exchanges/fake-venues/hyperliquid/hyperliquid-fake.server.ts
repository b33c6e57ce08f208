import { WebSocket } from 'ws';
import { intervalToMs } from '../shared/candle-window';
import {
  FakeRequest,
  FakeResponse,
  FakeVenueServer,
  FakeVenueUrls,
  isRecord,
} from '../shared/fake-venue-server';
import { MarketDataSet, MarketEvent } from '../shared/market-data-set';
import { Subscriptions } from '../shared/subscriptions';
import { FakeAccount, FakeFill, FakeOrder } from '../shared/fake-account';
import { orderWithStatus, userFillOf } from './hyperliquid-account-shapes';
import { HyperliquidExchange } from './hyperliquid-exchange';
import { hyperliquidCandle, HyperliquidInfo, l2Book, UserFill } from './hyperliquid-info';

/** The address whose account `POST /exchange` trades (override with `tradingUser`). */
export const FAKE_TRADING_USER = '0x5e9ee1089755c3435139848e47e6635505d5a13a';

/**
 * Hyperliquid on 127.0.0.1: `POST /info` and the `/ws` websocket. `restUrl` is the
 * `https://api.hyperliquid.xyz` equivalent and `wsUrl` the `wss://api.hyperliquid.xyz/ws` one.
 * Subscriptions: trades, l2Book (full snapshot on subscribe and on every change), candle,
 * activeAssetCtx (`{coin, ctx}` on subscribe and on every trade or book change: what ccxt's
 * watchTicker reads) and userFills (an `isSnapshot: true` replay first), each acked by
 * `subscriptionResponse`.
 * Source: https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions
 */
export class HyperliquidFakeServer extends FakeVenueServer {
  private readonly subscriptions = new Subscriptions();
  private readonly info: HyperliquidInfo;
  private readonly exchange: HyperliquidExchange;
  readonly account: FakeAccount;
  /** The address that owns `account` (ccxt signs for its walletAddress; the fake does not recover it). */
  tradingUser = FAKE_TRADING_USER;
  private readonly fillsByUser = new Map<string, UserFill[]>();
  private nextTid = 981_894_269_203_506;

  constructor(readonly data: MarketDataSet = new MarketDataSet()) {
    super();
    this.account = new FakeAccount(data, { firstOrderId: 189_324_500 });
    this.exchange = new HyperliquidExchange(this.account, data);
    this.info = new HyperliquidInfo(data, this.faults, (user) => this.fillsByUser.get(user) ?? [], {
      account: this.account,
      user: () => this.tradingUser.toLowerCase(),
    });
    data.subscribe((event) => this.publish(event));
    this.account.subscribe((order, _execution, fill) => this.publishAccount(order, fill));
  }

  /** Test control: a counterparty takes `quantity` of a resting order at its limit price. */
  fillPartially(oid: string | number, quantity: string): void {
    this.account.fillPartially(Number(oid), quantity);
  }

  /** Subscription keys such as `trades:BTC`, `l2Book:BTC`, `candle:BTC:1m`, `userFills:0xabc…`. */
  get subscribedTopics(): string[] {
    return [...this.openSockets].flatMap((socket) => this.subscriptions.topicsOf(socket));
  }

  /** Records a fill for `user` (answered by userFills) and pushes it to userFills subscribers. */
  addUserFill(
    user: string,
    fill: Pick<UserFill, 'coin' | 'px' | 'sz' | 'side'> & Partial<UserFill>,
  ): UserFill {
    const tid = this.nextTid++;
    const full: UserFill = {
      time: this.data.now,
      startPosition: '0.0',
      dir: fill.side === 'B' ? 'Open Long' : 'Open Short',
      closedPnl: '0.0',
      hash: `0x${tid.toString(16).padStart(64, '0')}`,
      oid: 189_324_432,
      crossed: true,
      fee: (Number(fill.px) * Number(fill.sz) * 0.00035).toFixed(6),
      tid,
      feeToken: 'USDC',
      ...fill,
    };
    this.recordFill(user, full);
    return full;
  }

  private recordFill(user: string, fill: UserFill): void {
    const key = user.toLowerCase();
    this.fillsByUser.set(key, [...(this.fillsByUser.get(key) ?? []), fill]);
    this.broadcast(`userFills:${key}`, { channel: 'userFills', data: { user: key, fills: [fill] } });
  }

  /** The traded account's changes: `orderUpdates` for every one, `userFills` for a fill. */
  private publishAccount(order: FakeOrder, fill: FakeFill | undefined): void {
    const user = this.tradingUser.toLowerCase();
    this.broadcast(`orderUpdates:${user}`, { channel: 'orderUpdates', data: [orderWithStatus(order)] });
    if (fill === undefined) return;
    const after = Number(this.account.position(fill.coin).quantity);
    const signed = Number(fill.quantity) * (fill.side === 'buy' ? 1 : -1);
    this.recordFill(user, userFillOf(fill, String(after - signed)));
  }

  protected urlsFor(httpRoot: string, wsRoot: string): FakeVenueUrls {
    return { restUrl: httpRoot, wsUrl: `${wsRoot}/ws` };
  }

  protected override endpointOf(request: FakeRequest): string {
    const type = isRecord(request.json) && typeof request.json.type === 'string' ? request.json.type : '';
    return request.path === '/info' ? `/info#${type}` : request.path;
  }

  protected route(request: FakeRequest): FakeResponse {
    if (request.method === 'POST' && request.path === '/info') return this.info.answer(request);
    if (request.method === 'POST' && request.path === '/exchange') return this.exchange.answer(request);
    return { status: 404, body: null };
  }

  /** Hyperliquid answers HTTP 429 when the IP exceeds its weight budget (info-endpoint rate limits page). */
  protected rateLimitedResponse(): FakeResponse {
    return { status: 429, body: null };
  }

  protected override onSocketClosed(socket: WebSocket): void {
    this.subscriptions.forget(socket);
  }

  protected onSocketMessage(socket: WebSocket, message: unknown): void {
    if (!isRecord(message)) return;
    if (message.method === 'ping') return this.send(socket, { channel: 'pong' });
    const subscription = isRecord(message.subscription) ? message.subscription : undefined;
    const key = subscription ? this.keyOf(subscription) : undefined;
    if (
      (message.method !== 'subscribe' && message.method !== 'unsubscribe') ||
      !subscription ||
      key === undefined
    ) {
      return this.send(socket, { channel: 'error', data: `Invalid subscription ${JSON.stringify(message)}` });
    }
    if (message.method === 'unsubscribe') this.subscriptions.remove(socket, key);
    else this.subscriptions.add(socket, key);
    this.send(socket, { channel: 'subscriptionResponse', data: { method: message.method, subscription } });
    if (message.method === 'subscribe') this.sendInitial(socket, key);
  }

  private keyOf(subscription: Record<string, unknown>): string | undefined {
    const { type, coin, interval, user } = subscription;
    if (typeof type !== 'string') return undefined;
    if ((type === 'userFills' || type === 'orderUpdates') && typeof user === 'string')
      return `${type}:${user.toLowerCase()}`;
    if (typeof coin !== 'string' || !this.data.coinNames.includes(coin)) return undefined;
    if (type === 'candle' && typeof interval === 'string' && intervalToMs(interval) !== undefined)
      return `candle:${coin}:${interval}`;
    return type === 'trades' || type === 'l2Book' || type === 'activeAssetCtx'
      ? `${type}:${coin}`
      : undefined;
  }

  private sendInitial(socket: WebSocket, key: string): void {
    const [type, subject = ''] = key.split(':');
    if (type === 'l2Book')
      this.send(socket, { channel: 'l2Book', data: l2Book(subject, this.data.book(subject), this.data.now) });
    if (type === 'activeAssetCtx') this.send(socket, this.activeAssetCtx(subject));
    if (type === 'userFills') {
      const fills = this.fillsByUser.get(subject) ?? [];
      this.send(socket, { channel: 'userFills', data: { isSnapshot: true, user: subject, fills } });
    }
  }

  private publish(event: MarketEvent): void {
    switch (event.kind) {
      case 'trade': {
        const { coin, trade } = event;
        const hash = `0x${trade.id.toString(16).padStart(64, '0')}`;
        const data = [
          {
            coin,
            side: trade.side === 'buy' ? 'B' : 'A',
            px: trade.price,
            sz: trade.qty,
            time: trade.time,
            hash,
            tid: trade.id,
            users: [
              '0x0000000000000000000000000000000000000001',
              '0x0000000000000000000000000000000000000002',
            ],
          },
        ];
        this.broadcast(`trades:${coin}`, { channel: 'trades', data });
        return this.broadcast(`activeAssetCtx:${coin}`, this.activeAssetCtx(coin));
      }
      case 'candle':
        for (const [socket, key] of this.subscriptions.matching((k) =>
          k.startsWith(`candle:${event.coin}:`),
        )) {
          const interval = key.split(':')[2] ?? '1m';
          const intervalMs = intervalToMs(interval) ?? 60_000;
          const bucket = Math.floor(event.candle.openTime / intervalMs) * intervalMs;
          const candle = this.data.candles(event.coin, intervalMs).find((c) => c.openTime === bucket);
          if (candle)
            this.send(socket, {
              channel: 'candle',
              data: hyperliquidCandle(event.coin, interval, intervalMs, candle),
            });
        }
        return;
      case 'book': {
        const { coin } = event.diff;
        this.broadcast(`l2Book:${coin}`, {
          channel: 'l2Book',
          data: l2Book(coin, this.data.book(coin), event.diff.time),
        });
        return this.broadcast(`activeAssetCtx:${coin}`, this.activeAssetCtx(coin));
      }
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled event ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /**
   * Source: hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions
   * (`activeAssetCtx` → `WsActiveAssetCtx {coin, ctx: PerpsAssetCtx}`) and the example in ccxt
   * `pro/hyperliquid.js` handleActiveAssetCtx.
   */
  private activeAssetCtx(coin: string): Record<string, unknown> {
    return { channel: 'activeAssetCtx', data: { coin, ctx: this.info.assetCtx(coin) } };
  }

  private broadcast(key: string, payload: unknown): void {
    for (const socket of this.subscriptions.subscribers(key)) this.send(socket, payload);
  }
}
