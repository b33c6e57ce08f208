import { FakeAccount, FakeExecution, FakeFill, FakeOrder } from '../shared/fake-account';
import { binanceSymbolId } from './binanceusdm-fixtures';
import { BINANCE_STATUS } from './binanceusdm-account-shapes';

const EXECUTION: Record<FakeExecution, string> = {
  new: 'NEW',
  trade: 'TRADE',
  amendment: 'AMENDMENT',
  cancelled: 'CANCELED',
};

/**
 * User-data stream events for one account change: ORDER_TRADE_UPDATE always, ACCOUNT_UPDATE after a
 * fill (wallet and position moved).
 * Source: https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams
 * (Event-Order-Update, Event-Balance-and-Position-Update).
 */
export function binanceUserEvents(
  account: FakeAccount,
  order: FakeOrder,
  execution: FakeExecution,
  fill: FakeFill | undefined,
  now: number,
): Record<string, unknown>[] {
  const type = order.type === 'market' ? 'MARKET' : 'LIMIT';
  const orderUpdate = {
    e: 'ORDER_TRADE_UPDATE',
    E: now,
    T: now,
    o: {
      s: binanceSymbolId(order.coin),
      c: order.clientId,
      S: order.side === 'buy' ? 'BUY' : 'SELL',
      o: type,
      f: order.timeInForce,
      q: order.quantity,
      p: order.price,
      ap: order.averagePrice,
      sp: '0',
      x: EXECUTION[execution],
      X: BINANCE_STATUS[order.status],
      i: order.id,
      l: fill?.quantity ?? '0',
      z: order.filled,
      L: fill?.price ?? '0',
      N: 'USDT',
      n: fill?.fee ?? '0',
      T: now,
      t: fill?.id ?? 0,
      b: '0',
      a: '0',
      m: fill?.maker ?? false,
      R: order.reduceOnly,
      wt: 'CONTRACT_PRICE',
      ot: type,
      ps: 'BOTH',
      cp: false,
      rp: fill?.realizedPnl ?? '0',
      pP: false,
      si: 0,
      ss: 0,
      V: 'EXPIRE_MAKER',
      pm: 'NONE',
      gtd: 0,
    },
  };
  if (fill === undefined) return [orderUpdate];
  const { total } = account.balance();
  const position = account.position(order.coin);
  const accountUpdate = {
    e: 'ACCOUNT_UPDATE',
    E: now,
    T: now,
    a: {
      m: 'ORDER',
      B: [{ a: 'USDT', wb: total, cw: total, bc: '0' }],
      P: [
        {
          s: binanceSymbolId(order.coin),
          pa: position.quantity,
          ep: position.entryPrice,
          bep: position.entryPrice,
          cr: '0',
          up: account.unrealizedPnl(order.coin),
          mt: 'cross',
          iw: '0',
          ps: 'BOTH',
        },
      ],
    },
  };
  return [orderUpdate, accountUpdate];
}
