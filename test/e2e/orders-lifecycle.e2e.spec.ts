import { Dec } from '../../src/domain/shared/decimal';
import { eventually, useTradingApp, type OrderBody } from './trading-helpers';

const BTC = 'BTC/USDT:USDT';

describe('orders: expiry and brackets (e2e)', () => {
  const trading = useTradingApp();

  it('records a venue rejection with the venue reason: post-only that would cross, and missing margin', async () => {
    const { running, accountId } = trading();
    const book = await running
      .as()
      .post('/v1/fetchOrderBook')
      .send({ exchange: 'sim', symbol: BTC, limit: 1 });
    const ask = new Dec((book.body as { asks: [number, number][] }).asks[0]?.[0] ?? 62000);
    const crossing = await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'e2e-post-only',
        symbol: BTC,
        side: 'buy',
        type: 'limit',
        timeInForce: 'post_only',
        quantity: '0.001',
        price: ask.mul('1.01').toDecimalPlaces(1).toFixed(),
      })
      .expect(201);
    const huge = await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'e2e-no-margin',
        symbol: BTC,
        side: 'buy',
        type: 'market',
        quantity: '1000',
      })
      .expect(201);
    for (const [orderId, reason] of [
      [(crossing.body as OrderBody).orderId, 'POST_ONLY_WOULD_CROSS'],
      [(huge.body as OrderBody).orderId, 'INSUFFICIENT_MARGIN'],
    ] as const) {
      const rejected = await eventually(async () => {
        const res = await running.as().get(`/v1/orders/${orderId}`).expect(200);
        const body = res.body as OrderBody & { rejection: { source: string; reason: string } | null };
        return body.status === 'rejected' ? body : undefined;
      });
      expect(rejected.rejection).toMatchObject({ source: 'venue', reason });
    }
  });

  it('expires a good-till-date order at its time and takes it off the venue', async () => {
    const { running, accountId } = trading();
    const expiresAt = new Date(Date.now() + 3000).toISOString();
    const placed = await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'e2e-gtd',
        symbol: BTC,
        side: 'buy',
        type: 'limit',
        quantity: '0.002',
        price: '1000',
        timeInForce: 'gtd',
        expiresAt,
      })
      .expect(201);
    const { orderId } = placed.body as OrderBody;
    const expired = await eventually(async () => {
      const res = await running.as().get(`/v1/orders/${orderId}`).expect(200);
      const body = res.body as OrderBody & { expiresAt: string; remaining: string };
      return body.status === 'expired' ? body : undefined;
    });
    expect(expired).toMatchObject({ expiresAt, remaining: '0.002' });
    // The venue no longer holds it: a reconciliation finds nothing open there that is final here.
    await eventually(async () => {
      const res = await running.as().post(`/v1/accounts/${accountId}/reconcile`).expect(200);
      const body = res.body as { discrepancies: { kind: string; subject: string }[] };
      return body.discrepancies.some((d) => d.subject === orderId) ? undefined : true;
    });
  });

  it('arms reduce-only take-profit and stop-loss children for the filled quantity when the entry fills', async () => {
    const { running, accountId } = trading();
    const mark = await running
      .as()
      .post('/v1/fetchOrderBook')
      .send({ exchange: 'sim', symbol: BTC, limit: 1 });
    const bid = new Dec((mark.body as { bids: [number, number][] }).bids[0]?.[0] ?? 62000);
    const placed = await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'e2e-bracket',
        symbol: BTC,
        side: 'buy',
        type: 'market',
        quantity: '0.002',
        takeProfit: { triggerPrice: bid.mul('1.5').toDecimalPlaces(1).toFixed() },
        stopLoss: { triggerPrice: bid.mul('0.5').toDecimalPlaces(1).toFixed() },
      })
      .expect(201);
    const entry = placed.body as OrderBody & {
      takeProfit: { childOrderId: string };
      stopLoss: { childOrderId: string };
    };
    const children = await eventually(async () => {
      const tp = await running.as().get(`/v1/orders/${entry.takeProfit.childOrderId}`);
      const sl = await running.as().get(`/v1/orders/${entry.stopLoss.childOrderId}`);
      const ok =
        tp.status === 200 &&
        sl.status === 200 &&
        (tp.body as OrderBody).status === 'working' &&
        (sl.body as OrderBody).status === 'working';
      return ok
        ? {
            tp: tp.body as OrderBody & {
              reduceOnly: boolean;
              side: string;
              quantity: string;
              parentOrderId: string;
            },
            sl: sl.body as OrderBody,
          }
        : undefined;
    });
    expect(children.tp).toMatchObject({
      reduceOnly: true,
      side: 'sell',
      quantity: '0.002',
      parentOrderId: entry.orderId,
    });
    // cancel-all takes the children down too (one-cancels-other on a fill is covered by the decider tests).
    await running.as().post(`/v1/accounts/${accountId}/cancel-all`).expect(200);
    await eventually(async () => {
      const tp = await running.as().get(`/v1/orders/${entry.takeProfit.childOrderId}`);
      return (tp.body as OrderBody).status === 'cancelled' ? true : undefined;
    });
  });
});
