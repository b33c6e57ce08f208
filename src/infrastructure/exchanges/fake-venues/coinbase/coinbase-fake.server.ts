import { WebSocket } from 'ws';
import { FakeRequest, FakeResponse, FakeVenueServer, FakeVenueUrls } from '../shared/fake-venue-server';
import { MarketDataSet } from '../shared/market-data-set';
import { CoinbaseMarketRest } from './coinbase-market-rest';

/**
 * Coinbase Advanced Trade on 127.0.0.1, public REST market data only: `restUrl` is the
 * `https://api.coinbase.com` equivalent. No websocket channels and no trading yet (README, "Not
 * done yet"): a websocket message is answered with an error.
 * Source: https://docs.cdp.coinbase.com/advanced-trade/reference and .../rest-api/rate-limits.
 */
export class CoinbaseFakeServer extends FakeVenueServer {
  private readonly market: CoinbaseMarketRest;

  constructor(readonly data: MarketDataSet = new MarketDataSet()) {
    super();
    this.market = new CoinbaseMarketRest(data, this.faults);
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

  protected onSocketMessage(socket: WebSocket, _message: unknown): void {
    this.send(socket, { type: 'error', message: 'websocket channels are not served by this fake' });
  }
}
