import { FAKE_LEVERAGE, FakeAccount, FakeFill, FakeOrder, FakeOrderStatus } from '../shared/fake-account';
import { MarketDataSet } from '../shared/market-data-set';
import type { UserFill } from './hyperliquid-info';

/**
 * FakeAccount records in Hyperliquid shapes. `sz` is the remaining size, `origSz` the placed one.
 * Sources: https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint
 * (frontendOpenOrders, orderStatus, userFills), .../info-endpoint/perpetuals (clearinghouseState) and
 * .../websocket/subscriptions (WsOrder of orderUpdates, WsFill of userFills).
 */
const STATUS: Record<FakeOrderStatus, string> = {
  new: 'open',
  partially_filled: 'open',
  filled: 'filled',
  cancelled: 'canceled',
};

export function frontendOrder(order: FakeOrder): Record<string, unknown> {
  const remaining = (Number(order.quantity) - Number(order.filled)).toFixed(8).replace(/\.?0+$/, '');
  return {
    coin: order.coin,
    side: order.side === 'buy' ? 'B' : 'A',
    limitPx: order.price,
    // What was left when it stopped: a cancelled order keeps its unfilled size.
    sz: order.status === 'filled' ? '0.0' : remaining,
    oid: order.id,
    timestamp: order.createdAt,
    triggerCondition: 'N/A',
    isTrigger: false,
    triggerPx: '0.0',
    children: [],
    isPositionTpsl: false,
    reduceOnly: order.reduceOnly,
    orderType: 'Limit',
    origSz: order.quantity,
    tif: order.timeInForce,
    cloid: order.clientId === '' ? null : order.clientId,
  };
}

/** `orderStatus` info answer, and the WsOrder of `orderUpdates` (same `{order, status, statusTimestamp}`). */
export function orderWithStatus(order: FakeOrder): Record<string, unknown> {
  return { order: frontendOrder(order), status: STATUS[order.status], statusTimestamp: order.updatedAt };
}

export function userFillOf(fill: FakeFill, startPosition: string): UserFill {
  const opening = Number(startPosition) === 0 || Number(startPosition) > 0 === (fill.side === 'buy');
  const long = opening ? fill.side === 'buy' : fill.side === 'sell';
  return {
    coin: fill.coin,
    px: fill.price,
    sz: fill.quantity,
    side: fill.side === 'buy' ? 'B' : 'A',
    time: fill.time,
    startPosition,
    dir: `${opening ? 'Open' : 'Close'} ${long ? 'Long' : 'Short'}`,
    closedPnl: fill.realizedPnl,
    hash: `0x${fill.id.toString(16).padStart(64, '0')}`,
    oid: fill.orderId,
    crossed: !fill.maker,
    fee: fill.fee,
    tid: fill.id,
    feeToken: 'USDC',
  };
}

export function clearinghouseState(account: FakeAccount, data: MarketDataSet): Record<string, unknown> {
  const { total, free, used } = account.balance();
  const assetPositions = account.positions
    .filter((p) => Number(p.quantity) !== 0)
    .map((p) => {
      const value = Math.abs(Number(p.quantity) * Number(data.lastPrice(p.coin))).toFixed(6);
      return {
        type: 'oneWay',
        position: {
          coin: p.coin,
          szi: p.quantity,
          leverage: { type: 'cross', value: FAKE_LEVERAGE },
          entryPx: p.entryPrice,
          positionValue: value,
          unrealizedPnl: account.unrealizedPnl(p.coin),
          returnOnEquity: '0.0',
          liquidationPx: null,
          marginUsed: (Number(value) / FAKE_LEVERAGE).toFixed(6),
          maxLeverage: 40,
          cumFunding: { allTime: '0.0', sinceOpen: '0.0', sinceChange: '0.0' },
        },
      };
    });
  const summary = { accountValue: total, totalNtlPos: '0.0', totalRawUsd: total, totalMarginUsed: used };
  return {
    marginSummary: summary,
    crossMarginSummary: summary,
    crossMaintenanceMarginUsed: '0.0',
    withdrawable: free,
    assetPositions,
    time: data.now,
  };
}
