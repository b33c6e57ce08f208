import { Dec } from '../../../domain/shared/decimal';
import {
  InsufficientFundsError,
  OrderNotFoundError,
  OrderRejectedByVenueError,
  VenueBadRequestError,
} from '../exchange.errors';
import type { VenueFill, VenueFunding, VenueOrder } from '../trading.types';
import { SimExchangeAdapter } from './sim-exchange.adapter';
import { SimMarketGenerator } from './sim-market.generator';

const BTC = 'BTC/USDT:USDT';
const T0 = Date.UTC(2024, 4, 1, 15, 59, 0); // one minute before the 16:00 funding

function setup(start = T0) {
  let t = start;
  const adapter = new SimExchangeAdapter({ seed: 'session', now: () => t });
  const session = adapter.trading({ accountId: 'acc-1' });
  return { adapter, session, advance: (ms: number) => (t += ms) };
}

let n = 0;
const cid = () => `c${++n}`;

async function take<T>(iterable: AsyncIterable<T>, count: number, act: () => Promise<unknown>): Promise<T[]> {
  const iterator = iterable[Symbol.asyncIterator]();
  const out: T[] = [];
  await act();
  while (out.length < count) {
    const next = await iterator.next();
    if (next.done === true) break;
    out.push(next.value);
  }
  await iterator.return?.();
  return out;
}

