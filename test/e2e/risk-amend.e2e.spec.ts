import { Dec } from '../../src/domain/shared/decimal';
import { eventually, useTradingApp, type OrderBody } from './trading-helpers';

const BTC = 'BTC/USDT:USDT';

interface RiskRefusal {
  error: { code: string; details: { violations: { rule: string; limit: string; value: string }[] } };
}

describe('pre-trade risk on amends (e2e)', () => {
  const trading = useTradingApp();

  it('refuses an amend that would break a limit with 422 RISK_REJECTED, and leaves the order as it was', async () => {
    const { running, accountId } = trading();
    await running
      .as()
      .put(`/v1/accounts/${accountId}/risk-policy`)
      .send({ maxOrderNotional: '1000', priceBandPct: '60' })
      .expect(200);
    const book = await running
      .as()
      .post('/v1/fetchOrderBook')
      .send({ exchange: 'sim', symbol: BTC, limit: 1 });
    const bid = new Dec((book.body as { bids: [number, number][] }).bids[0]?.[0] ?? 62000);
    const price = bid.mul('0.5').toDecimalPlaces(1).toFixed(); // rests, far under the market
    const placed = await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'amend-risk',
        symbol: BTC,
        side: 'buy',
        type: 'limit',
        quantity: '0.001',
        price,
      })
      .expect(201);
    const { orderId } = placed.body as OrderBody;
    await eventually(async () => {
      const res = await running.as().get(`/v1/orders/${orderId}`).expect(200);
      return (res.body as OrderBody).status === 'working' ? true : undefined;
    });

    // 1 BTC at half the market is far more than 1000 USDT of notional.
    const bigger = await running.as().patch(`/v1/orders/${orderId}`).send({ quantity: '1' });
    expect(bigger.status).toBe(422);
    expect((bigger.body as RiskRefusal).error.code).toBe('RISK_REJECTED');
    expect((bigger.body as RiskRefusal).error.details.violations.map((v) => v.rule)).toContain(
      'max_order_notional',
    );
    // A price 90% under the mark is outside the 60% band.
    const farAway = await running
      .as()
      .patch(`/v1/orders/${orderId}`)
      .send({ price: bid.mul('0.1').toDecimalPlaces(1).toFixed() });
    expect(farAway.status).toBe(422);
    expect((farAway.body as RiskRefusal).error.details.violations.map((v) => v.rule)).toContain(
      'price_band_pct',
    );

    // An amend inside the limits still goes through.
    await running.as().patch(`/v1/orders/${orderId}`).send({ quantity: '0.002' }).expect(200);
    const after = await eventually(async () => {
      const res = await running.as().get(`/v1/orders/${orderId}`).expect(200);
      const body = res.body as OrderBody;
      return body.quantity === '0.002' ? body : undefined;
    });
    expect(after).toMatchObject({ quantity: '0.002', price });
  });
});
