import { WebSocket } from 'ws';
import { FakeRequest, FakeResponse, FakeVenueServer, FakeVenueUrls } from '../shared/fake-venue-server';
import { MarketDataSet } from '../shared/market-data-set';
import { CoinbaseMarketRest } from './coinbase-market-rest';
import { CoinbaseStreams } from './coinbase-streams';

/**
 * Coinbase Advanced Trade on 127.0.0.1, public market data: `restUrl` is the
 * `https://api.coinbase.com` equivalent, `wsUrl` the `wss://advanced-trade-ws.coinbase.com` one
 * (`market_trades`, `level2`, `ticker`, `heartbeats`; CoinbaseStreams). No trading, no `user`
 * channel and no `candles` channel yet (README, "Not done yet").
 * Source: https://docs.cdp.coinbase.com/advanced-trade/reference and .../rest-api/rate-limits.
 */
export class CoinbaseFakeServer extends FakeVenueServer {
  private readonly market: CoinbaseMarketRest;
  private readonly streams: CoinbaseStreams;

  constructor(readonly data: MarketDataSet = new MarketDataSet()) {
    super();
    this.market = new CoinbaseMarketRest(data, this.faults);
    this.streams = new CoinbaseStreams(data, this.faults, (socket, payload) => this.send(socket, payload));
  }

  /** `channel:product` pairs subscribed over every open websocket, e.g. `level2:BTC-USD`, `heartbeats`. */
  get subscribedTopics(): string[] {
    return this.streams.subscribedTopics;
  }

  protected urlsFor(httpRoot: string, wsRoot: string): FakeVenueUrls {
    return { restUrl: httpRoot, wsUrl: wsRoot };
  }

  protected route(request: FakeRequest): FakeResponse {
    return this.market.route(request) ?? { status: 404, body: { error: 'NOT_FOUND', message: 'Not Found' } };
  }

  /** HTTP 429 with the Advanced Trade error body. */
  protected rateLimitedResponse(): FakeResponse {
    return {
      status: 429,
      body: {
        error: 'RATE_LIMIT_EXCEEDED',
        error_details: 'Too many requests',
        message: 'Too many requests',
      },
    };
  }

  protected onSocketMessage(socket: WebSocket, message: unknown): void {
    this.streams.onMessage(socket, message);
  }

  protected override onSocketClosed(socket: WebSocket): void {
    this.streams.forget(socket);
  }
}
