import type { Strategy } from './strategy-definition';
import { StrategySession } from './strategy-session';
import { toOrderRequest } from './intent-to-order';
import { Dec } from '../shared/decimal';
import type { Instrument } from '../matching';

const SYMBOL = 'ETH/USDT:USDT';
const why = { name: 'test', inputs: { x: 1 } };

describe('StrategySession', () => {
  it('tracks the position and open orders from the fills reported back', () => {
    const strategy: Strategy<{ fills: number }> = {
      initialState: () => ({ fills: 0 }),
      onStart: (ctx) => {
        ctx.place({ orderType: 'limit', symbol: SYMBOL, side: 'buy', quantity: 2, price: 100 }, why);
      },
      onFill: (ctx) => {
        ctx.state.fills++;
      },
    };
    const session = new StrategySession(strategy, [SYMBOL]);
    const [signal] = session.start(1000);
    expect(signal).toEqual({
      at: 1000,
      name: 'test',
      inputs: { x: 1 },
      intent: expect.objectContaining({ kind: 'place', ref: 's1' }),
    });
    expect(session.openOrders()).toHaveLength(1);
    const fill = { ref: 's1', fillId: 'f1', at: 2000, symbol: SYMBOL, side: 'buy' as const, fee: 0 };
    session.fill({ ...fill, price: 100, quantity: 1, remaining: 1 }, 2000);
    session.fill({ ...fill, fillId: 'f2', price: 103, quantity: 1, remaining: 0 }, 3000);
    // (100 * 1 + 103 * 1) / 2 = 101.5
    expect(session.position(SYMBOL)).toEqual({ symbol: SYMBOL, quantity: 2, entryPrice: 101.5 });
    expect(session.openOrders()).toEqual([]);
    expect(session.state.fills).toBe(2);
    // selling 3 flips to short 1 at the fill price
    session.fill(
      { ...fill, ref: 's2', fillId: 'f3', side: 'sell', price: 110, quantity: 3, remaining: 0 },
      4000,
    );
    expect(session.position(SYMBOL)).toEqual({ symbol: SYMBOL, quantity: -1, entryPrice: 110 });
  });

  it('a throwing hook fails the run and the session goes quiet', () => {
    const strategy: Strategy<null> = {
      initialState: () => null,
      onCandle: () => {
        throw new Error('boom');
      },
      onTimer: (ctx) => {
        ctx.cancel('s1', why);
      },
    };
    const session = new StrategySession(strategy, [SYMBOL]);
    const candle = {
      symbol: SYMBOL,
      openTime: 0,
      closeTime: 60_000,
      open: 1,
      high: 1,
      low: 1,
      close: 1,
      volume: 0,
    };
    expect(session.candle(candle, 60_000)).toEqual([]);
    expect(session.failure).toEqual({ hook: 'onCandle', at: 60_000, message: 'boom' });
    expect(session.timer(61_000)).toEqual([]);
  });

  it('keeps the open orders in placing order as fills, refusals and closes end any of them', () => {
    const closed: string[] = [];
    const strategy: Strategy<null> = {
      initialState: () => null,
      onStart: (ctx) => {
        for (const price of [100, 101, 102, 103]) {
          ctx.place({ orderType: 'limit', symbol: SYMBOL, side: 'buy', quantity: 1, price }, why);
        }
      },
      onOrderClosed: (_ctx, c) => {
        closed.push(c.ref);
      },
    };
    const session = new StrategySession(strategy, [SYMBOL]);
    expect(session.start(1000).map((s) => s.intent.ref)).toEqual(['s1', 's2', 's3', 's4']);
    const fill = { fillId: 'f', at: 2000, symbol: SYMBOL, side: 'buy' as const, price: 101, fee: 0 };
    session.fill({ ...fill, ref: 's2', quantity: 1, remaining: 0 }, 2000); // done: gone
    session.fill({ ...fill, ref: 's3', quantity: 0.25, remaining: 0.75 }, 2000); // partly: stays, in place
    session.refused({ ref: 's1', at: 2000, intent: 'place', code: 'X', message: 'no' }, 2000);
    expect(session.openOrders().map((o) => [o.ref, o.filled])).toEqual([
      ['s3', 0.25],
      ['s4', 0],
    ]);
    expect(session.orderClosed({ ref: 's4', at: 3000, reason: 'cancelled' }, 3000)).toEqual([]);
    // an order no longer open is not closed twice
    session.orderClosed({ ref: 's4', at: 3001, reason: 'cancelled' }, 3001);
    expect(closed).toEqual(['s4']);
    expect(session.openOrders().map((o) => o.ref)).toEqual(['s3']);
    // a position snapshot stays as it was handed out; the next fill makes a new one
    const before = session.position(SYMBOL);
    session.fill({ ...fill, ref: 's3', quantity: 0.75, remaining: 0 }, 4000);
    expect(before).toEqual({ symbol: SYMBOL, quantity: 1.25, entryPrice: 101 });
    expect(session.position(SYMBOL)).toEqual({ symbol: SYMBOL, quantity: 2, entryPrice: 101 });
    expect(session.openOrders()).toEqual([]);
  });
});

describe('toOrderRequest: floats become decimals on the instrument grid', () => {
  const instrument: Instrument = {
    symbol: SYMBOL,
    contractType: 'linear',
    tickSize: new Dec('0.01'),
    lotSize: new Dec('0.001'),
    minQuantity: new Dec('0.001'),
    maxLeverage: 50,
  };
  const base = { kind: 'place' as const, ref: 's1', symbol: SYMBOL };

  it('floors the quantity to the lot and rounds a limit away from the market', () => {
    const buy = toOrderRequest(
      { ...base, side: 'buy', orderType: 'limit', quantity: 0.1 + 0.2, price: 2000.129 },
      instrument,
    );
    // 0.30000000000000004 -> 0.3; a buy at 2000.129 rounds down to 2000.12
    expect(buy).toEqual({
      ok: true,
      request: expect.objectContaining({
        quantity: new Dec('0.3'),
        price: new Dec('2000.12'),
        clientOrderId: 's1',
      }),
    });
    const sell = toOrderRequest(
      { ...base, side: 'sell', orderType: 'limit', quantity: 1.0009, price: 2000.121 },
      instrument,
    );
    // 1.0009 -> 1.000 (floor); a sell at 2000.121 rounds up to 2000.13
    expect(sell).toEqual({
      ok: true,
      request: expect.objectContaining({ quantity: new Dec('1'), price: new Dec('2000.13') }),
    });
  });

  it('refuses what floors below the minimum', () => {
    expect(
      toOrderRequest({ ...base, side: 'buy', orderType: 'market', quantity: 0.0009 }, instrument),
    ).toMatchObject({ ok: false, code: 'BELOW_MIN_QUANTITY' });
  });
});