describe('SimTradingSession', () => {
  it('gives the same session (and state) to the same accountId, a fresh one to another', async () => {
    const { adapter, session } = setup();
    await session.createOrder({
      clientOrderId: cid(),
      symbol: BTC,
      side: 'buy',
      type: 'limit',
      quantity: '0.01',
      price: '50000',
    });
    expect(adapter.trading({ accountId: 'acc-1' })).toBe(session);
    expect(await adapter.trading({ accountId: 'acc-1' }).fetchOpenOrders()).toHaveLength(1);
    expect(await adapter.trading({ accountId: 'acc-2' }).fetchOpenOrders()).toHaveLength(0);
  });

  it('fills a market order as taker at the book, with fee, position and balances agreeing', async () => {
    const { adapter, session } = setup();
    const book = await adapter.fetchOrderBook(BTC, 1);
    const order = await session.createOrder({
      clientOrderId: cid(),
      symbol: 'BTCUSDT',
      side: 'buy',
      type: 'market',
      quantity: '0.002',
    });
    expect(order).toMatchObject({
      status: 'filled',
      filled: '0.002',
      symbol: BTC,
      averagePrice: String(book.asks[0]?.[0]),
    });
    const [fill] = await session.fetchFills({ symbol: BTC });
    // fee = 0.002 * price * 0.0005 (taker)
    expect(fill).toMatchObject({ liquidity: 'taker', quantity: '0.002', feeCurrency: 'USDT' });
    expect(new Dec(fill?.fee ?? '0').eq(new Dec('0.002').mul(fill?.price ?? '0').mul('0.0005'))).toBe(true);
    const [position] = await session.fetchPositions();
    expect(position).toMatchObject({ symbol: BTC, quantity: '0.002', leverage: 10 });
    const [usdt] = await session.fetchBalances();
    expect(new Dec(usdt?.free ?? '0').plus(usdt?.used ?? '0').eq(usdt?.total ?? '')).toBe(true);
  });

  it('answers a retried clientOrderId with the order it made', async () => {
    const { session } = setup();
    const request = {
      clientOrderId: cid(),
      symbol: BTC,
      side: 'buy' as const,
      type: 'limit' as const,
      quantity: '0.01',
      price: '50000',
    };
    const first = await session.createOrder(request);
    expect(await session.createOrder(request)).toEqual(first);
    expect(await session.fetchOpenOrders(BTC)).toHaveLength(1);
  });

  it('maps engine refusals: malformed -> VenueBadRequestError, margin -> InsufficientFundsError, business -> rejected order', async () => {
    const { adapter, session } = setup();
    const limit = { symbol: BTC, side: 'buy' as const, type: 'limit' as const };
    await expect(
      session.createOrder({ ...limit, clientOrderId: cid(), quantity: '0.01', price: '50000.05' }),
    ).rejects.toBeInstanceOf(VenueBadRequestError);
    await expect(
      session.createOrder({ ...limit, clientOrderId: cid(), quantity: '0.0015', price: '50000' }),
    ).rejects.toBeInstanceOf(VenueBadRequestError);
    await expect(
      session.createOrder({ ...limit, clientOrderId: cid(), quantity: '0.01' }),
    ).rejects.toBeInstanceOf(VenueBadRequestError);
    await expect(
      session.createOrder({ ...limit, clientOrderId: cid(), quantity: '100', price: '50000' }),
    ).rejects.toBeInstanceOf(InsufficientFundsError);
    const [ask] = (await adapter.fetchOrderBook(BTC, 1)).asks[0] ?? [];
    const postOnly = await session.createOrder({
      ...limit,
      clientOrderId: cid(),
      quantity: '0.01',
      price: String(ask),
      timeInForce: 'post_only',
    });
    expect(postOnly).toMatchObject({ status: 'rejected', reason: 'POST_ONLY_WOULD_CROSS' });
    await expect(session.cancelOrder(postOnly.venueOrderId, BTC)).rejects.toBeInstanceOf(
      OrderRejectedByVenueError,
    );
    await expect(session.fetchOrder('nope', BTC)).rejects.toBeInstanceOf(OrderNotFoundError);
  });

  it('streams its orders and fills as they change', async () => {
    const { session } = setup();
    const request = {
      clientOrderId: cid(),
      symbol: BTC,
      side: 'sell' as const,
      type: 'market' as const,
      quantity: '0.001',
    };
    const orders = await take<VenueOrder>(session.watchOrders(), 2, () => session.createOrder(request));
    expect(orders.map((o) => o.status)).toEqual(['open', 'filled']);
    const fills = await take<VenueFill>(session.watchFills(), 1, () =>
      session.createOrder({ ...request, clientOrderId: cid() }),
    );
    expect(fills[0]).toMatchObject({ side: 'sell', quantity: '0.001' });
  });

  it('settles funding on an open position at the funding time', async () => {
    const { adapter, session, advance } = setup();
    await session.createOrder({
      clientOrderId: cid(),
      symbol: BTC,
      side: 'buy',
      type: 'market',
      quantity: '0.01',
    });
    const funding = await take<VenueFunding>(session.watchFunding(), 1, async () => {
      advance(2 * 60_000); // past 16:00
      await session.fetchPositions();
    });
    const ticker = await adapter.fetchTicker(BTC);
    expect(funding[0]).toMatchObject({ symbol: BTC, timestamp: Date.UTC(2024, 4, 1, 16) });
    // A long pays when the rate is positive: amount = -0.01 * mark * rate.
    expect(Math.sign(Number(funding[0]?.amount))).toBe(-Math.sign(Number(funding[0]?.rate)));
    expect(ticker.nextFundingTime).toBe(Date.UTC(2024, 5 - 1, 2, 0));
  });

  it('replays no market history into an account that had nothing in that market', async () => {
    const { session, advance } = setup();
    const order = { symbol: BTC, side: 'buy' as const, type: 'market' as const, quantity: '0.01' };
    await session.createOrder({ ...order, clientOrderId: cid() });
    await session.createOrder({ ...order, side: 'sell', clientOrderId: cid() }); // flat again
    advance(3 * 24 * 3_600_000); // three idle days
    // Counts what the feed asks the generator for (the real one still answers).
    const trades = jest.spyOn(SimMarketGenerator.prototype, 'trades');
    try {
      await session.createOrder({ ...order, clientOrderId: cid() });
      const spans = trades.mock.calls.map(([, from, to]) => to - from);
      expect(spans.every((ms) => ms < 60_000)).toBe(true);
    } finally {
      trades.mockRestore();
    }
    expect((await session.fetchPositions())[0]).toMatchObject({ symbol: BTC, quantity: '0.01' });
  });
});
