import { Dec } from '../../../src/domain/shared/decimal';
import { SubscriptionsHost } from '../../../src/infrastructure/event-store/subscriptions-host';
import { TradingFeed, type OrderChange } from '../../../src/modules/accounts';
import { VenueReports } from '../../../src/modules/orders/execution/venue-reports';
import { TopicSources } from '../../../src/modules/realtime';
import { eventually, useTradingApp } from '../../e2e/trading-helpers';

const BTC = 'BTC/USDT:USDT';

describe('trading read models and topics (int)', () => {
  const trading = useTradingApp();

  it('pushes every order change of an account on orders:{accountId}, after its projection committed', async () => {
    const { running, accountId } = trading();
    const source = running.app.get(TopicSources).get('orders');
    if (source === undefined) throw new Error('the orders topic is not registered');
    const parsed = await source.parse(`orders:${accountId}`);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(await source.parse('orders:acc_nobody')).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ACCOUNT' },
    });
    expect(await source.parse('orders:')).toMatchObject({ ok: false, error: { code: 'INVALID_TOPIC' } });
    const key = (role: 'admin' | 'trader' | 'viewer' | 'auditor') => ({ keyId: 'k', name: 'k', role });
    expect(await source.authorize(parsed.topic, key('trader'))).toBe(true);
    expect(await source.authorize(parsed.topic, key('viewer'))).toBe(true);
    expect(await source.authorize(parsed.topic, key('admin'))).toBe(true);
    expect(await source.authorize(parsed.topic, key('auditor'))).toBe(false);

    const iterator = source.open(parsed.topic)[Symbol.asyncIterator]();
    const placed = await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'topic-1',
        symbol: BTC,
        side: 'buy',
        type: 'market',
        quantity: '0.001',
      })
      .expect(201);
    const orderId = (placed.body as { orderId: string }).orderId;
    const seen: string[] = [];
    // The venue's fill may overtake its ack, so OrderWorking can come before or after OrderFilled.
    while (!seen.includes('OrderFilled') || !seen.includes('OrderWorking')) {
      const next = await iterator.next();
      const change = next.value as OrderChange;
      expect(change.order.orderId).toBe(orderId);
      seen.push(change.eventType);
      // What a subscriber is told is already readable over REST.
      const rest = await running.as().get(`/v1/orders/${orderId}`).expect(200);
      expect((rest.body as { version: number }).version).toBeGreaterThanOrEqual(change.order.version);
    }
    await iterator.return?.();
    expect(seen.slice(0, 2)).toEqual(['OrderPlaced', 'OrderAccepted']);
    const snapshot = await source.snapshot?.(parsed.topic);
    expect(snapshot).toEqual([]); // no open order left
  });

  it('pushes position changes on positions:{accountId} with the record after the fill', async () => {
    const { running, accountId } = trading();
    const source = running.app.get(TopicSources).get('positions');
    if (source === undefined) throw new Error('the positions topic is not registered');
    const parsed = await source.parse(`positions:${accountId}`);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const iterator = source.open(parsed.topic)[Symbol.asyncIterator]();
    await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'topic-2',
        symbol: BTC,
        side: 'buy',
        type: 'market',
        quantity: '0.002',
      })
      .expect(201);
    // The first test's fill (0.001) may still be on its way to this topic: it is pushed when the
    // positions projection commits, which can be after that test saw OrderFilled on the orders topic.
    const quantities: string[] = [];
    while (!quantities.includes('0.003')) {
      const next = await iterator.next();
      expect(next.value).toMatchObject({ kind: 'position', accountId, record: { symbol: BTC } });
      quantities.push((next.value as { record: { quantity: string } }).record.quantity);
    }
    await iterator.return?.();
    expect(['0.001,0.003', '0.003']).toContain(quantities.join(','));
  });

  it('applies venue funding to the position once per funding time, and to the wallet', async () => {
    const { running, accountId } = trading();
    const reports = running.app.get(VenueReports);
    const funding = {
      symbol: BTC,
      amount: '-0.0125',
      rate: '0.0001',
      timestamp: Date.parse('2026-01-01T08:00:00Z'),
    };
    expect(await reports.funding(accountId, funding)).toBe(true);
    expect(await reports.funding(accountId, funding)).toBe(false); // the same payment reported again
    const position = await eventually(async () => {
      const res = await running.as().get(`/v1/accounts/${accountId}/positions`).expect(200);
      return (res.body as { symbol: string; funding: string; netRealizedPnl: string; fees: string }[]).find(
        (p) => p.symbol === BTC && p.funding === '-0.0125',
      );
    });
    // net realized = realized - fees + funding, with nothing realized yet on this long
    expect(position.netRealizedPnl).toBe(new Dec(0).minus(position.fees).plus('-0.0125').toFixed());
    const balances = await running.as().get(`/v1/accounts/${accountId}/balances`).expect(200);
    expect(balances.body).toEqual([expect.objectContaining({ currency: 'USDT', funding: '-0.0125' })]);
  });

  it('rebuilds the orders and positions read models from the events to the same rows', async () => {
    const { running, accountId } = trading();
    const feed = running.app.get(TradingFeed);
    expect(feed).toBeDefined();
    const before = await running.as().get(`/v1/orders?accountId=${accountId}`).expect(200);
    const positionsBefore = await running.as().get(`/v1/accounts/${accountId}/positions`).expect(200);
    const host = running.app.get(SubscriptionsHost);
    await host.rebuild('trading-orders');
    await host.rebuild('trading-positions');
    await eventually(async () => {
      const after = await running.as().get(`/v1/orders?accountId=${accountId}`).expect(200);
      return JSON.stringify(after.body) === JSON.stringify(before.body) ? true : undefined;
    });
    const positionsAfter = await eventually(async () => {
      const res = await running.as().get(`/v1/accounts/${accountId}/positions`).expect(200);
      return (res.body as unknown[]).length > 0 ? res : undefined;
    });
    const strip = (list: unknown) =>
      (list as { markPrice: unknown; unrealizedPnl: unknown }[]).map(
        ({ markPrice: _m, unrealizedPnl: _u, ...rest }) => rest,
      );
    expect(strip(positionsAfter.body)).toEqual(strip(positionsBefore.body));
  });
});
