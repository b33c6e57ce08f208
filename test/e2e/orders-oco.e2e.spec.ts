import { Dec } from '../../src/domain/shared/decimal';
import { eventually, useTradingApp, type OrderBody } from './trading-helpers';

const BTC = 'BTC/USDT:USDT';

interface PositionBody {
  symbol: string;
  quantity: string;
}

describe('orders: one-cancels-other after a real fill on the sim (e2e)', () => {
  const trading = useTradingApp();

  it('fills the take-profit, cancels the stop-loss, and leaves the position flat', async () => {
    const { running, accountId } = trading();
    const book = await running
      .as()
      .post('/v1/fetchOrderBook')
      .send({ exchange: 'sim', symbol: BTC, limit: 1 });
    const bid = new Dec((book.body as { bids: [number, number][] }).bids[0]?.[0] ?? 62000);
    // A long whose take-profit trigger has already passed (10% under the market) but whose limit is
    // far above it (+50%): it triggers and rests unfilled; the stop-loss (-50%) rests untriggered.
    const placed = await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'e2e-oco',
        symbol: BTC,
        side: 'buy',
        type: 'market',
        quantity: '0.003',
        takeProfit: {
          triggerPrice: bid.mul('0.9').toDecimalPlaces(1).toFixed(),
          price: bid.mul('1.5').toDecimalPlaces(1).toFixed(),
        },
        stopLoss: { triggerPrice: bid.mul('0.5').toDecimalPlaces(1).toFixed() },
      })
      .expect(201);
    const entry = placed.body as OrderBody & {
      takeProfit: { childOrderId: string };
      stopLoss: { childOrderId: string };
    };
    await eventually(async () => {
      const tp = (await running.as().get(`/v1/orders/${entry.takeProfit.childOrderId}`).expect(200))
        .body as OrderBody;
      const sl = (await running.as().get(`/v1/orders/${entry.stopLoss.childOrderId}`).expect(200))
        .body as OrderBody;
      return tp.status === 'working' && sl.status === 'working' ? true : undefined;
    });
    // Then the take-profit's limit moves under the market (10% below): it fills at once.
    await running
      .as()
      .patch(`/v1/orders/${entry.takeProfit.childOrderId}`)
      .send({ price: bid.mul('0.9').toDecimalPlaces(1).toFixed() })
      .expect(200);
    const settled = await eventually(async () => {
      const tp = (await running.as().get(`/v1/orders/${entry.takeProfit.childOrderId}`).expect(200))
        .body as OrderBody;
      const sl = (await running.as().get(`/v1/orders/${entry.stopLoss.childOrderId}`).expect(200))
        .body as OrderBody;
      if (tp.status === 'filled' && sl.status === 'cancelled') return { tp, sl };
      throw new Error(`tp ${JSON.stringify(tp).slice(0, 900)} sl ${sl.status}`);
    });
    expect(settled.tp).toMatchObject({ filled: '0.003', quantity: '0.003' });
    expect(settled.sl).toMatchObject({ status: 'cancelled', filled: '0' });

    // The entry records which leg fired and which it cancelled.
    const history = await running.as().get(`/v1/audit/streams/order-${entry.orderId}`).expect(200);
    const events = (history.body as { events: { type: string; data: Record<string, unknown> }[] }).events;
    const triggered = events.filter((e) => e.type === 'BracketLegTriggered');
    expect(triggered).toHaveLength(1);
    expect(triggered[0]?.data).toMatchObject({
      filledLeg: 'take_profit',
      filledChildOrderId: entry.takeProfit.childOrderId,
      cancelChildOrderId: entry.stopLoss.childOrderId,
    });

    // Bought 0.003, sold 0.003 by the take-profit: flat.
    await eventually(async () => {
      const res = await running.as().get(`/v1/accounts/${accountId}/positions`).expect(200);
      const btc = (res.body as PositionBody[]).find((p) => p.symbol === BTC);
      return btc === undefined || new Dec(btc.quantity).isZero() ? true : undefined;
    });
  });
});
