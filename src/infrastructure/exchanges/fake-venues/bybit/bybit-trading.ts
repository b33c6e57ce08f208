import { FakeAccount, FakeAccountError, FakeOrder } from '../shared/fake-account';
import { FakeRequest, FakeResponse, ok } from '../shared/fake-venue-server';
import { MarketDataSet } from '../shared/market-data-set';
import {
  bybitExecution,
  bybitOrder,
  bybitOrderId,
  bybitPosition,
  bybitWallet,
  fakeOrderId,
} from './bybit-account-shapes';
import { bybitSymbolId, envelope } from './bybit-fixtures';

/**
 * v5 private REST on the fake's `FakeAccount` (category=linear, a UNIFIED account). A private call
 * needs the X-BAPI-API-KEY, X-BAPI-SIGN and X-BAPI-TIMESTAMP headers (the signature is not checked:
 * the fake holds no secrets).
 * Sources: https://bybit-exchange.github.io/docs/v5/order/{create-order,amend-order,cancel-order,open-order},
 * .../order/execution, .../account/wallet-balance, .../account/account-info, .../user/apikey-info,
 * .../position and .../error (10003, 10001, 110001, 110008).
 */
export class BybitTrading {
  readonly account: FakeAccount;

  constructor(private readonly data: MarketDataSet) {
    this.account = new FakeAccount(data, { firstOrderId: 1_000_001 });
  }

  route(request: FakeRequest): FakeResponse | undefined {
    const handler = this.handlers[`${request.method} ${request.path}`];
    if (handler === undefined) return undefined;
    const h = request.headers;
    if (
      h['x-bapi-api-key'] === undefined ||
      h['x-bapi-sign'] === undefined ||
      h['x-bapi-timestamp'] === undefined
    )
      return this.error(10003, 'API key is invalid.');
    return handler(request);
  }

  private readonly handlers: Record<string, ((request: FakeRequest) => FakeResponse) | undefined> = {
    'POST /v5/order/create': (r) => this.create(r),
    'POST /v5/order/amend': (r) =>
      this.withOrder(r, (o) => this.account.amend(o.id, { price: r.params.price, quantity: r.params.qty })),
    'POST /v5/order/cancel': (r) => this.withOrder(r, (o) => this.account.cancel(o.id)),
    'GET /v5/order/realtime': (r) => this.orders(r, false),
    'GET /v5/order/history': (r) => this.orders(r, true),
    'GET /v5/execution/list': (r) => {
      const since = Number(r.params.startTime ?? 0);
      const list = this.account.fills
        .filter((f) => this.matches(f.coin, r) && f.time >= since)
        .reverse()
        .map((f) => bybitExecution(f, this.account.order(f.orderId) as FakeOrder));
      return this.ok({ nextPageCursor: '', category: 'linear', list });
    },
    'GET /v5/account/wallet-balance': () => this.ok({ list: [bybitWallet(this.account)] }),
    'GET /v5/position/list': (r) =>
      this.ok({
        nextPageCursor: '',
        category: 'linear',
        list: this.data.coinNames
          .filter((coin) => this.matches(coin, r))
          .map((coin) => bybitPosition(this.account, this.data, coin)),
      }),
    'GET /v5/account/info': () =>
      this.ok({
        marginMode: 'REGULAR_MARGIN',
        updatedTime: String(this.data.now),
        unifiedMarginStatus: 5,
        dcpStatus: 'OFF',
        timeWindow: 10,
        smpGroup: 0,
        isMasterTrader: false,
        spotHedgingStatus: 'OFF',
      }),
    'GET /v5/user/query-api': (r) =>
      this.ok({
        id: '13770661',
        note: 'fake',
        apiKey: r.headers['x-bapi-api-key'],
        readOnly: 0,
        secret: '',
        permissions: { ContractTrade: ['Order', 'Position'], Wallet: ['AccountTransfer'] },
        ips: ['*'],
        type: 1,
        unified: 1,
        uta: 1,
        userID: 24600000,
        isMaster: true,
      }),
  };

  private create(request: FakeRequest): FakeResponse {
    const p = request.params;
    const coin = this.data.coinNames.find((name) => bybitSymbolId(name) === p.symbol);
    if (coin === undefined) return this.error(10001, 'params error: symbol invalid');
    const type = p.orderType === 'Market' ? 'market' : 'limit';
    try {
      const order = this.account.place({
        coin,
        side: p.side === 'Sell' ? 'sell' : 'buy',
        type,
        quantity: p.qty ?? '0',
        price: p.price,
        clientId: p.orderLinkId ?? '',
        timeInForce: p.timeInForce ?? 'GTC',
        reduceOnly: p.reduceOnly === 'true',
      });
      return this.ok({ orderId: bybitOrderId(order.id), orderLinkId: order.clientId });
    } catch (e: unknown) {
      if (e instanceof FakeAccountError) return this.error(10001, 'params error: qty invalid');
      throw e;
    }
  }

  private withOrder(request: FakeRequest, act: (order: FakeOrder) => FakeOrder): FakeResponse {
    const order = this.find(request);
    if (order === undefined) return this.error(110001, 'order not exists or too late to cancel');
    try {
      const changed = act(order);
      return this.ok({ orderId: bybitOrderId(changed.id), orderLinkId: changed.clientId });
    } catch (e: unknown) {
      if (e instanceof FakeAccountError) return this.error(110001, 'order not exists or too late to replace');
      throw e;
    }
  }

  /** realtime answers open orders; one asked for by id, or history, includes closed ones. */
  private orders(request: FakeRequest, history: boolean): FakeResponse {
    const { orderId, orderLinkId, openOnly } = request.params;
    const byId = orderId !== undefined || orderLinkId !== undefined;
    const pool = byId || history || openOnly === '1' ? this.account.orders : this.account.openOrders;
    const list = pool
      .filter((o) => this.matches(o.coin, request))
      .filter((o) => orderId === undefined || bybitOrderId(o.id) === orderId)
      .filter((o) => orderLinkId === undefined || o.clientId === orderLinkId)
      .reverse()
      .map(bybitOrder);
    return this.ok({ nextPageCursor: '', category: 'linear', list });
  }

  private find(request: FakeRequest): FakeOrder | undefined {
    const { orderId, orderLinkId, symbol } = request.params;
    const order =
      orderId !== undefined
        ? this.account.order(fakeOrderId(orderId))
        : this.account.orderByClientId(orderLinkId ?? '');
    return order !== undefined && bybitSymbolId(order.coin) === symbol ? order : undefined;
  }

  private matches(coin: string, request: FakeRequest): boolean {
    return request.params.symbol === undefined || bybitSymbolId(coin) === request.params.symbol;
  }

  private ok(result: unknown): FakeResponse {
    return ok(envelope(result, this.data.now));
  }

  private error(retCode: number, retMsg: string): FakeResponse {
    return ok(envelope({}, this.data.now, retCode, retMsg));
  }
}
