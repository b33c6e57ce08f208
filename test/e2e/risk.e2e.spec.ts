import { startApp, type RunningApp } from '../support/app-harness';
import { eventually, openAccount } from './trading-helpers';

const BTC = 'BTC/USDT:USDT';

interface RiskBody {
  version: number;
  status: string;
  haltReason: string | null;
  policy: Record<string, unknown>;
}

interface OrderBody {
  orderId: string;
  status: string;
  rejection: {
    source: string;
    reason: string;
    details: { violations: { rule: string; limit: string; value: string }[] };
  } | null;
}

describe('risk (e2e)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp();
  });

  afterAll(async () => {
    await running.close();
  });

  const order = (accountId: string, clientOrderId: string, extra: Record<string, unknown> = {}) => ({
    accountId,
    clientOrderId,
    symbol: BTC,
    side: 'buy',
    type: 'limit',
    quantity: '0.01',
    price: '1000',
    ...extra,
  });

  async function fillMarket(
    accountId: string,
    clientOrderId: string,
    side: 'buy' | 'sell',
    quantity: string,
  ): Promise<void> {
    const placed = await running
      .as()
      .post('/v1/orders')
      .send({ accountId, clientOrderId, symbol: BTC, side, type: 'market', quantity })
      .expect(201);
    await eventually(async () => {
      const res = await running.as().get(`/v1/orders/${(placed.body as OrderBody).orderId}`);
      return (res.body as OrderBody).status === 'filled' ? true : undefined;
    });
  }

  it('versions the policy; a refusal is a 422 naming each rule, limit and value, and the order is recorded', async () => {
    const accountId = await openAccount(running, { USDT: '100000' });
    const empty = await running.as().get(`/v1/accounts/${accountId}/risk-policy`).expect(200);
    expect(empty.body).toMatchObject({ version: 0, status: 'ACTIVE', policy: { maxOrderNotional: null } });
    const set = await running
      .as()
      .put(`/v1/accounts/${accountId}/risk-policy`)
      .send({ maxOrderNotional: '5', maxOpenOrders: 1, allowedSymbols: ['ETH/USDT:USDT'] })
      .expect(200);
    expect(set.body).toMatchObject({ version: 1, policy: { maxOrderNotional: '5', maxOpenOrders: 1 } });

    const refused = await running.as().post('/v1/orders').send(order(accountId, 'too-big')).expect(422);
    const violations = (
      refused.body as {
        error: { code: string; details: { violations: { rule: string; limit: string; value: string }[] } };
      }
    ).error;
    expect(violations.code).toBe('RISK_REJECTED');
    expect(violations.details.violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'max_order_notional', limit: '5', value: '10' }),
        expect.objectContaining({ rule: 'allowed_symbols', limit: 'ETH/USDT:USDT', value: BTC }),
      ]),
    );
    const list = await eventually(async () => {
      const res = await running.as().get(`/v1/orders?accountId=${accountId}&status=rejected`).expect(200);
      const items = (res.body as { items: OrderBody[] }).items;
      return items.length === 1 ? items : undefined;
    });
    expect(list[0]?.rejection).toMatchObject({ source: 'risk', reason: 'RISK_REJECTED' });
    // The same request again: the same refusal, still one order.
    await running.as().post('/v1/orders').send(order(accountId, 'too-big')).expect(422);

    const bad = await running
      .as()
      .put(`/v1/accounts/${accountId}/risk-policy`)
      .send({ maxDrawdownPct: '150', maxOrderNotional: '-1' })
      .expect(400);
    expect(bad.body).toMatchObject({ error: { code: 'INVALID_RISK_INPUT' } });
    const trader = await running.as().post('/v1/api-keys').send({ name: 't', role: 'trader' }).expect(201);
    await running
      .as((trader.body as { key: string }).key)
      .put(`/v1/accounts/${accountId}/risk-policy`)
      .send({})
      .expect(403);
  });

  it('kill switch: halts, cancels every open order, flattens every position, refuses new risk; re-arm is admin-only', async () => {
    const accountId = await openAccount(running, { USDT: '100000' });
    await fillMarket(accountId, 'ks-long', 'buy', '0.02');
    const resting = await running.as().post('/v1/orders').send(order(accountId, 'ks-resting')).expect(201);
    await eventually(async () => {
      const res = await running.as().get(`/v1/orders/${(resting.body as OrderBody).orderId}`);
      return (res.body as OrderBody).status === 'working' ? true : undefined;
    });
    await eventually(async () => {
      const res = await running.as().get(`/v1/accounts/${accountId}/positions`);
      return (res.body as { quantity: string }[]).some((p) => p.quantity === '0.02') ? true : undefined;
    });

    const tripped = await running
      .as()
      .post(`/v1/accounts/${accountId}/kill-switch`)
      .send({ reason: 'drill', flatten: true })
      .expect(200);
    expect(tripped.body).toMatchObject({ status: 'HALTED', haltReason: 'drill' });

    await eventually(async () => {
      const res = await running.as().get(`/v1/orders/${(resting.body as OrderBody).orderId}`);
      return (res.body as OrderBody).status === 'cancelled' ? true : undefined;
    });
    await eventually(async () => {
      const res = await running.as().get(`/v1/accounts/${accountId}/positions`);
      const list = res.body as { symbol: string; quantity: string }[];
      return list.length > 0 && list.every((p) => p.quantity === '0') ? true : undefined;
    });
    const refused = await running.as().post('/v1/orders').send(order(accountId, 'ks-after')).expect(422);
    expect(refused.body).toMatchObject({
      error: { code: 'RISK_REJECTED', details: { violations: [{ rule: 'account_halted' }] } },
    });

    const trader = await running.as().post('/v1/api-keys').send({ name: 't2', role: 'trader' }).expect(201);
    const traderKey = (trader.body as { key: string }).key;
    await running
      .as(traderKey)
      .post(`/v1/accounts/${accountId}/kill-switch/rearm`)
      .send({ reason: 'done' })
      .expect(403);
    const rearmed = await running
      .as()
      .post(`/v1/accounts/${accountId}/kill-switch/rearm`)
      .send({ reason: 'done' })
      .expect(200);
    expect(rearmed.body).toMatchObject({ status: 'ACTIVE', haltReason: null });
    await running
      .as()
      .post(`/v1/accounts/${accountId}/kill-switch/rearm`)
      .send({ reason: 'again' })
      .expect(409);
    await running.as(traderKey).post('/v1/orders').send(order(accountId, 'ks-after-rearm')).expect(201);

    const audit = await running.as().get(`/v1/audit/streams/account-risk-${accountId}`).expect(200);
    const types = (audit.body as { events: { type: string }[] }).events.map((e) => e.type);
    expect(types).toEqual(['KillSwitchTripped', 'KillSwitchRearmed']);
  });

  it('REDUCING takes only orders that make the position smaller', async () => {
    const accountId = await openAccount(running, { USDT: '100000' });
    await fillMarket(accountId, 'rd-long', 'buy', '0.01');
    await eventually(async () => {
      const res = await running.as().get(`/v1/accounts/${accountId}/positions`);
      return (res.body as { quantity: string }[]).some((p) => p.quantity === '0.01') ? true : undefined;
    });
    await running
      .as()
      .post(`/v1/accounts/${accountId}/risk-mode`)
      .send({ mode: 'REDUCING', reason: 'wind down' })
      .expect(200);
    const refused = await running.as().post('/v1/orders').send(order(accountId, 'rd-more')).expect(422);
    expect(refused.body).toMatchObject({
      error: { details: { violations: [{ rule: 'account_reducing' }] } },
    });
    await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'rd-less',
        symbol: BTC,
        side: 'sell',
        type: 'limit',
        quantity: '0.005',
        price: '900000',
      })
      .expect(201);
    const state = await running.as().get(`/v1/accounts/${accountId}/risk-policy`).expect(200);
    expect(state.body).toMatchObject({ status: 'REDUCING' });
  });

  it('caps the order rate per second, also for concurrent placements', async () => {
    const accountId = await openAccount(running, { USDT: '100000' });
    await running
      .as()
      .put(`/v1/accounts/${accountId}/risk-policy`)
      .send({ maxOrdersPerSecond: 2 })
      .expect(200);
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        running
          .as()
          .post('/v1/orders')
          .send(order(accountId, `rate-${i}`)),
      ),
    );
    const seconds = Math.ceil((Date.now() - started) / 1000);
    const accepted = responses.filter((r) => r.status === 201).length;
    const refused = responses.filter((r) => r.status === 422);
    expect(accepted).toBeGreaterThanOrEqual(1);
    expect(accepted).toBeLessThanOrEqual(2 * seconds); // at most 2 in any one second
    expect(accepted + refused.length).toBe(8);
    for (const r of refused) {
      expect(r.body).toMatchObject({
        error: { details: { violations: [{ rule: 'max_orders_per_second', limit: '2' }] } },
      });
    }
  });

  it('the loss monitor trips the kill switch by itself when the daily loss limit is reached', async () => {
    const accountId = await openAccount(running, { USDT: '100000' });
    await running
      .as()
      .put(`/v1/accounts/${accountId}/risk-policy`)
      .send({ maxDailyLoss: '0.01' })
      .expect(200);
    // A round trip locks in a loss of two taker fees (0.05% of ~620 USDT each) and the spread, far past
    // 0.01. One leg alone would not do: the sim's mark can sit past the book by more than the fee for
    // hours at a time (6.5 h of a 48 h sample, by up to 0.25%), so an open position may show a gain.
    const legs = await Promise.all(
      (['buy', 'sell'] as const).map((side) =>
        running
          .as()
          .post('/v1/orders')
          .send({
            accountId,
            clientOrderId: `lm-${side}`,
            symbol: BTC,
            side,
            type: 'market',
            quantity: '0.01',
          }),
      ),
    );
    expect(legs.map((r) => r.status)).toEqual([201, 201]);
    const halted = await eventually(async () => {
      const res = await running.as().get(`/v1/accounts/${accountId}/risk-policy`).expect(200);
      const body = res.body as RiskBody;
      return body.status === 'HALTED' ? body : undefined;
    });
    expect(halted.haltReason).toMatch(/^max_daily_loss /);
    const audit = await running.as().get(`/v1/audit/streams/account-risk-${accountId}`).expect(200);
    const trip = (audit.body as { events: { type: string; metadata: { actor: string } }[] }).events.find(
      (e) => e.type === 'KillSwitchTripped',
    );
    expect(trip?.metadata.actor).toBe('system:loss-monitor');
  });

  it('sizes a position from risk % of equity and the stop distance, rounded down to the lot', async () => {
    const accountId = await openAccount(running, { USDT: '10000' });
    // 10000 * 1% = 100 at risk; 100 / |62000 - 61000| = 0.1 BTC (lot 0.001)
    const sized = await running
      .as()
      .post(`/v1/accounts/${accountId}/position-size`)
      .send({ symbol: BTC, riskPct: '1', entryPrice: '62000', stopPrice: '61000' })
      .expect(200);
    expect(sized.body).toEqual({
      quantity: '0.1',
      riskAmount: '100',
      stopDistance: '1000',
      riskAtStop: '100',
      equity: '10000',
      lotSize: '0.001',
    });
    // 10000 * 0.5% = 50; 50 / 700 = 0.0714... -> 0.071
    const rounded = await running
      .as()
      .post(`/v1/accounts/${accountId}/position-size`)
      .send({ symbol: BTC, riskPct: '0.5', entryPrice: '62000', stopPrice: '62700' })
      .expect(200);
    expect(rounded.body).toMatchObject({ quantity: '0.071', riskAtStop: '49.7' });
    await running
      .as()
      .post(`/v1/accounts/${accountId}/position-size`)
      .send({ symbol: BTC, riskPct: 'x', entryPrice: '1', stopPrice: '2' })
      .expect(400);
    await running
      .as()
      .post(`/v1/accounts/${accountId}/position-size`)
      .send({ symbol: BTC, riskPct: '0.0001', entryPrice: '62000', stopPrice: '61000' })
      .expect(422);
  });
});
