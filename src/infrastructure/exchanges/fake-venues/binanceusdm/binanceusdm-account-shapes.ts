import { FAKE_LEVERAGE, FakeAccount, FakeFill, FakeOrder, FakeOrderStatus } from '../shared/fake-account';
import { MarketDataSet } from '../shared/market-data-set';
import { binanceSymbolId } from './binanceusdm-fixtures';

/**
 * FakeAccount records in Binance USDⓈ-M REST shapes.
 * Sources: https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/New-Order
 * and Query-Order (order), Account-Trade-List (fill), .../account/rest-api/Futures-Account-Balance-V3,
 * Account-Information-V3 and Position-Information-V2/V3.
 */
export const BINANCE_STATUS: Record<FakeOrderStatus, string> = {
  new: 'NEW',
  partially_filled: 'PARTIALLY_FILLED',
  filled: 'FILLED',
  cancelled: 'CANCELED',
};

export function binanceOrder(order: FakeOrder, withTime: boolean): Record<string, unknown> {
  const type = order.type === 'market' ? 'MARKET' : 'LIMIT';
  const cumQuote = (Number(order.averagePrice) * Number(order.filled)).toFixed(5);
  return {
    orderId: order.id,
    symbol: binanceSymbolId(order.coin),
    status: BINANCE_STATUS[order.status],
    clientOrderId: order.clientId,
    price: order.price,
    avgPrice: order.averagePrice,
    origQty: order.quantity,
    executedQty: order.filled,
    cumQty: order.filled,
    cumQuote,
    timeInForce: order.timeInForce,
    type,
    origType: type,
    reduceOnly: order.reduceOnly,
    closePosition: false,
    side: order.side === 'buy' ? 'BUY' : 'SELL',
    positionSide: 'BOTH',
    stopPrice: '0',
    workingType: 'CONTRACT_PRICE',
    priceProtect: false,
    priceMatch: 'NONE',
    selfTradePreventionMode: 'EXPIRE_MAKER',
    goodTillDate: 0,
    ...(withTime ? { time: order.createdAt } : {}),
    updateTime: order.updatedAt,
  };
}

export function binanceFill(fill: FakeFill): Record<string, unknown> {
  return {
    buyer: fill.side === 'buy',
    commission: fill.fee,
    commissionAsset: 'USDT',
    id: fill.id,
    maker: fill.maker,
    orderId: fill.orderId,
    price: fill.price,
    qty: fill.quantity,
    quoteQty: (Number(fill.price) * Number(fill.quantity)).toFixed(5),
    realizedPnl: fill.realizedPnl,
    side: fill.side === 'buy' ? 'BUY' : 'SELL',
    positionSide: 'BOTH',
    symbol: binanceSymbolId(fill.coin),
    time: fill.time,
  };
}

export function binanceBalance(account: FakeAccount, now: number): Record<string, unknown> {
  const { total, free } = account.balance();
  return {
    accountAlias: 'SgsR',
    asset: 'USDT',
    balance: total,
    crossWalletBalance: total,
    crossUnPnl: '0.00000000',
    availableBalance: free,
    maxWithdrawAmount: free,
    marginAvailable: true,
    updateTime: now,
  };
}

export function binanceAccount(account: FakeAccount, now: number): Record<string, unknown> {
  const { total, free, used } = account.balance();
  return {
    totalInitialMargin: used,
    totalMaintMargin: '0.00000000',
    totalWalletBalance: total,
    totalUnrealizedProfit: '0.00000000',
    totalMarginBalance: total,
    totalPositionInitialMargin: used,
    totalOpenOrderInitialMargin: '0.00000000',
    totalCrossWalletBalance: total,
    totalCrossUnPnl: '0.00000000',
    availableBalance: free,
    maxWithdrawAmount: free,
    assets: [
      {
        asset: 'USDT',
        walletBalance: total,
        unrealizedProfit: '0.00000000',
        marginBalance: total,
        maintMargin: '0.00000000',
        initialMargin: used,
        positionInitialMargin: used,
        openOrderInitialMargin: '0.00000000',
        crossWalletBalance: total,
        crossUnPnl: '0.00000000',
        availableBalance: free,
        maxWithdrawAmount: free,
        updateTime: now,
      },
    ],
    positions: [],
  };
}

/** One-way mode: one `BOTH` row per symbol; v3 drops leverage/marginType and adds margins. */
export function binancePositionRisk(
  account: FakeAccount,
  data: MarketDataSet,
  coin: string,
  v3: boolean,
): Record<string, unknown> {
  const position = account.position(coin);
  const mark = data.lastPrice(coin);
  const notional = (Number(position.quantity) * Number(mark)).toFixed(8);
  const common = {
    symbol: binanceSymbolId(coin),
    positionSide: 'BOTH',
    positionAmt: position.quantity,
    entryPrice: position.entryPrice,
    breakEvenPrice: position.entryPrice,
    markPrice: mark,
    unRealizedProfit: account.unrealizedPnl(coin),
    liquidationPrice: '0',
    isolatedMargin: '0.00000000',
    notional,
    isolatedWallet: '0',
    updateTime: data.now,
  };
  if (v3) {
    const margin = (Math.abs(Number(notional)) / FAKE_LEVERAGE).toFixed(8);
    return {
      ...common,
      marginAsset: 'USDT',
      initialMargin: margin,
      maintMargin: '0',
      positionInitialMargin: margin,
      openOrderInitialMargin: '0',
      adl: 0,
      bidNotional: '0',
      askNotional: '0',
    };
  }
  return {
    ...common,
    leverage: String(FAKE_LEVERAGE),
    maxNotionalValue: '250000',
    marginType: 'cross',
    isAutoAddMargin: 'false',
  };
}
