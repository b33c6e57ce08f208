import { Dec } from '../../../src/domain/shared/decimal';
import { SubscriptionsHost } from '../../../src/infrastructure/event-store/subscriptions-host';
import { TradingFeed, type OrderChange } from '../../../src/modules/accounts';
import { VenueReports } from '../../../src/modules/orders/execution/venue-reports';
import { OrdersProjection } from '../../../src/modules/orders/projections/orders.projection';
import { EVENT_STORE_POOL } from '../../../src/infrastructure/event-store/event-store.tokens';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres-event-store';
import type { SqlClient, SqlPool } from '../../../src/infrastructure/event-store/sql-client';
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

  it('reads an order view back only when it did not commit it itself (or another instance may have)', async () => {
    const { running, accountId } = trading();
    const placed = await running
      .as()
      .post('/v1/orders')
      .send({
        accountId,
        clientOrderId: 'kept-views',
        symbol: BTC,
        side: 'buy',
        type: 'limit',
        timeInForce: 'ioc',
        price: '1000', // far under the market: cancelled unfilled, the position stays as the tests below expect
        quantity: '0.001',
      })
      .expect(201);
    const orderId = (placed.body as { orderId: string }).orderId;
    const store = running.app.get(PostgresEventStore);
    const events = await eventually(async () => {
      const list = await store.readStream(`order-${orderId}`);
      return list.some((e) => e.type === 'OrderCancelled') ? list : undefined;
    });
    const [first, second, ...rest] = events;
    if (first === undefined || second === undefined) throw new Error('no placement events');
    // A projection of its own, in a transaction rolled back at the end: the app's rows stay as they are.
    const projection = new OrdersProjection(running.app.get(TradingFeed));
    const client = await running.app.get<symbol, SqlPool>(EVENT_STORE_POOL).connect();
    const reads: string[] = [];
    const tx: SqlClient = {
      query: (text, values) => {
        if (text.startsWith('SELECT order_id, view FROM trading_orders')) reads.push(text);
        return client.query(text, values);
      },
    };
    const version = async () =>
      (
        await client.query<{ v: string }>(
          "SELECT view->>'version' AS v FROM trading_orders WHERE order_id = $1",
          [orderId],
        )
      ).rows[0]?.v;
    try {
      await client.query('BEGIN');
      await projection.handle([first, second], tx); // starts with OrderPlaced: nothing to read
      projection.afterCommit();
      await projection.handle(rest, tx); // on the view it committed: nothing to read
      expect(reads).toHaveLength(0);
      const once = await version();
      // That batch never committed (no afterCommit): handled again, it starts from the committed view.
      await projection.handle(rest, tx);
      expect(await version()).toBe(once);
      expect(reads).toHaveLength(0);
      projection.afterCommit();
      projection.onActive(); // active again: another instance may have written meanwhile
      await projection.handle(rest, tx);
      expect(reads).toHaveLength(1);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
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
