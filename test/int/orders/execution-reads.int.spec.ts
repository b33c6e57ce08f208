import { EVENT_STORE_POOL } from '../../../src/infrastructure/event-store/event-store.tokens';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres-event-store';
import type { SqlPool } from '../../../src/infrastructure/event-store/sql-client';
import { WebhookDeliveryProjection } from '../../../src/modules/webhooks/projections/webhook-delivery.projection';
import type { StoredEvent } from '../../../src/infrastructure/event-store/event-store.types';
import { TradingFeed } from '../../../src/modules/accounts';
import { AccountRiskStore, LossMonitor } from '../../../src/modules/risk';
import { useTradingApp } from '../../e2e/trading-helpers';

const BTC = 'BTC/USDT:USDT';

/** What the hot path of a placement reads from the store, counted on the real store (not a mock). */
describe('execution after a placement (int)', () => {
  const trading = useTradingApp();

  /** Places an order and waits, on the in-process feed (a GET would read the stream), for its last event. */
  const placeAndSettle = async (clientOrderId: string, order: object, last: string): Promise<string> => {
    const { running, accountId } = trading();
    const feed = running.app.get(TradingFeed);
    let orderId: string | undefined;
    let settled!: () => void;
    const done = new Promise<void>((resolve) => (settled = resolve));
    const seen: { orderId: string; eventType: string }[] = [];
    // The venue's ack (OrderWorking) may come before or after its last word on the order.
    const check = () => {
      const mine = seen.filter((c) => c.orderId === orderId).map((c) => c.eventType);
      if (mine.includes(last) && mine.includes('OrderWorking')) settled();
    };
    const unsubscribe = feed.subscribe('orders', accountId, (change) => {
      seen.push({ orderId: change.order.orderId, eventType: change.eventType });
      check();
    });
    try {
      const placed = await running
        .as()
        .post('/v1/orders')
        .send({ accountId, clientOrderId, symbol: BTC, side: 'buy', quantity: '0.001', ...order })
        .expect(201);
      orderId = (placed.body as { orderId: string }).orderId;
      check();
      await done;
      return orderId;
    } finally {
      unsubscribe();
    }
  };

  const countingReads = async (work: () => Promise<string>): Promise<{ orderId: string; read: string[] }> => {
    const { running } = trading();
    const store = running.app.get(PostgresEventStore);
    const read: string[] = [];
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId, options) => {
      read.push(streamId);
      return readStream(streamId, options);
    };
    try {
      return { orderId: await work(), read };
    } finally {
      store.readStream = readStream;
    }
  };

  /** Resolves when the loss monitor has finished its next check of the account. */
  const afterLossCheck = (accountId: string): Promise<void> => {
    const monitor = trading().running.app.get(LossMonitor);
    const check = monitor.check.bind(monitor);
    return new Promise((resolve) => {
      monitor.check = async (id) => {
        try {
          return await check(id);
        } finally {
          if (id === accountId) {
            monitor.check = check;
            resolve();
          }
        }
      };
    });
  };

  it('sends an order and records what the venue answers without reading the order or risk stream', async () => {
    const { running, accountId } = trading();
    const market = { type: 'market' };
    const lossChecked = afterLossCheck(accountId);
    await placeAndSettle('warm-up', market, 'OrderFilled'); // the account's risk state is read once, here
    // The fill moves a position; the loss monitor then reads the risk stream (off the placement's path):
    // wait for that read, so that a slow machine does not count it in the placement below.
    await lossChecked;
    // A placement reuses that read for RISK_STATE_REUSE_MS; keep it fresh, so that a slow machine's
    // book request below does not make the IOC placement read the risk stream again (by design).
    const riskStore: unknown = running.app.get(AccountRiskStore);
    const { recent } = riskStore as { recent: { entries: Map<string, { readAt: number }> } };
    const warm = recent.entries.get(accountId);
    if (warm !== undefined) warm.readAt = Date.now() + 60_000; // (neither stale nor due a refresh)
    const book = await running
      .as()
      .post('/v1/fetchOrderBook')
      .send({ exchange: 'sim', symbol: BTC, limit: 1 });
    const bid = (book.body as { bids: [number, number][] }).bids[0]?.[0] ?? 60000;
    // An IOC limit far under the market: the venue acks it and cancels the rest at once.
    const ioc = { type: 'limit', timeInForce: 'ioc', price: (Math.floor(bid * 0.9 * 10) / 10).toFixed(1) };
    const { orderId, read } = await countingReads(() => placeAndSettle('ioc', ioc, 'OrderCancelled'));
    expect(read.filter((s) => s.includes(orderId) || s.startsWith('account-risk-'))).toEqual([]);
  });

  it('records a fill reported on the venue stream without reading the order stream', async () => {
    const { running } = trading();
    const { orderId, read } = await countingReads(() =>
      placeAndSettle('filled', { type: 'market' }, 'OrderFilled'),
    );
    expect(read.filter((s) => s.includes(orderId))).toEqual([]);
    const res = await running.as().get(`/v1/orders/${orderId}`).expect(200);
    expect(res.body).toMatchObject({ status: 'filled', filled: '0.001' });
    expect((res.body as { fills: unknown[] }).fills).toHaveLength(1);
  });

  it('skips, without a transaction, the events no webhook wants, and learns new endpoints from their events', async () => {
    const { running } = trading();
    const projection = running.app.get(WebhookDeliveryProjection);
    const event = (type: string, data: unknown = {}): StoredEvent =>
      ({ type, data, eventId: '00000000-0000-7000-8000-000000000000' }) as unknown as StoredEvent;
    expect(await projection.select([event('OrderPlaced'), event('OrderFilled')])).toEqual([]);
    const registered = event('WebhookRegistered', { webhookId: 'wh_x', eventTypes: ['OrderFilled'] });
    const selected = await projection.select([registered, event('OrderPlaced'), event('OrderFilled')]);
    expect(selected.map((e) => e.type)).toEqual(['OrderFilled']);
    expect((await projection.select([event('OrderFilled')])).map((e) => e.type)).toEqual(['OrderFilled']);

    // An endpoint registered while another instance was active is known here only by its row:
    // becoming active again reads the table anew (only the row's event types matter here).
    await running.app.get<SqlPool>(EVENT_STORE_POOL).query(
      `INSERT INTO webhooks (webhook_id, url, event_types, secret, created_by, created_at, registered_position)
         VALUES ('wh_elsewhere', 'http://127.0.0.1:9/hook', ARRAY['AccountOpened'], 's', 'test', now(), 1)`,
    );
    expect(await projection.select([event('AccountOpened')])).toEqual([]);
    projection.onActive();
    expect((await projection.select([event('AccountOpened')])).map((e) => e.type)).toEqual(['AccountOpened']);
  });
});
