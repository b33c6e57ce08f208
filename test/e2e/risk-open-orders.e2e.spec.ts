import { startApp, type RunningApp } from '../support/app-harness';
import { eventually, openAccount } from './trading-helpers';

const BTC = 'BTC/USDT:USDT';

interface OrderBody {
  orderId: string;
  status: string;
}
interface Violation {
  rule: string;
  limit: string;
  value: string;
}
interface PositionBody {
  symbol: string;
  quantity: string;
  markPrice: string | null;
}

/** Pre-trade risk counts the worst case of open orders (docs/trading.md, Risk). */
describe('risk: open orders at their worst case (e2e)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });

  afterAll(async () => {
    await running.close();
  });

  const place = (accountId: string, clientOrderId: string, body: Record<string, unknown>) =>
    running
      .as()
      .post('/v1/orders')
      .send({ accountId, clientOrderId, symbol: BTC, type: 'limit', ...body });

  async function fillMarket(accountId: string, side: 'buy' | 'sell', quantity: string): Promise<void> {
    const placed = await running
      .as()
      .post('/v1/orders')
      .send({ accountId, clientOrderId: `fill-${side}`, symbol: BTC, side, type: 'market', quantity })
      .expect(201);
    await eventually(async () => {
      const res = await running.as().get(`/v1/orders/${(placed.body as OrderBody).orderId}`);
      return (res.body as OrderBody).status === 'filled' ? true : undefined;
    });
  }

  async function position(accountId: string, quantity: string): Promise<PositionBody> {
    return eventually(async () => {
      const res = await running.as().get(`/v1/accounts/${accountId}/positions`);
      return (res.body as PositionBody[]).find((p) => p.symbol === BTC && p.quantity === quantity);
    });
  }

  async function working(orderIds: string[]): Promise<void> {
    await eventually(async () => {
      for (const id of orderIds) {
        const res = await running.as().get(`/v1/orders/${id}`);
        if ((res.body as OrderBody).status !== 'working') return undefined;
      }
      return true;
    });
  }

  it('REDUCING, long 1 BTC: a resting sell 1 reduces; a second sell 1 would flip the position and is refused', async () => {
    const accountId = await openAccount(running, { USDT: '1000000' });
    await fillMarket(accountId, 'buy', '1');
    await position(accountId, '1');
    await running
      .as()
      .post(`/v1/accounts/${accountId}/risk-mode`)
      .send({ mode: 'REDUCING', reason: 'wind down' })
      .expect(200);
    // Far above the market: both would rest, and if both filled the account would be short 1.
    const sell = { side: 'sell', quantity: '1', price: '9000000' };
    const first = await place(accountId, 'rd-sell-1', sell).expect(201);

    // At once (the first is known only to this instance's reservation) ...
    const second = await place(accountId, 'rd-sell-2', sell).expect(422);
    expect(second.body).toMatchObject({
      error: { code: 'RISK_REJECTED', details: { violations: [{ rule: 'account_reducing' }] } },
    });
    // ... and once the orders read model shows the first one resting.
    await working([(first.body as OrderBody).orderId]);
    await new Promise((r) => setTimeout(r, 300)); // past the 250 ms reuse of a read
    const third = await place(accountId, 'rd-sell-3', { ...sell, quantity: '0.5' }).expect(422);
    expect(third.body).toMatchObject({
      error: { code: 'RISK_REJECTED', details: { violations: [{ rule: 'account_reducing' }] } },
    });

    // A reduce-only order stays open to the account: the venue never lets it pass zero.
    await place(accountId, 'rd-ro', { ...sell, reduceOnly: true }).expect(201);
  });

  it('max_position_notional: 20 concurrent buys, each within the limit alone, never together exceed it', async () => {
    const accountId = await openAccount(running, { USDT: '1000000' });
    await fillMarket(accountId, 'buy', '0.01');
    const mark = Number((await position(accountId, '0.01')).markPrice);
    expect(mark).toBeGreaterThan(0);
    // Room for the 0.01 held plus 4.5 more orders of 0.01: 0.055 x mark.
    const limit = (0.055 * mark).toFixed(2);
    await running
      .as()
      .put(`/v1/accounts/${accountId}/risk-policy`)
      .send({ maxPositionNotional: limit })
      .expect(200);

    // Far below the market: they all rest, so the position read model never moves.
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        place(accountId, `burst-${i}`, { side: 'buy', quantity: '0.01', price: '1000' }),
      ),
    );
    const accepted = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 422);
    expect(accepted.length + refused.length).toBe(20);
    // Worst case of the accepted: 0.01 + 0.01 x accepted, at a mark that moves a little meanwhile.
    expect(accepted.length).toBeGreaterThanOrEqual(3);
    expect(accepted.length).toBeLessThanOrEqual(5);
    expect((0.01 + 0.01 * accepted.length) * mark * 0.9).toBeLessThanOrEqual(Number(limit));
    for (const r of refused) {
      const violations = (r.body as { error: { code: string; details: { violations: Violation[] } } }).error;
      expect(violations.code).toBe('RISK_REJECTED');
      const v = violations.details.violations.find((x) => x.rule === 'max_position_notional');
      expect(Number(v?.limit)).toBe(Number(limit)); // the wire form drops trailing zeros
      expect(Number(v?.value)).toBeGreaterThan(Number(limit)); // the worst-case notional that broke it
    }

    // Once the read model shows them resting (and the reservations are gone), still no room.
    await working(accepted.map((r) => (r.body as OrderBody).orderId));
    await new Promise((r) => setTimeout(r, 300));
    const after = await place(accountId, 'burst-after', { side: 'buy', quantity: '0.01', price: '1000' });
    expect(after.status).toBe(422);
  });

  it('a count limit past 2^53 - 1 is a 400, not a silently inexact limit', async () => {
    const accountId = await openAccount(running, { USDT: '1000' });
    const res = await running
      .as()
      .put(`/v1/accounts/${accountId}/risk-policy`)
      .send({ maxOrdersPerSecond: 2 ** 53 })
      .expect(400);
    expect(res.body).toMatchObject({
      error: { code: expect.any(String) as unknown },
      requestId: expect.any(String) as unknown,
    });
    await running
      .as()
      .put(`/v1/accounts/${accountId}/risk-policy`)
      .send({ maxOpenOrders: 1e300 })
      .expect(400);
  });
});
