import { FAKE_LEVERAGE, FakeAccount, FakeFill, FakeOrder, FakeOrderStatus } from '../shared/fake-account';
import { MarketDataSet } from '../shared/market-data-set';
import { bybitSymbolId } from './bybit-fixtures';

/**
 * FakeAccount records in Bybit v5 shapes, shared by REST and the private websocket (the same field
 * sets, plus `category` on websocket rows).
 * Sources: https://bybit-exchange.github.io/docs/v5/order/open-order (order), .../order/execution
 * (execution), .../position (position), .../account/wallet-balance (wallet) and
 * .../websocket/private/{order,execution,position,wallet}.
 */
const STATUS: Record<FakeOrderStatus, string> = {
  new: 'New',
  partially_filled: 'PartiallyFilled',
  filled: 'Filled',
  cancelled: 'Cancelled',
};

/** Bybit order ids are UUIDs: the fake's numeric id sits in the last group. */
export const bybitOrderId = (id: number): string => `f0e1d2c3-0000-4000-8000-${String(id).padStart(12, '0')}`;
export const fakeOrderId = (orderId: string): number => Number(orderId.split('-').at(-1));
const execId = (id: number): string => `e0e1d2c3-0000-4000-8000-${String(id).padStart(12, '0')}`;

const side = (s: 'buy' | 'sell'): string => (s === 'buy' ? 'Buy' : 'Sell');
const mul = (a: string, b: string): string => (Number(a) * Number(b)).toFixed(8);

export function bybitOrder(order: FakeOrder): Record<string, unknown> {
  const leaves = Number(order.quantity) - Number(order.filled);
  const closed = order.status === 'filled' || order.status === 'cancelled';
  return {
    orderId: bybitOrderId(order.id),
    orderLinkId: order.clientId,
    blockTradeId: '',
    symbol: bybitSymbolId(order.coin),
    price: order.price,
    qty: order.quantity,
    side: side(order.side),
    isLeverage: '',
    positionIdx: 0,
    orderStatus: STATUS[order.status],
    cancelType: order.status === 'cancelled' ? 'CancelByUser' : 'UNKNOWN',
    rejectReason: 'EC_NoError',
    avgPrice: order.averagePrice === '0' ? '' : order.averagePrice,
    leavesQty: closed ? '0' : String(leaves),
    leavesValue: closed ? '0' : mul(String(leaves), order.price),
    cumExecQty: order.filled,
    cumExecValue: mul(order.filled, order.averagePrice),
    cumExecFee: '0',
    timeInForce: order.timeInForce,
    orderType: order.type === 'market' ? 'Market' : 'Limit',
    stopOrderType: '',
    orderIv: '',
    triggerPrice: '0.00',
    takeProfit: '0.00',
    stopLoss: '0.00',
    tpTriggerBy: '',
    slTriggerBy: '',
    triggerDirection: 0,
    triggerBy: '',
    lastPriceOnCreated: '',
    reduceOnly: order.reduceOnly,
    closeOnTrigger: false,
    smpType: 'None',
    smpGroup: 0,
    smpOrderId: '',
    tpslMode: '',
    tpLimitPrice: '',
    slLimitPrice: '',
    placeType: '',
    createdTime: String(order.createdAt),
    updatedTime: String(order.updatedAt),
  };
}

export function bybitExecution(fill: FakeFill, order: FakeOrder): Record<string, unknown> {
  return {
    symbol: bybitSymbolId(fill.coin),
    orderType: order.type === 'market' ? 'Market' : 'Limit',
    underlyingPrice: '',
    orderLinkId: fill.clientId,
    side: side(fill.side),
    indexPrice: '',
    orderId: bybitOrderId(fill.orderId),
    stopOrderType: 'UNKNOWN',
    leavesQty: String(Number(order.quantity) - Number(order.filled)),
    execTime: String(fill.time),
    feeCurrency: '',
    isMaker: fill.maker,
    execFee: fill.fee,
    feeRate: fill.maker ? '0.0002' : '0.00055',
    execId: execId(fill.id),
    tradeIv: '',
    blockTradeId: '',
    markPrice: fill.price,
    execPrice: fill.price,
    markIv: '',
    orderQty: order.quantity,
    orderPrice: order.price,
    execValue: mul(fill.price, fill.quantity),
    execType: 'Trade',
    execQty: fill.quantity,
    closedSize: '',
    seq: fill.id,
  };
}

export function bybitPosition(
  account: FakeAccount,
  data: MarketDataSet,
  coin: string,
): Record<string, unknown> {
  const position = account.position(coin);
  const size = Math.abs(Number(position.quantity));
  const value = mul(String(size), position.entryPrice);
  const now = String(data.now);
  return {
    positionIdx: 0,
    riskId: 1,
    riskLimitValue: '2000000',
    symbol: bybitSymbolId(coin),
    side: size === 0 ? '' : Number(position.quantity) > 0 ? 'Buy' : 'Sell',
    size: position.quantity.replace('-', ''),
    avgPrice: position.entryPrice,
    positionValue: value,
    tradeMode: 0,
    positionStatus: 'Normal',
    autoAddMargin: 0,
    adlRankIndicator: size === 0 ? 0 : 2,
    leverage: String(FAKE_LEVERAGE),
    positionBalance: (Number(value) / FAKE_LEVERAGE).toFixed(8),
    markPrice: data.lastPrice(coin),
    liqPrice: '',
    bustPrice: '',
    positionMM: '0',
    positionIM: (Number(value) / FAKE_LEVERAGE).toFixed(8),
    tpslMode: 'Full',
    takeProfit: '0',
    stopLoss: '0',
    trailingStop: '0',
    unrealisedPnl: account.unrealizedPnl(coin),
    curRealisedPnl: '0',
    cumRealisedPnl: '0',
    seq: data.now,
    isReduceOnly: false,
    mmrSysUpdatedTime: '',
    leverageSysUpdatedTime: '',
    createdTime: now,
    updatedTime: now,
  };
}

/** The UNIFIED account with one USDT coin row; `availableToWithdraw` = free, so free + used = total. */
export function bybitWallet(account: FakeAccount): Record<string, unknown> {
  const { total, free, used } = account.balance();
  return {
    totalEquity: total,
    accountIMRate: '0',
    totalMarginBalance: total,
    totalInitialMargin: used,
    accountType: 'UNIFIED',
    totalAvailableBalance: free,
    accountMMRate: '0',
    totalPerpUPL: '0',
    totalWalletBalance: total,
    accountLTV: '0',
    totalMaintenanceMargin: '0',
    coin: [
      {
        availableToBorrow: '',
        bonus: '0',
        accruedInterest: '0',
        availableToWithdraw: free,
        totalOrderIM: '0',
        equity: total,
        totalPositionMM: '0',
        usdValue: total,
        unrealisedPnl: '0',
        collateralSwitch: true,
        spotHedgingQty: '0',
        borrowAmount: '0',
        totalPositionIM: used,
        walletBalance: total,
        cumRealisedPnl: '0',
        locked: '0',
        marginCollateral: true,
        coin: 'USDT',
      },
    ],
  };
}
