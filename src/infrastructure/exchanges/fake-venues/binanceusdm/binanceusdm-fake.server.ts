import { WebSocket } from 'ws';
import {
  FakeRequest,
  FakeResponse,
  FakeVenueServer,
  FakeVenueUrls,
  isRecord,
} from '../shared/fake-venue-server';
import { MarketDataSet, MarketEvent } from '../shared/market-data-set';
import { Subscriptions } from '../shared/subscriptions';
import { RATE_LIMIT_BODY, RATE_LIMIT_RETRY_AFTER_SECONDS } from './binanceusdm-fixtures';
import { BinanceUsdmMarketRest } from './binanceusdm-market-rest';
import { BinanceUsdmStreams } from './binanceusdm-streams';
import { BinanceUsdmTrading } from './binanceusdm-trading';
import { binanceUserEvents } from './binanceusdm-user-stream';

/**
 * Binance USDⓈ-M futures on 127.0.0.1: `/fapi/*` REST and the market streams websocket.
 * `start()` answers `restUrl` as the `https://fapi.binance.com` equivalent and `wsUrl` as the
 * `wss://fstream.binance.com/ws` equivalent. Any websocket path is accepted (ccxt connects to
 * `/market/ws/<n>` and `/public/ws/<n>`); `/stream?streams=a/b` gives combined `{stream, data}` frames.
 */
export class BinanceUsdmFakeServer extends FakeVenueServer {
  readonly trading: BinanceUsdmTrading;
  private readonly subscriptions = new Subscriptions();
  private readonly combined = new Set<WebSocket>();
  /** Sockets of the user-data stream (opened with a listenKey). */
  private readonly userSockets = new Set<WebSocket>();
  private readonly market: BinanceUsdmMarketRest;
  private readonly streams: BinanceUsdmStreams;

  constructor(readonly data: MarketDataSet = new MarketDataSet()) {
    super();
    this.market = new BinanceUsdmMarketRest(data, this.faults);
    this.streams = new BinanceUsdmStreams(data, this.faults);
    this.trading = new BinanceUsdmTrading(data);
    data.subscribe((event) => this.publish(event));
    this.trading.account.subscribe((order, execution, fill) => {
      for (const payload of binanceUserEvents(this.trading.account, order, execution, fill, data.now))
        for (const socket of this.userSockets) this.send(socket, payload);
    });
  }

  /** Test control: a counterparty takes `quantity` of a resting order at its limit price. */
  fillPartially(orderId: string | number, quantity: string): void {
    this.trading.account.fillPartially(Number(orderId), quantity);
  }

  /** How many user-data stream connections are open (private streams subscribed). */
  get userStreamCount(): number {
    return this.userSockets.size;
  }

  /** Stream names currently subscribed over all connections. */
  get subscribedStreams(): string[] {
    return [...this.openSockets].flatMap((socket) => this.subscriptions.topicsOf(socket));
  }

  protected urlsFor(httpRoot: string, wsRoot: string): FakeVenueUrls {
    return { restUrl: httpRoot, wsUrl: `${wsRoot}/ws` };
  }

  protected route(request: FakeRequest): FakeResponse {
    const answer = this.market.route(request) ?? this.trading.route(request);
    return (
      answer ?? {
        status: 404,
        body: { code: -5000, msg: `Path ${request.path}, Method ${request.method} is invalid` },
      }
    );
  }

  protected rateLimitedResponse(): FakeResponse {
    return { status: 429, body: RATE_LIMIT_BODY, headers: { 'Retry-After': RATE_LIMIT_RETRY_AFTER_SECONDS } };
  }

  protected override onSocketOpened(socket: WebSocket, url: URL): void {
    // ccxt opens `/private/ws?listenKey=…`; the documented form is `/ws/<listenKey>`.
    const listenKey = url.searchParams.get('listenKey') ?? url.pathname.split('/').at(-1) ?? '';
    if (this.trading.listenKeys.has(listenKey)) {
      this.userSockets.add(socket);
      return;
    }
    const streams = url.searchParams.get('streams');
    if (url.pathname.startsWith('/stream')) {
      this.combined.add(socket);
      for (const stream of (streams ?? '').split('/').filter(Boolean)) this.subscriptions.add(socket, stream);
      return;
    }
    const raw = /\/ws\/([a-z0-9]+@[a-z0-9_@]+)$/.exec(url.pathname);
    if (raw?.[1]) this.subscriptions.add(socket, raw[1]);
  }

  protected override onSocketClosed(socket: WebSocket): void {
    this.subscriptions.forget(socket);
    this.combined.delete(socket);
    this.userSockets.delete(socket);
  }

  /** Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Live-Subscribing-or-Unsubscribing-to-streams */
  protected onSocketMessage(socket: WebSocket, message: unknown): void {
    if (!isRecord(message)) return;
    const id = message.id ?? null;
    const params = Array.isArray(message.params)
      ? message.params.filter((p): p is string => typeof p === 'string')
      : [];
    switch (message.method) {
      case 'SUBSCRIBE':
        for (const stream of params) this.subscriptions.add(socket, stream);
        return this.send(socket, { result: null, id });
      case 'UNSUBSCRIBE':
        for (const stream of params) this.subscriptions.remove(socket, stream);
        return this.send(socket, { result: null, id });
      case 'LIST_SUBSCRIPTIONS':
        return this.send(socket, { result: this.subscriptions.topicsOf(socket), id });
      default:
        return this.send(socket, { error: { code: 2, msg: `Invalid request: unknown method` }, id });
    }
  }

  private publish(event: MarketEvent): void {
    const active = new Set(this.subscribedStreams);
    const payloads = this.streams.render(event, (stream) => active.has(stream));
    for (const [stream, payload] of payloads) {
      for (const socket of this.subscriptions.subscribers(stream)) {
        this.send(socket, this.combined.has(socket) ? { stream, data: payload } : payload);
      }
    }
  }
}
