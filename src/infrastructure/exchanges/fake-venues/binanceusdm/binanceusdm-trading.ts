import { FakeRequest, FakeResponse, ok } from '../shared/fake-venue-server';
import { MarketDataSet } from '../shared/market-data-set';
import { binanceSymbolId } from './binanceusdm-fixtures';

type OrderRecord = Record<string, unknown> & { orderId: number; symbol: string; status: string };

/**
 * Just enough signed trading for adapters: any signature is accepted, limit orders rest as NEW,
 * market orders fill at the last price. No matching engine.
 * Shapes: https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api (New-Order,
 * Cancel-Order, Current-All-Open-Orders) and .../account/rest-api (Futures-Account-Balance-V2/V3,
 * Account-Information-V3, Position-Information-V2/V3).
 */
export class BinanceUsdmTrading {
  private readonly orders = new Map<number, OrderRecord>();
  private nextOrderId = 22_542_179;
  walletBalance = '10000.00000000';

  constructor(private readonly data: MarketDataSet) {}

  get allOrders(): readonly OrderRecord[] {
    return [...this.orders.values()];
  }

  route(request: FakeRequest): FakeResponse | undefined {
    const key = `${request.method} ${request.path}`;
    switch (key) {
      case 'POST /fapi/v1/order':
        return this.create(request);
      case 'DELETE /fapi/v1/order':
        return this.withOrder(request, (order) => {
          order.status = 'CANCELED';
          order.updateTime = this.data.now;
          return ok(order);
        });
      case 'GET /fapi/v1/order':
        return this.withOrder(request, (order) => ok(order));
      case 'GET /fapi/v1/openOrders':
        return ok(
          this.allOrders.filter(
            (o) =>
              o.status === 'NEW' &&
              (request.params.symbol === undefined || o.symbol === request.params.symbol),
          ),
        );
      case 'GET /fapi/v2/balance':
      case 'GET /fapi/v3/balance':
        return ok([this.balance()]);
      case 'GET /fapi/v2/account':
      case 'GET /fapi/v3/account':
        return ok(this.account());
      case 'GET /fapi/v1/leverageBracket':
        return ok(this.leverageBrackets());
      case 'GET /fapi/v2/positionRisk':
      case 'GET /fapi/v3/positionRisk':
        return ok([]);
      default:
        return undefined;
    }
  }

  private create(request: FakeRequest): FakeResponse {
    const p = request.params;
    const coin = this.data.coinNames.find((name) => binanceSymbolId(name) === p.symbol);
    if (coin === undefined) return { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
    const isMarket = p.type === 'MARKET';
    const price = isMarket ? '0' : (p.price ?? '0');
    const fillPrice = this.data.lastPrice(coin);
    const orderId = this.nextOrderId++;
    const order: OrderRecord = {
      orderId,
      symbol: p.symbol ?? '',
      status: isMarket ? 'FILLED' : 'NEW',
      clientOrderId: p.newClientOrderId ?? `fake-${orderId}`,
      price,
      avgPrice: isMarket ? fillPrice : '0.00',
      origQty: p.quantity ?? '0',
      executedQty: isMarket ? (p.quantity ?? '0') : '0',
      cumQty: isMarket ? (p.quantity ?? '0') : '0',
      cumQuote: isMarket ? (Number(fillPrice) * Number(p.quantity ?? '0')).toFixed(5) : '0.00000',
      timeInForce: p.timeInForce ?? (isMarket ? 'GTC' : 'GTC'),
      type: p.type ?? 'LIMIT',
      origType: p.type ?? 'LIMIT',
      reduceOnly: p.reduceOnly === 'true',
      closePosition: false,
      side: p.side ?? 'BUY',
      positionSide: p.positionSide ?? 'BOTH',
      stopPrice: p.stopPrice ?? '0',
      workingType: 'CONTRACT_PRICE',
      priceProtect: false,
      priceMatch: 'NONE',
      selfTradePreventionMode: 'EXPIRE_MAKER',
      goodTillDate: 0,
      updateTime: this.data.now,
    };
    this.orders.set(orderId, order);
    return ok(order);
  }

  private withOrder(request: FakeRequest, answer: (order: OrderRecord) => FakeResponse): FakeResponse {
    const id = Number(request.params.orderId);
    const byClientId = [...this.orders.values()].find(
      (o) => o.clientOrderId === request.params.origClientOrderId,
    );
    const order = this.orders.get(id) ?? byClientId;
    if (!order || order.symbol !== request.params.symbol)
      return { status: 400, body: { code: -2011, msg: 'Unknown order sent.' } };
    return answer(order);
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

  private balance(): Record<string, unknown> {
    return {
      accountAlias: 'SgsR',
      asset: 'USDT',
      balance: this.walletBalance,
      crossWalletBalance: this.walletBalance,
      crossUnPnl: '0.00000000',
      availableBalance: this.walletBalance,
      maxWithdrawAmount: this.walletBalance,
      marginAvailable: true,
      updateTime: this.data.now,
    };
  }

  private account(): Record<string, unknown> {
    const wallet = this.walletBalance;
    return {
      totalInitialMargin: '0.00000000',
      totalMaintMargin: '0.00000000',
      totalWalletBalance: wallet,
      totalUnrealizedProfit: '0.00000000',
      totalMarginBalance: wallet,
      totalPositionInitialMargin: '0.00000000',
      totalOpenOrderInitialMargin: '0.00000000',
      totalCrossWalletBalance: wallet,
      totalCrossUnPnl: '0.00000000',
      availableBalance: wallet,
      maxWithdrawAmount: wallet,
      assets: [
        {
          asset: 'USDT',
          walletBalance: wallet,
          unrealizedProfit: '0.00000000',
          marginBalance: wallet,
          maintMargin: '0.00000000',
          initialMargin: '0.00000000',
          positionInitialMargin: '0.00000000',
          openOrderInitialMargin: '0.00000000',
          crossWalletBalance: wallet,
          crossUnPnl: '0.00000000',
          availableBalance: wallet,
          maxWithdrawAmount: wallet,
          updateTime: this.data.now,
        },
      ],
      positions: [],
    };
  }
}
