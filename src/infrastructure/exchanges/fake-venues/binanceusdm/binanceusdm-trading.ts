import { randomBytes } from 'node:crypto';
import { FakeAccount, FakeAccountError, FakeOrder } from '../shared/fake-account';
import { FakeRequest, FakeResponse, ok } from '../shared/fake-venue-server';
import { MarketDataSet } from '../shared/market-data-set';
import { binanceSymbolId } from './binanceusdm-fixtures';
import {
  binanceAccount,
  binanceBalance,
  binanceFill,
  binanceOrder,
  binancePositionRisk,
} from './binanceusdm-account-shapes';

const error = (status: number, code: number, msg: string): FakeResponse => ({ status, body: { code, msg } });

/**
 * Signed trading on the fake's `FakeAccount`: new / amend (PUT) / cancel / query order, open orders,
 * account trades, balances, positions and the user-data listenKey. A signed call needs the
 * X-MBX-APIKEY header and a `signature` parameter (not verified: the fake holds no secrets).
 * Sources: https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api
 * (New-Order, Modify-Order, Cancel-Order, Query-Order, Current-All-Open-Orders, Account-Trade-List),
 * .../account/rest-api (Futures-Account-Balance-V2/V3, Account-Information-V2/V3, Position-Information-V2/V3,
 * Notional-and-Leverage-Brackets), .../user-data-streams (Start/Keepalive/Close-User-Data-Stream) and
 * .../error-code (-1102, -1121, -2011, -2013, -2014).
 */
export class BinanceUsdmTrading {
  readonly account: FakeAccount;
  readonly listenKeys = new Set<string>();

  constructor(private readonly data: MarketDataSet) {
    this.account = new FakeAccount(data);
  }

  route(request: FakeRequest): FakeResponse | undefined {
    const key = `${request.method} ${request.path}`;
    const handler = this.handlers[key];
    if (handler === undefined) return undefined;
    if (request.headers['x-mbx-apikey'] === undefined) return error(401, -2014, 'API-key format invalid.');
    const signed = !key.includes('listenKey');
    if (signed && request.params.signature === undefined)
      return error(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
    return handler(request);
  }

  private readonly handlers: Record<string, ((request: FakeRequest) => FakeResponse) | undefined> = {
    'POST /fapi/v1/order': (r) => this.create(r),
    'PUT /fapi/v1/order': (r) =>
      this.withOrder(r, -2013, (o) =>
        this.account.amend(o.id, { price: r.params.price, quantity: r.params.quantity }),
      ),
    'DELETE /fapi/v1/order': (r) => this.withOrder(r, -2011, (o) => this.account.cancel(o.id)),
    'GET /fapi/v1/order': (r) => this.withOrder(r, -2013, (o) => o),
    'GET /fapi/v1/openOrders': (r) =>
      ok(this.account.openOrders.filter((o) => this.matches(o.coin, r)).map((o) => binanceOrder(o, true))),
    'GET /fapi/v1/userTrades': (r) => {
      const since = Number(r.params.startTime ?? 0);
      const fills = this.account.fills.filter((f) => this.matches(f.coin, r) && f.time >= since);
      return ok(fills.slice(-Number(r.params.limit ?? 500)).map(binanceFill));
    },
    'GET /fapi/v2/balance': () => ok([binanceBalance(this.account, this.data.now)]),
    'GET /fapi/v3/balance': () => ok([binanceBalance(this.account, this.data.now)]),
    'GET /fapi/v2/account': () => ok(binanceAccount(this.account, this.data.now)),
    'GET /fapi/v3/account': () => ok(binanceAccount(this.account, this.data.now)),
    'GET /fapi/v2/positionRisk': (r) => ok(this.positionRisk(r)),
    'GET /fapi/v3/positionRisk': (r) => ok(this.positionRisk(r)),
    'GET /fapi/v1/leverageBracket': () => ok(this.leverageBrackets()),
    'POST /fapi/v1/listenKey': () => {
      const listenKey = randomBytes(48).toString('base64url').slice(0, 64);
      this.listenKeys.add(listenKey);
      return ok({ listenKey });
    },
    'PUT /fapi/v1/listenKey': () => ok({ listenKey: [...this.listenKeys].at(-1) ?? '' }),
    'DELETE /fapi/v1/listenKey': () => ok({}),
  };

  private create(request: FakeRequest): FakeResponse {
    const p = request.params;
    const coin = this.coinOf(p.symbol);
    if (coin === undefined) return error(400, -1121, 'Invalid symbol.');
    const type = p.type === 'MARKET' ? 'market' : 'limit';
    if (type === 'limit' && p.price === undefined)
      return error(400, -1102, "Mandatory parameter 'price' was not sent, was empty/null, or malformed.");
    const order = this.account.place({
      coin,
      side: p.side === 'SELL' ? 'sell' : 'buy',
      type,
      quantity: p.quantity ?? '0',
      price: p.price,
      clientId: p.newClientOrderId ?? `fake-${Date.now()}`,
      timeInForce: p.timeInForce,
      reduceOnly: p.reduceOnly === 'true',
    });
    return ok(binanceOrder(order, false));
  }

  private withOrder(
    request: FakeRequest,
    unknownCode: number,
    act: (order: FakeOrder) => FakeOrder,
  ): FakeResponse {
    const { orderId, origClientOrderId, symbol } = request.params;
    const order =
      orderId !== undefined
        ? this.account.order(Number(orderId))
        : this.account.orderByClientId(origClientOrderId ?? '');
    if (order === undefined || binanceSymbolId(order.coin) !== symbol)
      return error(400, unknownCode, unknownCode === -2011 ? 'Unknown order sent.' : 'Order does not exist.');
    try {
      return ok(binanceOrder(act(order), request.method === 'GET'));
    } catch (e: unknown) {
      if (e instanceof FakeAccountError) return error(400, -2011, 'Unknown order sent.');
      throw e;
    }
  }

  private positionRisk(request: FakeRequest): unknown[] {
    return this.data.coinNames
      .filter((coin) => this.matches(coin, request))
      .map((coin) => binancePositionRisk(this.account, this.data, coin, request.path.startsWith('/fapi/v3')));
  }

  private coinOf(symbol: string | undefined): string | undefined {
    return this.data.coinNames.find((name) => binanceSymbolId(name) === symbol);
  }

  private matches(coin: string, request: FakeRequest): boolean {
    return request.params.symbol === undefined || binanceSymbolId(coin) === request.params.symbol;
  }

  /** Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Notional-and-Leverage-Brackets */
  private leverageBrackets(): unknown[] {
    return this.data.coinNames.map((coin) => ({
      symbol: binanceSymbolId(coin),
      notionalCoef: 1.5,
      brackets: [
        {
          bracket: 1,
          initialLeverage: 125,
          notionalCap: 50000,
          notionalFloor: 0,
          maintMarginRatio: 0.004,
          cum: 0.0,
        },
        {
          bracket: 2,
          initialLeverage: 100,
          notionalCap: 600000,
          notionalFloor: 50000,
          maintMarginRatio: 0.005,
          cum: 50.0,
        },
      ],
    }));
  }
}
