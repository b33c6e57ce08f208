import { startApp, type RunningApp } from '../support/app-harness';
import { openAccount } from './trading-helpers';

const BTC = 'BTC/USDT:USDT';

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
  requestId: string;
}

describe('orders: every bad input is a 400 with the error shape (e2e)', () => {
  let running: RunningApp;
  let accountId: string;

  beforeAll(async () => {
    running = await startApp();
    accountId = await openAccount(running, { USDT: '10000' });
  });

  afterAll(async () => {
    await running.close();
  });

  const base = () => ({
    accountId,
    clientOrderId: `bad-${Math.random().toString(36).slice(2)}`,
    symbol: BTC,
    side: 'buy',
    type: 'limit',
    quantity: '0.01',
    price: '60000',
  });

  const cases: [string, Record<string, unknown>, string, string | null][] = [
    ['negative quantity', { quantity: '-0.01' }, 'INVALID_ORDER', 'quantity'],
    ['zero quantity', { quantity: '0' }, 'INVALID_ORDER', 'quantity'],
    ['non-numeric quantity', { quantity: 'lots' }, 'INVALID_ORDER', 'quantity'],
    ['a number instead of a decimal string', { quantity: 0.01 }, 'VALIDATION_FAILED', null],
    ['too many decimals for the lot (0.001)', { quantity: '0.0001' }, 'INVALID_ORDER', 'quantity'],
    ['too many decimals for the tick (0.1)', { price: '60000.05' }, 'INVALID_ORDER', 'price'],
    ['negative price', { price: '-1' }, 'INVALID_ORDER', 'price'],
    ['zero price', { price: '0' }, 'INVALID_ORDER', 'price'],
    ['exponent notation', { price: '6e4' }, 'INVALID_ORDER', 'price'],
    ['huge quantity', { quantity: '1'.repeat(400) }, 'INVALID_ORDER', 'quantity'],
    ['huge price', { price: '99999999999999999999999999999' }, 'INVALID_ORDER', 'price'],
    ['leading space', { quantity: ' 1' }, 'INVALID_ORDER', 'quantity'],
    ['hexadecimal', { quantity: '0x10' }, 'INVALID_ORDER', 'quantity'],
    ['trailing dot', { quantity: '1.' }, 'INVALID_ORDER', 'quantity'],
    ['upper-case side', { side: 'BUY' }, 'VALIDATION_FAILED', null],
    ['limit without price', { price: undefined }, 'INVALID_ORDER', 'price'],
    ['market with a price', { type: 'market' }, 'INVALID_ORDER', 'price'],
    ['stop without trigger', { type: 'stop_market', price: undefined }, 'INVALID_ORDER', 'triggerPrice'],
    ['gtd without expiresAt', { timeInForce: 'gtd' }, 'INVALID_ORDER', 'expiresAt'],
    [
      'gtd in the past',
      { timeInForce: 'gtd', expiresAt: '2001-01-01T00:00:00Z' },
      'INVALID_ORDER',
      'expiresAt',
    ],
    ['unknown account', { accountId: 'acc_nope' }, 'UNKNOWN_ACCOUNT', 'accountId'],
    ['unknown symbol', { symbol: 'NOPE/USDT:USDT' }, 'BAD_SYMBOL', 'symbol'],
    ['unknown side', { side: 'hold' }, 'VALIDATION_FAILED', null],
    ['unknown type', { type: 'iceberg' }, 'VALIDATION_FAILED', null],
    ['missing clientOrderId', { clientOrderId: undefined }, 'VALIDATION_FAILED', null],
    ['bad clientOrderId', { clientOrderId: 'has spaces' }, 'VALIDATION_FAILED', null],
    ['unknown field', { leverage: 100 }, 'VALIDATION_FAILED', null],
    [
      'take-profit below a long entry',
      { takeProfit: { triggerPrice: '50000' } },
      'INVALID_ORDER',
      'takeProfit.triggerPrice',
    ],
  ];

  it.each(cases)('%s', async (_name, change, code, field) => {
    const res = await running
      .as()
      .post('/v1/orders')
      .send({ ...base(), ...change });
    expect(res.status).toBe(400);
    const body = res.body as ErrorBody;
    expect(body).toMatchObject({
      error: { code, message: expect.any(String) },
      requestId: expect.any(String),
    });
    if (field !== null) expect(body.error.details.field).toBe(field);
  });

  it('records nothing for a bad placement', async () => {
    const clientOrderId = 'never-recorded';
    await running
      .as()
      .post('/v1/orders')
      .send({ ...base(), clientOrderId, quantity: '-1' })
      .expect(400);
    const list = await running.as().get(`/v1/orders?accountId=${accountId}`).expect(200);
    expect(
      (list.body as { items: { clientOrderId: string }[] }).items.map((o) => o.clientOrderId),
    ).not.toContain(clientOrderId);
  });

  it('refuses bad amends with 400 and unknown orders with 404', async () => {
    const placed = await running
      .as()
      .post('/v1/orders')
      .send({ ...base(), price: '1000' })
      .expect(201);
    const id = (placed.body as { orderId: string }).orderId;
    for (const body of [{ price: '-5' }, { quantity: '0.00001' }, { price: 'abc' }, {}]) {
      const res = await running.as().patch(`/v1/orders/${id}`).send(body);
      expect({ body, status: res.status, code: (res.body as ErrorBody).error.code }).toEqual({
        body,
        status: 400,
        code: 'INVALID_ORDER',
      });
    }
    await running.as().patch('/v1/orders/ord_000000000000000000000000').send({ price: '1' }).expect(404);
    await running.as().delete('/v1/orders/nonsense').expect(404);
    await running.as().get('/v1/orders/ord_000000000000000000000000').expect(404);
  });

  it('refuses moving a trigger with 400 (the venue port amends only price and quantity)', async () => {
    const placed = await running
      .as()
      .post('/v1/orders')
      .send({ ...base(), type: 'stop_market', price: undefined, triggerPrice: '500000' })
      .expect(201);
    const id = (placed.body as { orderId: string }).orderId;
    const res = await running.as().patch(`/v1/orders/${id}`).send({ triggerPrice: '400000' });
    expect({ status: res.status, details: (res.body as ErrorBody).error.details }).toMatchObject({
      status: 400,
      details: { field: 'triggerPrice', problem: 'NOT_ALLOWED' },
    });
  });

  it('refuses bad list filters and a forged cursor with 400', async () => {
    for (const q of ['status=sleeping', 'limit=0', 'limit=abc', 'from=yesterday', 'cursor=%%%']) {
      const res = await running.as().get(`/v1/orders?${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
    }
  });

  it('lets a viewer read but not trade', async () => {
    const key = await running.as().post('/v1/api-keys').send({ name: 'viewer', role: 'viewer' }).expect(201);
    const viewer = running.as((key.body as { key: string }).key);
    await viewer.get(`/v1/orders?accountId=${accountId}`).expect(200);
    await viewer.post('/v1/orders').send(base()).expect(403);
  });
});
