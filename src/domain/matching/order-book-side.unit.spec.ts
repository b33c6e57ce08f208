import { OrderBookSide } from './order-book-side';
import type { WorkingOrder } from './resting-order';
import { Dec } from '../shared/decimal';

function order(id: string, ticks: number, isBuy: boolean): WorkingOrder {
  return {
    id,
    symbol: 'X',
    request: {
      type: 'limit',
      symbol: 'X',
      side: isBuy ? 'buy' : 'sell',
      quantity: new Dec(1),
      price: new Dec(ticks),
    },
    side: isBuy ? 'buy' : 'sell',
    isBuy,
    reduceOnly: false,
    limitTicks: ticks,
    timeInForce: 'gtc',
    totalLots: 1,
    filledLots: 0,
    triggerTicks: undefined,
    triggerBy: 'last',
    takeProfit: false,
    lockedMoney: 0n,
  };
}

describe('OrderBookSide', () => {
  it('keeps bids best (highest) first and FIFO within a price', () => {
    const bids = new OrderBookSide(true);
    const a = order('a', 100, true);
    const b = order('b', 102, true);
    const c = order('c', 100, true);
    [a, b, c].forEach((o) => bids.add(o));
    expect(bids.best()).toBe(102);
    expect(bids.all().map((o) => o.id)).toEqual(['b', 'a', 'c']);
    expect(bids.crossedBy(101).map((o) => o.id)).toEqual(['b']);
    expect(bids.crossedBy(100).map((o) => o.id)).toEqual(['b', 'a', 'c']);
    expect(bids.remove(b)).toBe(true);
    expect(bids.remove(b)).toBe(false);
    expect(bids.best()).toBe(100);
    expect(bids.size).toBe(2);
  });

  it('keeps asks best (lowest) first', () => {
    const asks = new OrderBookSide(false);
    [order('a', 105, false), order('b', 103, false), order('c', 104, false)].forEach((o) => asks.add(o));
    expect(asks.all().map((o) => o.limitTicks)).toEqual([103, 104, 105]);
    expect(asks.crossedBy(104).map((o) => o.id)).toEqual(['b', 'c']);
  });
});
